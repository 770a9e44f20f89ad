"""anonymous comments: a session's setting and a comment's flag

Revision ID: 0007a
Revises: 0006
Create Date: 2026-12-01 11:20:00

`sessions.allow_anonymous_comments` (off by default): the facilitator lets phones comment
without their name. `comments.is_anonymous`: this comment is shown to every audience and in
every document as "Anónimo"/"Anonymous"; the row keeps its participant (moderation, rate limits
and the author's own "hidden" notice), and turning the setting off later never names it.
"""
import sqlalchemy as sa
from alembic import op

revision = '0007a'
down_revision = '0007r'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('allow_anonymous_comments', sa.Boolean(), server_default='0', nullable=False))
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_anonymous', sa.Boolean(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_column('is_anonymous')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_column('allow_anonymous_comments')
