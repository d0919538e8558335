"""A print run of many plans: read in one transaction with a fixed number of queries, scoped and audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import event

from db.scope import AccessDenied
from reports.action_plan.build import build_batch
from reports.action_plan.data import load_plan, load_plans
from reports.action_plan.demo import add_demo_household
from tests.factories import audit_actions, make_household

TODAY = dt.date(2026, 3, 5)


def count_queries(engine):
    """A list that grows by one for every SQL statement the engine runs."""
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    return statements


def test_a_batch_gives_the_same_plans_as_one_at_a_time(agency):
    engine, admin = agency["engine"], agency["users"]["admin"]
    _, demo_id = add_demo_household(engine, TODAY)
    ids = [demo_id, agency["households"]["south"], agency["households"]["north"]]
    batch = load_plans(engine, admin, ids, action=None, today=TODAY)
    assert [plan["household"]["id"] for plan in batch] == ids
    assert batch == [load_plan(engine, admin, i, action=None, today=TODAY) for i in ids]


def test_the_number_of_queries_does_not_grow_with_the_households(agency):
    engine, admin = agency["engine"], agency["users"]["admin"]
    office = agency["users"]["counselor"]["office_id"]
    ids = [make_household(engine, office, f"Familia {i}") for i in range(12)]
    statements = count_queries(engine)
    load_plans(engine, admin, ids[:2], today=TODAY)
    few = len(statements)
    statements.clear()
    load_plans(engine, admin, ids, today=TODAY)
    assert len(statements) - few <= len(ids) - 2  # at most the audit rows grow, never the reads


def test_one_household_out_of_reach_denies_the_whole_batch_and_audits_nothing(agency):
    engine, counselor = agency["engine"], agency["users"]["counselor"]
    north, south = agency["households"]["north"], agency["households"]["south"]
    with pytest.raises(AccessDenied):
        load_plans(engine, counselor, [north, south])
    with pytest.raises(AccessDenied):
        load_plans(engine, counselor, [north, 999_999])
    assert audit_actions(engine, north) == [] and audit_actions(engine, south) == []


@pytest.mark.parametrize(("who", "allowed"), [("admin", True), ("lead", False), ("counselor", False)])
def test_a_batch_across_offices_needs_reach_over_both(agency, who, allowed):
    engine, user = agency["engine"], agency["users"][who]
    ids = [agency["households"]["north"], agency["households"]["south"]]
    if allowed:
        assert len(load_plans(engine, user, ids, action=None)) == 2
    else:
        with pytest.raises(AccessDenied):
            load_plans(engine, user, ids, action=None)


def test_a_disabled_account_prints_no_batch(agency):
    from db import accounts

    engine, admin = agency["engine"], agency["users"]["admin"]
    accounts.set_active(engine, agency["users"]["admin"], agency["users"]["lead"]["id"], False)
    with pytest.raises(AccessDenied):
        load_plans(engine, agency["users"]["lead"], [agency["households"]["north"]], action=None)
    assert load_plans(engine, admin, [agency["households"]["north"]], action=None)


def test_a_print_run_prints_and_audits_every_household_once(agency):
    engine, admin = agency["engine"], agency["users"]["admin"]
    ids = [agency["households"]["north"], agency["households"]["south"], agency["households"]["north"]]
    printed = build_batch(engine, admin, ids, "es", today=TODAY)
    assert [household_id for household_id, _ in printed] == ids[:2]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(printed[0][1])).pages)
    assert "María José Núñez Pérez" in text
    assert audit_actions(engine, ids[0]) == ["plan_printed"] and audit_actions(engine, ids[1]) == [
        "plan_printed"
    ]
