"""second factor: the last TOTP time step accepted, so a code is used once

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 12:30:00

app_user.totp_last_step is the 30-second step of the last accepted TOTP code (0 = none). A code is
accepted only for a later step, so a code seen over someone's shoulder cannot be used again.
"""

from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_user') as batch:
        batch.add_column(sa.Column('totp_last_step', sa.BigInteger(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('app_user') as batch:
        batch.drop_column('totp_last_step')
