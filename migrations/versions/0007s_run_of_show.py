"""run of show: each agenda entry's planned round and time budget, the programme's defaults by
phase, when the current item came up and what the projector shows

Revision ID: 0007s
Revises: 0006
Create Date: 2026-12-01 10:30:00

Plan columns left empty take the programme's default for the session's phase
(`workshop.voting.runshow`). Entries sharing `plan_vote_group` are voted in one multi-item round.
"""
import sqlalchemy as sa
from alembic import op

revision = '0007s'
down_revision = '0007a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agenda_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('plan_method', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('plan_quorum', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('plan_threshold', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('plan_cross_sector', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('plan_anonymous', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('plan_results', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('plan_dots', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('plan_seconds', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('plan_minutes', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('plan_vote_group', sa.Integer(), nullable=True))
        batch_op.create_check_constraint('plan_quorum_not_negative', 'plan_quorum IS NULL OR plan_quorum >= 0')
        batch_op.create_check_constraint(
            'plan_threshold_share', 'plan_threshold IS NULL OR (plan_threshold >= 0 AND plan_threshold <= 1)')
        batch_op.create_check_constraint('plan_dots_positive', 'plan_dots IS NULL OR plan_dots >= 1')
        batch_op.create_check_constraint(
            'plan_seconds_range', 'plan_seconds IS NULL OR (plan_seconds >= 0 AND plan_seconds <= 3600)')
        batch_op.create_check_constraint(
            'plan_minutes_range', 'plan_minutes IS NULL OR (plan_minutes >= 0 AND plan_minutes <= 600)')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('current_item_since', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('projector_mode', sa.String(length=10), server_default='auto', nullable=False))
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('round_defaults', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_column('round_defaults')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_column('projector_mode')
        batch_op.drop_column('current_item_since')
    with op.batch_alter_table('agenda_entries', schema=None) as batch_op:
        for name in ('plan_minutes_range', 'plan_seconds_range', 'plan_dots_positive', 'plan_threshold_share',
                     'plan_quorum_not_negative'):
            batch_op.drop_constraint(name, type_='check')
        for name in ('plan_vote_group', 'plan_minutes', 'plan_seconds', 'plan_dots', 'plan_results',
                     'plan_anonymous', 'plan_cross_sector', 'plan_threshold', 'plan_quorum', 'plan_method'):
            batch_op.drop_column(name)
