"""agency rule rows: figures an agency sets on the Program rules page, laid over the shipped tables

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 09:00:00

One new table; nothing else changes. `fields` holds the whole row as JSON in the shipped TOML format.
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'agency_rule_row',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rule_file', sa.String(length=80), nullable=False),
        sa.Column('rule_table', sa.String(length=80), nullable=False),
        sa.Column('fields', sa.JSON(), nullable=False),
        sa.Column('effective_from', sa.Date(), nullable=False),
        sa.Column('effective_to', sa.Date(), nullable=True),
        sa.Column('source_url', sa.String(length=500), nullable=False),
        sa.Column('verified_on', sa.Date(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name='fk_agency_rule_row_created_by_app_user'),
        sa.PrimaryKeyConstraint('id', name='pk_agency_rule_row'),
    )
    op.create_index(
        'ix_agency_rule_row_table', 'agency_rule_row', ['rule_file', 'rule_table', 'effective_from']
    )


def downgrade() -> None:
    op.drop_index('ix_agency_rule_row_table', table_name='agency_rule_row')
    op.drop_table('agency_rule_row')
