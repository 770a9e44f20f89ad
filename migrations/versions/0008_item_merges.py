"""item merges: a decision may merge its item into another (decisions.merged_into_id)

Revision ID: 0008
Revises: 0007v
Create Date: 2026-12-01 14:10:00

Merging two items that say the same thing is a decision of the table, recorded like the others
(session, reason, who, when): the outcome "merged" and the item it was merged into. The item's
status becomes "merged" (items.merged_into_id already existed, with no way to set it).
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007v'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_decisions_merged_into_id_items'), 'items', ['merged_into_id'],
                                    ['id'])
        batch_op.drop_constraint(batch_op.f('ck_decisions_outcome'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_decisions_outcome'),
                                         "outcome IN ('agreed', 'rejected', 'deferred', 'merged')")
        batch_op.create_check_constraint(batch_op.f('ck_decisions_merge_has_target'),
                                         "(outcome = 'merged') = (merged_into_id IS NOT NULL)")


def downgrade():
    op.execute("UPDATE decisions SET merged_into_id = NULL, outcome = 'deferred' WHERE outcome = 'merged'")
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_decisions_merge_has_target'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_decisions_outcome'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_decisions_outcome'),
                                         "outcome IN ('agreed', 'rejected', 'deferred')")
        batch_op.drop_constraint(batch_op.f('fk_decisions_merged_into_id_items'), type_='foreignkey')
        batch_op.drop_column('merged_into_id')
