"""the record: item codes, decision history, one open round, participants' identity

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 03:40:00

- items get a stable code per initiative (LA-n, RP-n) from counters on the initiative that
  only grow; existing items are numbered in creation order;
- decisions are history: the one-per-session-and-item constraint goes;
- at most one open round per session (a partial unique index);
- a client_vote_id is unique per participant *and round*;
- participants: a personal code (proves identity on a new phone), admission, removal, merge;
- sessions may require the facilitator to admit each participant.
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def upgrade():
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_action_line_number', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('last_policy_reform_number', sa.Integer(), server_default='0',
                                      nullable=False))
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code', sa.String(length=12), nullable=True))

    bind = op.get_bind()
    items = bind.execute(sa.text("SELECT id, initiative_id, kind FROM items ORDER BY initiative_id, id")).all()
    counters: dict[tuple[int, str], int] = {}
    for item_id, initiative_id, kind in items:
        number = counters.get((initiative_id, kind), 0) + 1
        counters[(initiative_id, kind)] = number
        prefix = "LA" if kind == "action_line" else "RP"
        bind.execute(sa.text("UPDATE items SET code = :code WHERE id = :id"), {"code": f"{prefix}-{number}", "id": item_id})
    for (initiative_id, kind), number in counters.items():
        bind.execute(sa.text(f"UPDATE initiatives SET last_{kind}_number = :n WHERE id = :id"),
                     {"n": number, "id": initiative_id})

    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_items_initiative_code', ['initiative_id', 'code'])

    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requires_admission', sa.Boolean(), server_default='0', nullable=False))

    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('personal_code', sa.String(length=12), server_default='', nullable=False))
        batch_op.add_column(sa.Column('is_admitted', sa.Boolean(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_participants_merged_into_id_participants', 'participants',
                                    ['merged_into_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        # One *present* participant per person per session: a removed one stays on record, and the
        # person (say, the real one after an impostor was removed) may join again.
        batch_op.drop_constraint('uq_participants_session_stakeholder', type_='unique')
        batch_op.create_index('uq_participants_one_present_per_stakeholder', ['session_id', 'stakeholder_id'],
                              unique=True, sqlite_where=sa.text("removed_at IS NULL"),
                              postgresql_where=sa.text("removed_at IS NULL"))
    for (participant_id,) in bind.execute(sa.text("SELECT id FROM participants")).all():
        code = "".join(secrets.choice(_ALPHABET) for _ in range(6))
        bind.execute(sa.text("UPDATE participants SET personal_code = :c WHERE id = :id"),
                     {"c": code, "id": participant_id})

    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.create_index('uq_rounds_one_open_per_session', ['session_id'], unique=True,
                              sqlite_where=sa.text("state = 'open'"), postgresql_where=sa.text("state = 'open'"))

    with op.batch_alter_table('vote_receipts', schema=None) as batch_op:
        batch_op.drop_constraint('uq_vote_receipts_participant_client_vote', type_='unique')
        batch_op.create_unique_constraint('uq_vote_receipts_participant_round_client_vote',
                                          ['participant_id', 'round_id', 'client_vote_id'])

    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_constraint('uq_decisions_session_item', type_='unique')
        batch_op.create_index('ix_decisions_item_id_decided_at', ['item_id', 'decided_at'], unique=False)


def downgrade():
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index('ix_decisions_item_id_decided_at')
        batch_op.create_unique_constraint('uq_decisions_session_item', ['session_id', 'item_id'])
    with op.batch_alter_table('vote_receipts', schema=None) as batch_op:
        batch_op.drop_constraint('uq_vote_receipts_participant_round_client_vote', type_='unique')
        batch_op.create_unique_constraint('uq_vote_receipts_participant_client_vote',
                                          ['participant_id', 'client_vote_id'])
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_index('uq_rounds_one_open_per_session')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index('uq_participants_one_present_per_stakeholder')
        batch_op.create_unique_constraint('uq_participants_session_stakeholder', ['session_id', 'stakeholder_id'])
        batch_op.drop_constraint('fk_participants_merged_into_id_participants', type_='foreignkey')
        batch_op.drop_column('merged_into_id')
        batch_op.drop_column('removed_at')
        batch_op.drop_column('is_admitted')
        batch_op.drop_column('personal_code')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_column('requires_admission')
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_constraint('uq_items_initiative_code', type_='unique')
        batch_op.drop_column('code')
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_column('last_policy_reform_number')
        batch_op.drop_column('last_action_line_number')
