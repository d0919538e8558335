"""hud client fields: the client profile HUD's reporting asks for, a case per purpose, notices given and their texts

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 09:00:00

Two new tables, nothing else changes: household rows (and their generated demo_key) are untouched.
Existing households have no profile row, which the app shows as "not asked yet".
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = {'server_default': ''}
    op.create_table(
        'hud_client_profile',
        sa.Column('household_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('street', sa.String(length=50), nullable=False, **text),
        sa.Column('city', sa.String(length=50), nullable=False, **text),
        sa.Column('state', sa.String(length=2), nullable=False, **text),
        sa.Column('zip_code', sa.String(length=10), nullable=False, **text),
        sa.Column('races', sa.String(length=120), nullable=False, **text),
        sa.Column('gender', sa.String(length=20), nullable=False, **text),
        sa.Column('marital_status', sa.String(length=20), nullable=False, **text),
        sa.Column('head_of_household', sa.String(length=30), nullable=False, **text),
        sa.Column('education', sa.String(length=20), nullable=False, **text),
        sa.Column('dependents', sa.Integer(), nullable=True),
        sa.Column('disabled', sa.String(length=5), nullable=False, **text),
        sa.Column('farm_worker', sa.String(length=5), nullable=False, **text),
        sa.Column('colonias_resident', sa.String(length=5), nullable=False, **text),
        sa.Column('discrimination_victim', sa.String(length=5), nullable=False, **text),
        sa.Column('hud_assistance', sa.String(length=30), nullable=False, **text),
        sa.Column('referred_by', sa.String(length=30), nullable=False, **text),
        sa.Column('spoken_language', sa.String(length=10), nullable=False, **text),
        sa.Column('monthly_debt', sa.Float(), nullable=True),
        sa.Column('job_months', sa.Integer(), nullable=True),
        sa.Column('credit_score', sa.Integer(), nullable=True),
        sa.Column('credit_score_source', sa.String(length=20), nullable=False, **text),
        sa.Column('no_credit_score_reason', sa.String(length=30), nullable=False, **text),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['household_id'], ['household.id'],
            name=op.f('fk_hud_client_profile_household_id_household'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['updated_by'], ['app_user.id'], name=op.f('fk_hud_client_profile_updated_by_app_user')
        ),
        sa.PrimaryKeyConstraint('household_id', name=op.f('pk_hud_client_profile')),
    )
    op.create_table(
        'hud_case',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('household_id', sa.Integer(), nullable=False),
        sa.Column('purpose', sa.String(length=30), nullable=False),
        sa.Column('case_number', sa.String(length=18), nullable=False),
        sa.Column('activity_type', sa.String(length=30), nullable=False),
        sa.Column('hud_grant', sa.String(length=30), nullable=False),
        sa.Column('opened_on', sa.Date(), nullable=False),
        sa.Column('terminated_on', sa.Date(), nullable=True),
        sa.Column('termination', sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ['household_id'], ['household.id'],
            name=op.f('fk_hud_case_household_id_household'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_hud_case')),
        sa.UniqueConstraint('case_number', name=op.f('uq_hud_case_case_number')),
        sa.UniqueConstraint('household_id', 'purpose', name='uq_hud_case_household_purpose'),
    )
    op.create_index(op.f('ix_hud_case_household_id'), 'hud_case', ['household_id'])
    op.create_table(
        'client_agreement',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('household_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('given_on', sa.Date(), nullable=False),
        sa.Column('method', sa.String(length=20), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('text_version', sa.Integer(), nullable=False),
        sa.Column('attested_by', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['household_id'], ['household.id'],
            name=op.f('fk_client_agreement_household_id_household'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['attested_by'], ['app_user.id'], name=op.f('fk_client_agreement_attested_by_app_user')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_client_agreement')),
    )
    op.create_index(
        'ix_client_agreement_household_kind', 'client_agreement', ['household_id', 'kind', 'given_on']
    )
    op.create_table(
        'agency_text',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], name=op.f('fk_agency_text_updated_by_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_text')),
        sa.UniqueConstraint('kind', 'language', 'version', name='uq_agency_text_version'),
    )


def downgrade() -> None:
    op.drop_table('agency_text')
    op.drop_index('ix_client_agreement_household_kind', table_name='client_agreement')
    op.drop_table('client_agreement')
    op.drop_index(op.f('ix_hud_case_household_id'), table_name='hud_case')
    op.drop_table('hud_case')
    op.drop_table('hud_client_profile')
