"""documents and certification: a household's uploaded documents, and each counselor's HUD certification

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-05 12:30:00

Self-contained: two new tables (household_document, whose files live under the data folder,
db/documents.py; admin_note, what staff who are not HUD-certified may record instead of a counseling
session, never counted in the HUD-9902), and two columns on app_user (certification date and counseling languages). Existing
accounts have no certification date, which the app shows as missing, never as a guessed date.
"""

from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'household_document',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('household_id', sa.Integer(), nullable=False),
        sa.Column('office_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('original_name', sa.String(length=200), nullable=False),
        sa.Column('stored_name', sa.String(length=64), nullable=False),
        sa.Column('content_type', sa.String(length=40), nullable=False),
        sa.Column('size_bytes', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('added_by', sa.Integer(), nullable=True),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind in ('pay_stub','id','letter','credit_report','other')",
            name=op.f('ck_household_document_kind'),
        ),
        sa.ForeignKeyConstraint(
            ['household_id'], ['household.id'],
            name=op.f('fk_household_document_household_id_household'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['office_id'], ['office.id'], name=op.f('fk_household_document_office_id_office')
        ),
        sa.ForeignKeyConstraint(
            ['added_by'], ['app_user.id'], name=op.f('fk_household_document_added_by_app_user')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_household_document')),
        sa.UniqueConstraint('stored_name', name=op.f('uq_household_document_stored_name')),
    )
    op.create_index(
        op.f('ix_household_document_household_id'), 'household_document', ['household_id']
    )
    op.create_table(
        'admin_note',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('household_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('noted_on', sa.Date(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['household_id'], ['household.id'],
            name=op.f('fk_admin_note_household_id_household'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], name=op.f('fk_admin_note_author_id_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_note')),
    )
    op.create_index(op.f('ix_admin_note_household_id'), 'admin_note', ['household_id'])
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hud_certified_on', sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column('counseling_languages', sa.String(length=120), nullable=False, server_default='')
        )


def downgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_column('counseling_languages')
        batch_op.drop_column('hud_certified_on')
    op.drop_index(op.f('ix_admin_note_household_id'), table_name='admin_note')
    op.drop_table('admin_note')
    op.drop_index(op.f('ix_household_document_household_id'), table_name='household_document')
    op.drop_table('household_document')
