"""tally version: rounds.tally_version grows with every commit that changes a round's votes

Revision ID: 0007v
Revises: 0006
Create Date: 2026-12-01 11:00:00

Every `tally` event carries it, so a screen drops a tally older than the one it shows (two
processes behind a proxy may deliver them out of order); a process's in-memory tally of a round
is the database's exactly when their versions match.
"""
import sqlalchemy as sa
from alembic import op

revision = '0007v'
down_revision = '0007s'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tally_version', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_column('tally_version')
