"""workshop times: a workshop's start and end (UTC), place and leading staff member, for the calendar

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 21:10:00

New nullable columns only. Workshops recorded before keep a date without a time; the calendar lists
them by date as before, and they hold nobody's time.
"""

from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('education_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('starts_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('ends_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('place', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('leader_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_education_event_leader_id_app_user'), 'app_user', ['leader_id'], ['id']
        )
        batch_op.create_index('ix_education_event_leader_starts', ['leader_id', 'starts_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('education_event', schema=None) as batch_op:
        batch_op.drop_index('ix_education_event_leader_starts')
        batch_op.drop_constraint(batch_op.f('fk_education_event_leader_id_app_user'), type_='foreignkey')
        batch_op.drop_column('leader_id')
        batch_op.drop_column('place')
        batch_op.drop_column('ends_at')
        batch_op.drop_column('starts_at')
