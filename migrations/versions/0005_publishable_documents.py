"""publishable documents: indicator and budget details, programme years and branding, sex

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 05:50:00

- items: baseline, target, target year and means of verification of the indicator; the budget's
  source (public / private / mixed) and price year;
- programmes: the start year and what short / medium / long mean in years (timelines with real
  years), the funders' acknowledgement, and logos (a table);
- stakeholders: sex, optional on joining, reported only in aggregate.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('budget_source', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('budget_price_year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('baseline', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('target', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('target_year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('verification', sa.Text(), server_default='', nullable=False))
        batch_op.create_check_constraint(
            'budget_source', "budget_source IS NULL OR budget_source IN ('public', 'private', 'mixed')")
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('start_year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('short_horizon_years', sa.Integer(), server_default='2', nullable=False))
        batch_op.add_column(sa.Column('medium_horizon_years', sa.Integer(), server_default='5', nullable=False))
        batch_op.add_column(sa.Column('long_horizon_years', sa.Integer(), server_default='10', nullable=False))
        batch_op.add_column(sa.Column('acknowledgement', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('acknowledgement_en', sa.Text(), server_default='', nullable=False))
    with op.batch_alter_table('stakeholders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sex', sa.String(length=12), nullable=True))
        batch_op.create_check_constraint(
            'sex', "sex IS NULL OR sex IN ('female', 'male', 'other', 'undisclosed')")
    op.create_table(
        'programme_logos',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=12), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('content_type', sa.String(length=40), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('institution', 'funder')", name=op.f('ck_programme_logos_role')),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'],
                                name=op.f('fk_programme_logos_programme_id_programmes'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_logos')),
    )
    with op.batch_alter_table('programme_logos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_logos_programme_id'), ['programme_id'], unique=False)


def downgrade():
    with op.batch_alter_table('programme_logos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_logos_programme_id'))
    op.drop_table('programme_logos')
    with op.batch_alter_table('stakeholders', schema=None) as batch_op:
        batch_op.drop_constraint('sex', type_='check')
        batch_op.drop_column('sex')
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        for column in ('acknowledgement_en', 'acknowledgement', 'long_horizon_years', 'medium_horizon_years',
                       'short_horizon_years', 'start_year'):
            batch_op.drop_column(column)
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_constraint('budget_source', type_='check')
        for column in ('verification', 'target_year', 'target', 'baseline', 'budget_price_year', 'budget_source'):
            batch_op.drop_column(column)
