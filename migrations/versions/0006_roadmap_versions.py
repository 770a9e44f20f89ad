"""roadmap versions: a validated roadmap as an immutable version

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 06:00:00

Each validation of an initiative's roadmap stores its number, date, who validated it, the facts it
was built from (JSON, both languages) with their digest, and the files built from them (PDF and
DOCX in Spanish and English), so a version downloads byte for byte later.
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'roadmap_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('initiative_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('validated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('validated_by_id', sa.Integer(), nullable=True),
        sa.Column('facts', sa.JSON(), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('pdf_es', sa.LargeBinary(), nullable=False),
        sa.Column('pdf_en', sa.LargeBinary(), nullable=False),
        sa.Column('docx_es', sa.LargeBinary(), nullable=False),
        sa.Column('docx_en', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'],
                                name=op.f('fk_roadmap_versions_initiative_id_initiatives'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['validated_by_id'], ['staff_users.id'],
                                name=op.f('fk_roadmap_versions_validated_by_id_staff_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_roadmap_versions')),
        sa.UniqueConstraint('initiative_id', 'number', name='uq_roadmap_versions_initiative_number'),
    )
    with op.batch_alter_table('roadmap_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roadmap_versions_initiative_id'), ['initiative_id'], unique=False)


def downgrade():
    with op.batch_alter_table('roadmap_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roadmap_versions_initiative_id'))
    op.drop_table('roadmap_versions')
