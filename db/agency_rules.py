"""The agency's own rule rows: add one (checked, audited, all or nothing), list them, export them as TOML.

Only leads and admins add rows. Rows are agency-wide (every office's calculators use them), hold no
client data, and are read without an office scope.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from calculators.rules import all_rule_files, shipped
from calculators.rules.agency import parse_row, table_kind, to_toml
from calculators.rules.overlay import AgencyRow, Overlay
from db import audit
from db.models import AgencyRuleRow

EDITORS = ("lead", "admin")


class AgencyRowRefused(ValueError):
    """The row was not saved: `errors` maps each wrong field to an error code (or '_role' / '_table')."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(", ".join(f"{k}: {v}" for k, v in errors.items()))


def _json_row(row: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


def _from_json(data: dict) -> dict:
    out = {}
    for key, value in data.items():
        out[key] = dt.date.fromisoformat(value) if key in ("effective_from", "effective_to", "verified_on") else value
    return out


def add_row(engine: Engine, actor: dict | None, file: str, table: str, values: dict[str, str]) -> int:
    """Check the typed values against the table's kind and save the row with its audit event; the id."""
    if not actor or actor.get("role") not in EDITORS:
        raise AgencyRowRefused({"_role": "not_allowed"})
    if file not in all_rule_files() or table not in shipped(file) or table == "meta":
        raise AgencyRowRefused({"_table": "unknown_table"})
    parsed = parse_row(table_kind(file, table), values)
    if not parsed.ok:
        raise AgencyRowRefused(parsed.errors)
    row = parsed.row
    with Session(engine) as session, session.begin():
        record = AgencyRuleRow(
            rule_file=file,
            rule_table=table,
            fields=_json_row(row),
            effective_from=row["effective_from"],
            effective_to=row.get("effective_to"),
            source_url=row["source_url"],
            verified_on=row["verified_on"],
            created_by=actor["id"],
        )
        session.add(record)
        session.flush()
        audit.record(session, actor, "agency_rule_add", "agency_rule_row", record.id, f"{file}.{table}")
        return record.id


def rows(engine: Engine) -> list[AgencyRow]:
    """Every agency row, oldest first, ready to lay over the shipped tables."""
    with Session(engine) as session:
        found = session.scalars(select(AgencyRuleRow).order_by(AgencyRuleRow.effective_from, AgencyRuleRow.id))
        return [AgencyRow(r.rule_file, r.rule_table, _from_json(r.fields), r.id) for r in found]


def overlay(engine: Engine) -> Overlay:
    return Overlay(tuple(rows(engine)))


def export_toml(engine: Engine) -> str:
    """The agency's rows as TOML in the shipped format, one block per file, to contribute back."""
    by_file: dict[str, list[tuple[str, dict]]] = {}
    for item in rows(engine):
        by_file.setdefault(item.file, []).append((item.table, item.row))
    parts = []
    for file in sorted(by_file):
        parts.append(f"# calculators/rules/{file}.toml\n" + to_toml(by_file[file]))
    return "\n".join(parts)
