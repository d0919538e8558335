"""Migration 0008: scenarios saved before the typed schemas are rewritten to schema version 1."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from db import migrate
from db import scenarios as repo
from tests.factories import small_agency

SAVED = dt.datetime(2026, 1, 10, 12)


def test_rows_saved_before_are_migrated_to_the_typed_schema(engine):
    data = small_agency(engine)
    household_id, counselor = data["households"]["north"], data["users"]["counselor"]
    migrate.downgrade(engine, "0006")
    rows = [
        (
            "budget",
            {"income": []},
            {"monthly_income": 3000, "monthly_spending": 2500, "categories": {"food": 9}},
        ),
        (
            "assistance",
            {},
            {"eligible": [{"program": "dc_hpap", "name": "Programa de DC (HPAP)", "amount": 100}]},
        ),
        ("tenant_checklist", {"place": "dc", "answers": {}}, {"red_flags": [{"en": "x", "es": "y"}]}),
        ("retirement", {}, {"x": 1}),
    ]
    scenario = sa.table(
        "scenario",
        sa.column("household_id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("inputs", sa.JSON()),
        sa.column("summary", sa.JSON()),
        sa.column("created_at", sa.DateTime()),
    )
    with engine.begin() as conn:
        conn.execute(
            scenario.insert(),
            [
                {"household_id": household_id, "kind": k, "inputs": i, "summary": s, "created_at": SAVED}
                for k, i, s in rows
            ],
        )
    migrate.upgrade(engine)
    with engine.connect() as conn:
        stored = {
            kind: (version, summary)
            for kind, version, summary in conn.execute(
                sa.text("SELECT kind, schema_version, summary FROM scenario")
            )
        }
    assert stored["budget"][0] == 1 and stored["assistance"][0] == 1 and stored["tenant_checklist"][0] == 1
    assert stored["retirement"][0] == 0  # a kind without a schema is left as it was
    assistance = repo.latest(engine, counselor, household_id, "assistance")["scenario"]
    assert [(p.program, p.amount) for p in assistance.programs] == [("dc_hpap", 100.0)]
    assert repo.latest(engine, counselor, household_id, "budget")["scenario"].left_over == 500
    assert repo.latest(engine, counselor, household_id, "tenant_checklist")["scenario"].red_flags == ()
    migrate.check(engine)
