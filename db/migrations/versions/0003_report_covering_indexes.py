"""covering indexes for the HUD-9902 and pipeline aggregates: sessions by date, milestones by household, outcomes by date

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 20:25:00
"""

from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'ix_session_date_household_purpose', 'counseling_session', ['session_date', 'household_id', 'purpose']
    )
    op.create_index(
        'ix_milestone_household_code_on', 'milestone', ['household_id', 'code', 'achieved_on', 'value']
    )
    op.create_index('ix_outcome_on_household_code', 'outcome', ['achieved_on', 'household_id', 'code'])


def downgrade() -> None:
    op.drop_index('ix_outcome_on_household_code', table_name='outcome')
    op.drop_index('ix_milestone_household_code_on', table_name='milestone')
    op.drop_index('ix_session_date_household_purpose', table_name='counseling_session')
