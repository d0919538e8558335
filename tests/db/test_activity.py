"""Sessions, milestones, plan, referrals, timeline, follow-up lists and closing, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from calculators import InputError
from db import activity, households
from db.engine import reading
from db.models import AuditEvent
from db.scope import AccessDenied
from tests.factories import make_household, small_agency

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def agency(engine):
    data = small_agency(engine)
    data["engine"] = engine
    data["hid"] = data["households"]["north"]
    data["me"] = data["users"]["counselor"]
    return data


def test_session_sets_last_contact_and_follow_up_and_is_audited(agency):
    eng, me, hid = agency["engine"], agency["me"], agency["hid"]
    activity.add_session(
        eng,
        me,
        hid,
        session_date=dt.date(2026, 11, 20),
        start_time=dt.time(10, 30),
        duration_minutes=45,
        mode="phone",
        purpose="prepurchase",
        notes="Revisamos el presupuesto.",
        next_follow_up=dt.date(2026, 12, 4),
    )
    # An older session entered late does not move the last contact back.
    activity.add_session(eng, me, hid, session_date=dt.date(2026, 10, 1), purpose="rental")
    hh = households.current(eng, me, hid)
    assert hh["last_contact_on"] == dt.date(2026, 11, 20)
    assert hh["next_follow_up"] == dt.date(2026, 12, 4)
    log = activity.sessions_for(eng, me, hid)
    assert [s["session_date"] for s in log] == [dt.date(2026, 11, 20), dt.date(2026, 10, 1)]
    assert log[0]["start_time"] == dt.time(10, 30)
    assert log[0]["counselor_name"] == "Test counselor"
    with reading(eng) as s:
        details = list(s.scalars(select(AuditEvent.detail).where(AuditEvent.action == "session_added")))
    assert details == ["prepurchase", "rental"]  # codes only, never the notes


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"purpose": "chat"}, "invalid_choice", "purpose"),
        ({"mode": "fax"}, "invalid_choice", "mode"),
        ({"duration_minutes": 0}, "out_of_range", "duration_minutes"),
        ({"duration_minutes": 10_000}, "out_of_range", "duration_minutes"),
        ({"duration_minutes": "an hour"}, "not_a_number", "duration_minutes"),
        ({"session_date": None}, "missing_field", "session_date"),
        ({"session_date": "yesterday"}, "bad_date", "session_date"),
    ],
)
def test_bad_session_is_refused(agency, kwargs, code, field):
    args = {"session_date": TODAY, "purpose": "rental", **kwargs}
    with pytest.raises(InputError) as err:
        activity.add_session(agency["engine"], agency["me"], agency["hid"], **args)
    assert (err.value.code, err.value.field) == (code, field)


def test_other_office_cannot_log_sessions_or_milestones(agency):
    other = agency["users"]["counselor_south"]
    with pytest.raises(AccessDenied):
        activity.add_session(agency["engine"], other, agency["hid"], session_date=TODAY, purpose="rental")
    with pytest.raises(AccessDenied):
        activity.add_milestone(agency["engine"], other, agency["hid"], "budget_completed", TODAY)
    with pytest.raises(AccessDenied):
        activity.timeline(agency["engine"], other, agency["hid"])


def test_removing_a_milestone_moves_the_stage_back(agency):
    eng, me, hid = agency["engine"], agency["me"], agency["hid"]
    activity.add_milestone(eng, me, hid, "budget_completed", dt.date(2026, 2, 1))
    assert activity.add_milestone(eng, me, hid, "education_certificate", dt.date(2026, 3, 1)) == "education"
    mistake = next(m for m in activity.milestones_for(eng, me, hid) if m["code"] == "education_certificate")
    assert activity.remove_milestone(eng, me, mistake["id"]) == "budget"
    assert households.current(eng, me, hid)["stage"] == "budget"


@pytest.mark.parametrize(
    ("code", "value", "error"),
    [("not_a_milestone", None, "invalid_choice"), ("debt_reduced", -5.0, "negative_amount")],
)
def test_bad_milestone(agency, code, value, error):
    with pytest.raises(InputError) as err:
        activity.add_milestone(agency["engine"], agency["me"], agency["hid"], code, TODAY, value)
    assert err.value.code == error


def test_plan_steps_overdue_and_status(agency):
    eng, me, hid = agency["engine"], agency["me"], agency["hid"]
    activity.add_goal(eng, me, hid, "Comprar una casa en 2027")
    late = activity.add_step(eng, me, hid, "Pedir el reporte de crédito", "client", dt.date(2026, 11, 1))
    activity.add_step(eng, me, hid, "Llamar al prestamista", "counselor", dt.date(2026, 12, 15))
    activity.add_step(eng, me, hid, "Sin fecha", "client")
    plan = activity.plan_for(eng, me, hid, today=TODAY)
    assert [g["text"] for g in plan["goals"]] == ["Comprar una casa en 2027"]
    assert [s["overdue"] for s in plan["steps"]] == [True, False, False]
    activity.set_step_status(eng, me, late, "done")
    assert [s["overdue"] for s in activity.plan_for(eng, me, hid, today=TODAY)["steps"]] == [
        False,
        False,
        False,
    ]
    with pytest.raises(InputError):
        activity.add_step(eng, me, hid, "x", owner="neighbor")
    with pytest.raises(AccessDenied):
        activity.set_step_status(eng, agency["users"]["counselor_south"], late, "open")


def test_referrals_follow_up_due(agency):
    eng, me, hid = agency["engine"], agency["me"], agency["hid"]
    rid = activity.add_referral(
        eng, me, hid, agency="Legal Aid DC", reason="Aviso de desalojo", follow_up_on=dt.date(2026, 11, 20)
    )
    activity.add_referral(eng, me, hid, agency="Banco", follow_up_on=dt.date(2026, 12, 20))
    refs = {r["agency"]: r for r in activity.referrals_for(eng, me, hid, today=TODAY)}
    assert refs["Legal Aid DC"]["follow_up_due"] and not refs["Banco"]["follow_up_due"]
    activity.set_referral_status(eng, me, rid, "completed")
    refs = {r["agency"]: r for r in activity.referrals_for(eng, me, hid, today=TODAY)}
    assert refs["Legal Aid DC"]["status"] == "completed" and not refs["Legal Aid DC"]["follow_up_due"]
    with pytest.raises(InputError):
        activity.add_referral(eng, me, hid, agency=" ")


def test_timeline_and_progress_series(agency):
    eng, me, hid = agency["engine"], agency["me"], agency["hid"]
    activity.add_session(eng, me, hid, session_date=dt.date(2026, 3, 2), purpose="prepurchase")
    activity.add_milestone(eng, me, hid, "emergency_fund", dt.date(2026, 4, 1), 1500.0)
    activity.add_milestone(eng, me, hid, "credit_score_gain", dt.date(2026, 5, 1), 640.0)
    activity.add_milestone(eng, me, hid, "debt_reduced", dt.date(2026, 6, 1), 3200.0)
    activity.add_milestone(eng, me, hid, "savings_reached", dt.date(2026, 7, 1), 6000.0)
    activity.add_milestone(eng, me, hid, "bank_account_opened", dt.date(2026, 2, 1))
    activity.add_step(eng, me, hid, "Ahorrar $200 al mes")
    events = activity.timeline(eng, me, hid)
    kinds = [e["kind"] for e in events]
    assert kinds.count("milestone") == 5 and kinds.count("session") == 1 and kinds.count("plan") == 1
    dates = [e["on"] for e in events]
    assert dates == sorted(dates, reverse=True)
    series = activity.progress_series(eng, me, hid)
    assert [(p["measure"], p["value"]) for p in series] == [
        ("savings", 1500.0),
        ("credit_score", 640.0),
        ("debt", 3200.0),
        ("savings", 6000.0),
    ]


def test_no_contact_and_follow_up_lists(agency):
    eng, lead = agency["engine"], agency["users"]["lead"]
    north = agency["offices"]["north"]
    recent = make_household(eng, north, "Reciente", last_contact_on=TODAY - dt.timedelta(days=10))
    make_household(eng, north, "Callada", last_contact_on=TODAY - dt.timedelta(days=90))
    make_household(eng, north, "Cerrada", last_contact_on=TODAY - dt.timedelta(days=90), status="closed")
    make_household(eng, north, "Toca hoy", last_contact_on=TODAY, next_follow_up=TODAY)
    silent = activity.no_contact(eng, lead, today=TODAY)
    # The factory household was opened 2026-01-05 with no contact: also silent, and older.
    assert [r["display_name"] for r in silent.rows] == ["María José Núñez Pérez", "Callada"]
    assert silent.total == 2
    due = activity.follow_ups_due(eng, lead, today=TODAY)
    assert [r["display_name"] for r in due.rows] == ["Toca hoy"]
    activity.set_follow_up(eng, lead, recent, TODAY - dt.timedelta(days=1))
    assert activity.follow_ups_due(eng, lead, today=TODAY).total == 2
    assert activity.open_follow_up_counts(eng, lead, today=TODAY) == {"due": 2, "no_contact": 2}
    assert activity.no_contact(eng, agency["users"]["counselor_south"], today=TODAY).total == 1


def test_close_and_reopen(agency):
    eng, me, hid = agency["engine"], agency["me"], agency["hid"]
    with pytest.raises(InputError):
        activity.close(eng, me, hid, "bored")
    with pytest.raises(InputError) as err:
        activity.close(eng, me, hid, "goal_reached", dt.date(2025, 1, 1))
    assert err.value.code == "before_opened"
    activity.close(eng, me, hid, "no_contact", TODAY)
    hh = households.current(eng, me, hid)
    assert (hh["status"], hh["closed_on"], hh["close_reason"]) == ("closed", TODAY, "no_contact")
    assert activity.no_contact(eng, me, today=TODAY).total == 0
    with pytest.raises(InputError):
        activity.close(eng, me, hid, "goal_reached")
    activity.reopen(eng, me, hid)
    hh = households.current(eng, me, hid)
    assert (hh["status"], hh["closed_on"], hh["close_reason"]) == ("open", None, "")
    kinds = [(e["kind"], e["code"]) for e in activity.timeline(eng, me, hid)]
    assert ("plan", "household_closed") in kinds and ("plan", "household_reopened") in kinds
