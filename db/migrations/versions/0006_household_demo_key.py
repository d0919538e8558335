"""household demo key: the five HUD-9902 demographics as one computed integer, and indexes read in household order

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 05:00:00

household.demo_key is a stored generated column: the database computes it on every insert and update,
so it cannot fall out of step with the demographic columns. The HUD-9902 reads it from the index
(id, demo_key, office_id) beside the fiscal year's session services, both in household order, so
PostgreSQL merges the two instead of hashing them.
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# A copy of db.models.demographic_key_sql() as of this revision (a migration must not change when the
# application code does). Digit k from the right: the code's 1-based position in HUD's list, 0 if not.
DEMO_KEY = (
    "1 * CASE ethnicity WHEN 'hispanic' THEN 1 WHEN 'not_hispanic' THEN 2 WHEN 'not_reported' THEN 3 ELSE 0 END"
    " + 10 * CASE race WHEN 'american_indian' THEN 1 WHEN 'asian' THEN 2 WHEN 'black' THEN 3"
    " WHEN 'pacific_islander' THEN 4 WHEN 'white' THEN 5 WHEN 'multiple' THEN 6 WHEN 'not_reported' THEN 7"
    " ELSE 0 END"
    " + 100 * CASE income_band WHEN 'below_30' THEN 1 WHEN '30_49' THEN 2 WHEN '50_79' THEN 3"
    " WHEN '80_100' THEN 4 WHEN 'above_100' THEN 5 WHEN 'not_reported' THEN 6 ELSE 0 END"
    " + 1000 * CASE rural WHEN 'rural' THEN 1 WHEN 'not_rural' THEN 2 WHEN 'not_reported' THEN 3 ELSE 0 END"
    " + 10000 * CASE limited_english WHEN 'lep' THEN 1 WHEN 'not_lep' THEN 2 WHEN 'not_reported' THEN 3"
    " ELSE 0 END"
)


def upgrade() -> None:
    # SQLite cannot ADD a stored generated column: batch mode rebuilds the table with it there.
    sqlite = op.get_bind().dialect.name == 'sqlite'
    with op.batch_alter_table('household', recreate='always' if sqlite else 'auto') as batch:
        batch.add_column(sa.Column('demo_key', sa.Integer(), sa.Computed(DEMO_KEY, persisted=True)))
    op.create_index('ix_household_id_demo_key', 'household', ['id', 'demo_key', 'office_id'])
    op.drop_index('ix_session_service_year', table_name='session_service')
    op.create_index(
        'ix_session_service_year_household',
        'session_service',
        ['fiscal_year', 'household_id', 'first_on', 'purpose'],
    )


def downgrade() -> None:
    op.drop_index('ix_session_service_year_household', table_name='session_service')
    op.create_index(
        'ix_session_service_year', 'session_service', ['fiscal_year', 'first_on', 'household_id', 'purpose']
    )
    op.drop_index('ix_household_id_demo_key', table_name='household')
    with op.batch_alter_table('household') as batch:
        batch.drop_column('demo_key')
