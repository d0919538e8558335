"""follow-up and funding: follow-up tries and letters, outcomes confirmed at follow-up, funding sources,
each session's and workshop's funding and fee, and the agency's dated fee schedule

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 12:30:00

Three new tables and new columns only. Existing sessions and workshops get funding '' and fee NULL,
which the app shows as "not recorded"; existing outcomes are not at a follow-up.
"""

from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'funding_source',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name_en', sa.String(length=120), nullable=False),
        sa.Column('name_es', sa.String(length=120), nullable=False),
        sa.Column('hud_grant', sa.String(length=30), nullable=False, server_default=''),
        sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_funding_source_created_by_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_source')),
    )
    op.create_table(
        'fee_schedule',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('effective_from', sa.Date(), nullable=False),
        sa.Column('lines', sa.JSON(), nullable=False),
        sa.Column('note_en', sa.Text(), nullable=False, server_default=''),
        sa.Column('note_es', sa.Text(), nullable=False, server_default=''),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_fee_schedule_created_by_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_schedule')),
    )
    with op.batch_alter_table('fee_schedule', schema=None) as batch_op:
        batch_op.create_index('ix_fee_schedule_effective_from', ['effective_from'], unique=False)
    op.create_table(
        'follow_up_contact',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('household_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('method', sa.String(length=20), nullable=False),
        sa.Column('result', sa.String(length=20), nullable=False, server_default=''),
        sa.Column('made_on', sa.Date(), nullable=False),
        sa.Column('answer_by', sa.Date(), nullable=True),
        sa.Column('language', sa.String(length=5), nullable=False, server_default=''),
        sa.Column('recorded_by', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['household_id'], ['household.id'],
            name=op.f('fk_follow_up_contact_household_id_household'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['recorded_by'], ['app_user.id'], name=op.f('fk_follow_up_contact_recorded_by_app_user')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_contact')),
    )
    with op.batch_alter_table('follow_up_contact', schema=None) as batch_op:
        batch_op.create_index('ix_follow_up_contact_household_on', ['household_id', 'made_on'], unique=False)
    for table in ('counseling_session', 'education_event'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('funding', sa.String(length=10), nullable=False, server_default=''))
            batch_op.add_column(sa.Column('funding_source_id', sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column('fee', sa.Float(), nullable=True))
            batch_op.create_foreign_key(
                op.f(f'fk_{table}_funding_source_id_funding_source'), 'funding_source', ['funding_source_id'], ['id']
            )
    with op.batch_alter_table('outcome', schema=None) as batch_op:
        batch_op.add_column(sa.Column('at_follow_up', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('outcome', schema=None) as batch_op:
        batch_op.drop_column('at_follow_up')
    for table in ('education_event', 'counseling_session'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f'fk_{table}_funding_source_id_funding_source'), type_='foreignkey')
            batch_op.drop_column('fee')
            batch_op.drop_column('funding_source_id')
            batch_op.drop_column('funding')
    with op.batch_alter_table('follow_up_contact', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_up_contact_household_on')
    op.drop_table('follow_up_contact')
    with op.batch_alter_table('fee_schedule', schema=None) as batch_op:
        batch_op.drop_index('ix_fee_schedule_effective_from')
    op.drop_table('fee_schedule')
    op.drop_table('funding_source')
