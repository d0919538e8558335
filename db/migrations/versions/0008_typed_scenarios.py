"""typed scenarios: scenario.schema_version, rows already saved rewritten to version 1; household debts, savings

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 09:00:00

Each kind of saved scenario (affordability, assistance, budget, tenant checklist) now has one typed,
versioned schema (db.scenario_schemas). Rows saved before it held whatever keys each screen wrote,
and some held labels in the language of the day instead of codes; they are converted here with
`upgrade_legacy`, the same conversion the application applies to any version-0 row it still meets.
A row that cannot be converted keeps version 0 (nothing is lost; the reader converts or skips it).
"""

from alembic import op
import sqlalchemy as sa


revision = "0008"
down_revision = '0007'
branch_labels = None
depends_on = None

KINDS = ("affordability", "assistance", "budget", "tenant_checklist")


def upgrade() -> None:
    # Debts and savings a counselor confirms from a calculator ("update the file"), beside income and size.
    # Plain ADD/DROP COLUMN (SQLite >= 3.35 has both): a batch rebuild would copy the generated demo_key.
    op.add_column("household", sa.Column("monthly_debts", sa.Float(), nullable=True))
    op.add_column("household", sa.Column("savings", sa.Float(), nullable=True))
    with op.batch_alter_table("scenario") as batch:
        batch.add_column(sa.Column("schema_version", sa.Integer(), nullable=False, server_default="0"))
    from db.scenario_schemas import SCHEMA_VERSION, ScenarioError, parse

    bind = op.get_bind()
    table = sa.table(
        "scenario",
        sa.column("id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("inputs", sa.JSON()),
        sa.column("summary", sa.JSON()),
        sa.column("schema_version", sa.Integer()),
    )
    rows = bind.execute(
        sa.select(table.c.id, table.c.kind, table.c.inputs, table.c.summary).where(table.c.kind.in_(KINDS))
    ).all()
    for row in rows:
        try:
            typed = parse(row.kind, row.inputs, row.summary, version=0)
        except ScenarioError:
            continue
        bind.execute(
            table.update()
            .where(table.c.id == row.id)
            .values(inputs=typed.inputs(), summary=typed.summary(), schema_version=SCHEMA_VERSION)
        )


def downgrade() -> None:
    op.drop_column("household", "savings")
    op.drop_column("household", "monthly_debts")
    with op.batch_alter_table("scenario") as batch:
        batch.drop_column("schema_version")
