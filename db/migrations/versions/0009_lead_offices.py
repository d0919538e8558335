"""lead offices: the offices a program lead reports on, assigned by an administrator

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 09:00:00

One row per (lead, office); a row with no office means "every office". A lead with no row reports on
their own office, as before.
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'lead_office',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('office_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['app_user.id'], name=op.f('fk_lead_office_user_id_app_user'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['office_id'], ['office.id'], name=op.f('fk_lead_office_office_id_office'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lead_office')),
        sa.UniqueConstraint('user_id', 'office_id', name=op.f('uq_lead_office_user_id')),
    )


def downgrade() -> None:
    op.drop_table('lead_office')
