"""appointments and reminders: appointments with their history, reminder consent, office reminder times, reminders and their attempts

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 08:45:00

Self-contained (new tables only). db.models.appointments holds the models. A reminder row is a
worker's claim: its unique key (appointment, channel, offset) makes a reminder go at most once.
"""

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reminder_setting',
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('offsets_minutes', sa.String(length=100), nullable=False),
    sa.Column('email_on', sa.Boolean(), nullable=False),
    sa.Column('text_on', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_reminder_setting_office_id_office'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('office_id', name=op.f('pk_reminder_setting'))
    )
    op.create_table('contact_consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("channel in ('email','text')", name=op.f('ck_contact_consent_channel')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_contact_consent_household_id_household'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by'], ['app_user.id'], name=op.f('fk_contact_consent_recorded_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_consent'))
    )
    with op.batch_alter_table('contact_consent', schema=None) as batch_op:
        batch_op.create_index('ix_contact_consent_household_channel', ['household_id', 'channel'], unique=False)

    op.create_table('appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('counselor_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('mode', sa.String(length=20), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('purpose', sa.String(length=30), nullable=False),
    sa.Column('bring', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('status_note', sa.String(length=200), nullable=False),
    sa.Column('status_changed_at', sa.DateTime(), nullable=True),
    sa.Column('status_changed_by', sa.Integer(), nullable=True),
    sa.Column('rescheduled_from_id', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status in ('booked','kept','no_show','cancelled','rescheduled')", name=op.f('ck_appointment_status')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_appointment_ends_after_start')),
    sa.ForeignKeyConstraint(['counselor_id'], ['app_user.id'], name=op.f('fk_appointment_counselor_id_app_user')),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_appointment_created_by_app_user')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_appointment_household_id_household'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_appointment_office_id_office')),
    sa.ForeignKeyConstraint(['rescheduled_from_id'], ['appointment.id'], name=op.f('fk_appointment_rescheduled_from_id_appointment')),
    sa.ForeignKeyConstraint(['session_id'], ['counseling_session.id'], name=op.f('fk_appointment_session_id_counseling_session'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['status_changed_by'], ['app_user.id'], name=op.f('fk_appointment_status_changed_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment'))
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index('ix_appointment_counselor_starts', ['counselor_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointment_household_id'), ['household_id'], unique=False)
        batch_op.create_index('ix_appointment_office_starts', ['office_id', 'starts_at'], unique=False)

    op.create_table('reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('offset_minutes', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('claimed_at', sa.DateTime(), nullable=True),
    sa.Column('claimed_by', sa.String(length=40), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('last_error', sa.String(length=300), nullable=False),
    sa.CheckConstraint("status in ('sending','sent','failed','interrupted','skipped')", name=op.f('ck_reminder_status')),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_reminder_appointment_id_appointment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder')),
    sa.UniqueConstraint('appointment_id', 'channel', 'offset_minutes', name='uq_reminder_once')
    )
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.create_index('ix_reminder_status_next', ['status', 'next_attempt_at'], unique=False)

    op.create_table('reminder_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reminder_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('ok', sa.Boolean(), nullable=False),
    sa.Column('error', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['reminder_id'], ['reminder.id'], name=op.f('fk_reminder_attempt_reminder_id_reminder'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_attempt'))
    )
    with op.batch_alter_table('reminder_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_attempt_reminder_id'), ['reminder_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('reminder_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_attempt_reminder_id'))

    op.drop_table('reminder_attempt')
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_index('ix_reminder_status_next')

    op.drop_table('reminder')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_index('ix_appointment_office_starts')
        batch_op.drop_index(batch_op.f('ix_appointment_household_id'))
        batch_op.drop_index('ix_appointment_counselor_starts')

    op.drop_table('appointment')
    with op.batch_alter_table('contact_consent', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_consent_household_channel')

    op.drop_table('contact_consent')
    op.drop_table('reminder_setting')
