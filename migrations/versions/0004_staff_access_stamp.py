"""staff access: a stamp that ends tokens, cookies and sockets; revoked tokens

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 05:30:00

- staff_users.auth_version grows when an account's password, role or status changes; every
  staff token, login cookie and socket carries the value it was given with and dies with it;
- revoked_tokens: staff tokens revoked before their end (DELETE /api/v1/auth/token), kept until
  they would have expired.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('auth_version', sa.Integer(), server_default='0', nullable=False))
    op.create_table(
        'revoked_tokens',
        sa.Column('jti', sa.String(length=32), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('jti', name=op.f('pk_revoked_tokens')),
    )
    with op.batch_alter_table('revoked_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revoked_tokens_expires_at'), ['expires_at'], unique=False)


def downgrade():
    with op.batch_alter_table('revoked_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revoked_tokens_expires_at'))
    op.drop_table('revoked_tokens')
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_column('auth_version')
