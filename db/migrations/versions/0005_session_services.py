"""session services: each household's one-on-one purposes per fiscal year (HUD-9902), and covering indexes for the dashboard's open files

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 01:30:00

db.models.refresh_services keeps session_service in step with counseling_session from now on (every
ORM flush that touches a session); the upgrade fills it for the sessions that exist, with the same
rule, in SQL.
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def _fiscal_year(column: str) -> str:
    """The federal fiscal year of a date column: the calendar year three months later (1 Oct -> next year)."""
    if op.get_bind().dialect.name == 'postgresql':
        return f"CAST(EXTRACT(YEAR FROM {column} + INTERVAL '3 months') AS INTEGER)"
    return f"CAST(strftime('%Y', date({column}, '+3 months')) AS INTEGER)"


def upgrade() -> None:
    op.create_table(
        'session_service',
        sa.Column('household_id', sa.Integer(), nullable=False),
        sa.Column('fiscal_year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('purpose', sa.String(length=30), nullable=False),
        sa.Column('first_on', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ['household_id'], ['household.id'],
            name=op.f('fk_session_service_household_id_household'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('household_id', 'fiscal_year', 'purpose', name=op.f('pk_session_service')),
    )
    year = _fiscal_year('session_date')
    op.execute(
        'INSERT INTO session_service (household_id, fiscal_year, purpose, first_on) '
        f'SELECT household_id, {year}, purpose, MIN(session_date) FROM counseling_session '
        f'GROUP BY household_id, {year}, purpose'
    )
    op.create_index(
        'ix_session_service_year', 'session_service', ['fiscal_year', 'first_on', 'household_id', 'purpose']
    )
    op.create_index(
        'ix_household_status_counselor',
        'household',
        ['status', 'counselor_id', 'office_id', 'next_follow_up', 'last_contact_on', 'opened_on'],
    )
    op.create_index(
        'ix_household_status_stage', 'household', ['status', 'stage', 'office_id', 'stage_since', 'opened_on']
    )


def downgrade() -> None:
    op.drop_index('ix_household_status_stage', table_name='household')
    op.drop_index('ix_household_status_counselor', table_name='household')
    op.drop_index('ix_session_service_year', table_name='session_service')
    op.drop_table('session_service')
