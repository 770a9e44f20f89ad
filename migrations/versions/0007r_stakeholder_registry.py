"""stakeholder registry: registered people, personal invitations, phones' passes, invited-only sessions

Revision ID: 0007r
Revises: 0006
Create Date: 2026-12-01 11:00:00

A stakeholder may be on the programme's registry (`registered_at`), hold a personal invitation (the
SHA-256 of its token and the nonce it is derived from) and be merged into another record
(`merged_into_id`). `stakeholder_passes` keeps the SHA-256 of the passes phones hold to join the
programme's other sessions as the same person; `registry_events` logs the secretariat's changes.
A session may be invited-only.
"""
import sqlalchemy as sa
from alembic import op

revision = '0007r'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invited_only', sa.Boolean(), server_default='0', nullable=False))
    with op.batch_alter_table('stakeholders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registered_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('invitation_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('invitation_nonce', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('invited_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_stakeholders_invitation_hash'), ['invitation_hash'])
        batch_op.create_foreign_key(batch_op.f('fk_stakeholders_merged_into_id_stakeholders'), 'stakeholders',
                                    ['merged_into_id'], ['id'], ondelete='SET NULL')
    op.create_table(
        'stakeholder_passes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('stakeholder_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['stakeholder_id'], ['stakeholders.id'],
                                name=op.f('fk_stakeholder_passes_stakeholder_id_stakeholders'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_stakeholder_passes')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_stakeholder_passes_token_hash')),
    )
    with op.batch_alter_table('stakeholder_passes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stakeholder_passes_stakeholder_id'), ['stakeholder_id'], unique=False)
    op.create_table(
        'registry_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('stakeholder_id', sa.Integer(), nullable=True),
        sa.Column('other_stakeholder_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('staff_user_id', sa.Integer(), nullable=True),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'],
                                name=op.f('fk_registry_events_programme_id_programmes'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['stakeholder_id'], ['stakeholders.id'],
                                name=op.f('fk_registry_events_stakeholder_id_stakeholders'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['other_stakeholder_id'], ['stakeholders.id'],
                                name=op.f('fk_registry_events_other_stakeholder_id_stakeholders'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['staff_user_id'], ['staff_users.id'],
                                name=op.f('fk_registry_events_staff_user_id_staff_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_events')),
    )
    with op.batch_alter_table('registry_events', schema=None) as batch_op:
        batch_op.create_index('ix_registry_events_programme_id_id', ['programme_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_events_stakeholder_id'), ['stakeholder_id'], unique=False)


def downgrade():
    with op.batch_alter_table('registry_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_events_stakeholder_id'))
        batch_op.drop_index('ix_registry_events_programme_id_id')
    op.drop_table('registry_events')
    with op.batch_alter_table('stakeholder_passes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stakeholder_passes_stakeholder_id'))
    op.drop_table('stakeholder_passes')
    with op.batch_alter_table('stakeholders', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_stakeholders_merged_into_id_stakeholders'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_stakeholders_invitation_hash'), type_='unique')
        batch_op.drop_column('merged_into_id')
        batch_op.drop_column('invited_at')
        batch_op.drop_column('invitation_nonce')
        batch_op.drop_column('invitation_hash')
        batch_op.drop_column('registered_at')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_column('invited_only')
