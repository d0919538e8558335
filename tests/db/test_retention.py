"""Retention: only closed files past three years are listed and purged, in scope, with an audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db import retention
from db.engine import reading
from db.models import AuditEvent, Household
from tests.factories import make_household, small_agency

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def agency(engine):
    data = small_agency(engine)
    north, south = data["offices"]["north"], data["offices"]["south"]
    data["old"] = make_household(
        engine,
        north,
        "Cerrado hace 4 años",
        status="closed",
        closed_on=dt.date(2022, 6, 1),
        close_reason="goal_reached",
    )
    data["edge"] = make_household(
        engine, north, "Cerrado justo hace 3 años", status="closed", closed_on=dt.date(2023, 11, 27)
    )
    data["recent"] = make_household(
        engine, north, "Cerrado hace 2 años", status="closed", closed_on=dt.date(2024, 11, 28)
    )
    data["south_old"] = make_household(
        engine, south, "Sur cerrado", status="closed", closed_on=dt.date(2020, 1, 1)
    )
    data["engine"] = engine
    return data


@pytest.mark.parametrize(
    "on, expected",
    [(dt.date(2026, 11, 27), dt.date(2023, 11, 27)), (dt.date(2028, 2, 29), dt.date(2025, 2, 28))],
)
def test_cutoff_is_three_years(on, expected):
    assert retention.cutoff(on) == expected


def test_lead_lists_own_office_files_past_retention(agency):
    ids = [r["id"] for r in retention.past_retention(agency["engine"], agency["users"]["lead"], TODAY)]
    assert ids == [agency["old"], agency["edge"]]


def test_admin_lists_all_offices(agency):
    ids = {r["id"] for r in retention.past_retention(agency["engine"], agency["users"]["admin"], TODAY)}
    assert ids == {agency["old"], agency["edge"], agency["south_old"]}


def test_counselors_cannot_list_or_purge(agency):
    with pytest.raises(PermissionError):
        retention.past_retention(agency["engine"], agency["users"]["counselor"], TODAY)
    with pytest.raises(PermissionError):
        retention.purge(agency["engine"], agency["users"]["counselor"], [agency["old"]], TODAY)


def test_purge_is_all_or_nothing_and_audited(agency):
    eng, lead = agency["engine"], agency["users"]["lead"]
    with pytest.raises(PermissionError):
        retention.purge(eng, lead, [agency["old"], agency["recent"]], TODAY)
    assert retention.count_remaining(eng, [agency["old"], agency["recent"]]) == 2
    assert retention.purge(eng, lead, [agency["old"], agency["edge"]], TODAY) == 2
    with reading(eng) as s:
        assert s.get(Household, agency["old"]) is None
        purged = set(s.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == "retention_purged")))
    assert purged == {agency["old"], agency["edge"]}


def test_lead_cannot_purge_another_office(agency):
    with pytest.raises(PermissionError):
        retention.purge(agency["engine"], agency["users"]["lead"], [agency["south_old"]], TODAY)


def test_purge_keeps_the_audit_rows_of_the_files_it_deletes(agency):
    """The audit log outlives the records it describes: a purge deletes the file, never its history."""
    from db import audit
    from db.audit import chain as audit_chain
    from db.engine import transaction

    eng, lead = agency["engine"], agency["users"]["lead"]
    with transaction(eng) as s:
        audit.record(s, lead, "household_viewed", "household", agency["old"])
    with reading(eng) as s:
        before = list(s.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))
    retention.purge(eng, lead, [agency["old"]], TODAY)
    with reading(eng) as s:
        after = list(s.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))
        history = list(
            s.scalars(
                select(AuditEvent.action).where(AuditEvent.entity_id == agency["old"]).order_by(AuditEvent.id)
            )
        )
    assert after[: len(before)] == before
    assert history[-2:] == ["household_viewed", "retention_purged"]
    assert audit_chain.verify(eng).ok


def test_no_code_deletes_audit_rows():
    """The rule behind the test above, for every module: nothing in the application removes audit rows."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for folder in ("db", "ui", "pages", "reports", "reminders"):
        for path in (root / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8").lower()
            if "delete(auditevent" in text or "delete from audit_event" in text:
                offenders.append(str(path.relative_to(root)))
    assert offenders == []
