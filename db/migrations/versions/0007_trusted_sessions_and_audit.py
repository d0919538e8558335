"""trusted sessions and audit: session version, second factor, conflict-safe child lists, audit hash chain

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 09:00:00

app_user.session_version is bumped by a disable, password reset, role or office change: every open
session compares it on each run and ends when it moved. totp_secret and recovery_codes (argon2 hashes)
hold the optional second factor. household.members_version, referral.version and plan_step.version let
two editors of the same list see a conflict instead of losing a change. audit_event.prev_hash and
row_hash chain the audit log so an edited or deleted row is found (python -m db.manage verify-audit).
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_user') as batch:
        batch.add_column(sa.Column('session_version', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('totp_secret', sa.String(length=64), nullable=False, server_default=''))
        batch.add_column(sa.Column('recovery_codes', sa.JSON(), nullable=True))
    # Not batch mode: rebuilding household on SQLite would copy its generated demo_key column.
    op.add_column('household', sa.Column('members_version', sa.Integer(), nullable=False, server_default='1'))
    with op.batch_alter_table('referral') as batch:
        batch.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    with op.batch_alter_table('plan_step') as batch:
        batch.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    with op.batch_alter_table('audit_event') as batch:
        batch.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=False, server_default=''))
        batch.add_column(sa.Column('row_hash', sa.String(length=64), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('audit_event') as batch:
        batch.drop_column('row_hash')
        batch.drop_column('prev_hash')
    with op.batch_alter_table('plan_step') as batch:
        batch.drop_column('version')
    with op.batch_alter_table('referral') as batch:
        batch.drop_column('version')
    op.drop_column('household', 'members_version')  # SQLite 3.35+ drops a plain column in place
    with op.batch_alter_table('app_user') as batch:
        batch.drop_column('recovery_codes')
        batch.drop_column('totp_secret')
        batch.drop_column('session_version')
