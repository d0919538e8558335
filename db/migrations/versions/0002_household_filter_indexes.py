"""household filter indexes: status/last contact, follow-up date, jurisdiction, language

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 19:45:00
"""

from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_household_office_status_contact', 'household', ['office_id', 'status', 'last_contact_on'])
    op.create_index('ix_household_office_follow_up', 'household', ['office_id', 'next_follow_up'])
    op.create_index('ix_household_office_jurisdiction', 'household', ['office_id', 'jurisdiction'])
    op.create_index('ix_household_office_language', 'household', ['office_id', 'preferred_language'])


def downgrade() -> None:
    op.drop_index('ix_household_office_language', table_name='household')
    op.drop_index('ix_household_office_jurisdiction', table_name='household')
    op.drop_index('ix_household_office_follow_up', table_name='household')
    op.drop_index('ix_household_office_status_contact', table_name='household')
