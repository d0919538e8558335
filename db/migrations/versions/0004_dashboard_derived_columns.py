"""dashboard derived columns: the day each stage was reached, savings and credit changes, and their indexes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 22:50:00

db.households.refresh_stage keeps these columns in step with the milestones from now on; the upgrade
fills them for the households that exist, with the same rules, in SQL.
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# Stage -> the milestones that reach it (a copy of db.codes.STAGE_REQUIRES as of this revision:
# a migration must not change when the application code does).
STAGE_REQUIRES = {
    'budget': ('budget_completed',),
    'education': ('education_certificate',),
    'mortgage_ready': ('credit_score_at_target', 'down_payment_saved'),
    'pre_approved': ('pre_approval',),
    'under_contract': ('under_contract',),
    'purchased': ('purchased',),
}
SAVINGS_CODES = ('emergency_fund', 'down_payment_saved', 'savings_reached')
CREDIT_CODES = ('credit_score_at_target', 'credit_score_gain')
STAGE_COLUMNS = [f'reached_{stage}_on' for stage in STAGE_REQUIRES]


def _first(code: str) -> str:
    return (
        '(SELECT MIN(m.achieved_on) FROM milestone m '
        f"WHERE m.household_id = household.id AND m.code = '{code}')"
    )


def _reached(needed: tuple) -> str:
    """The day the last of the needed milestones was first recorded; NULL unless all were."""
    if len(needed) == 1:
        return _first(needed[0])
    a, b = (_first(code) for code in needed)
    return f'CASE WHEN {a} IS NULL OR {b} IS NULL THEN NULL WHEN {a} > {b} THEN {a} ELSE {b} END'


def _change(measure: tuple) -> str:
    """Last recorded value minus the first (by day, then id); NULL with fewer than two values."""
    listed = ', '.join(f"'{code}'" for code in measure)
    where = f'm.household_id = household.id AND m.code IN ({listed}) AND m.value IS NOT NULL'
    one = f'(SELECT m.value FROM milestone m WHERE {where} ORDER BY m.achieved_on {{o}}, m.id {{o}} LIMIT 1)'
    return (
        f'CASE WHEN (SELECT COUNT(*) FROM milestone m WHERE {where}) >= 2 '
        f"THEN {one.format(o='DESC')} - {one.format(o='ASC')} END"
    )


def upgrade() -> None:
    with op.batch_alter_table('household') as batch:
        for column in STAGE_COLUMNS:
            batch.add_column(sa.Column(column, sa.Date(), nullable=True))
        batch.add_column(sa.Column('savings_change', sa.Float(), nullable=True))
        batch.add_column(sa.Column('credit_change', sa.Float(), nullable=True))
    assignments = [f'{column} = {_reached(needed)}' for column, needed in zip(STAGE_COLUMNS, STAGE_REQUIRES.values(), strict=True)]
    assignments.append(f'savings_change = {_change(SAVINGS_CODES)}')
    assignments.append(f'credit_change = {_change(CREDIT_CODES)}')
    op.execute(
        'UPDATE household SET ' + ', '.join(assignments)
        + ' WHERE id IN (SELECT DISTINCT household_id FROM milestone)'
    )
    op.create_index(
        'ix_household_stage_dates', 'household', ['office_id', 'opened_on', 'closed_on', *STAGE_COLUMNS]
    )
    op.create_index('ix_household_savings_change', 'household', ['savings_change'])
    op.create_index('ix_household_credit_change', 'household', ['credit_change'])
    op.create_index('ix_milestone_code_household_value', 'milestone', ['code', 'household_id', 'value'])


def downgrade() -> None:
    op.drop_index('ix_milestone_code_household_value', table_name='milestone')
    op.drop_index('ix_household_credit_change', table_name='household')
    op.drop_index('ix_household_savings_change', table_name='household')
    op.drop_index('ix_household_stage_dates', table_name='household')
    with op.batch_alter_table('household') as batch:
        batch.drop_column('credit_change')
        batch.drop_column('savings_change')
        for column in reversed(STAGE_COLUMNS):
            batch.drop_column(column)
