"""Gathering a household's action plan from the database: scoped to the office, audited, newest data wins."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.engine import reading, transaction
from db.models import ActionPlan, AuditEvent, Household, PlanStep, Scenario
from db.scope import AccessDenied
from reports.action_plan.build import build_pdf
from reports.action_plan.data import load_plan, mark_given
from reports.action_plan.demo import add_demo_household, plan_from_database
from tests.factories import audit_actions

TODAY = dt.date(2026, 3, 5)


def test_demo_household_fills_every_part_of_the_plan(engine):
    user, household_id = add_demo_household(engine, TODAY)
    plan = load_plan(engine, user, household_id, today=TODAY)
    assert plan["household"]["name"] == "María José Núñez Pérez"
    assert plan["household"]["language"] == "es"
    assert plan["counselor"] == {"name": "Ana Lucía Peña", "hud_id": "HUD-1234567"}
    assert plan["agency"]["name"] == "Camino Housing Counseling (demo)"
    assert len(plan["goals"]) == 3 and len(plan["steps"]) == 4
    assert plan["steps"][0]["due_date"] == TODAY + dt.timedelta(days=14)
    assert set(plan["scenarios"]) == {"budget", "affordability", "assistance", "tenant_checklist"}
    assert plan["scenarios"]["budget"]["summary"]["left_over"] == 520
    assert [m["code"] for m in plan["milestones"]["reached"]] == ["budget_completed", "bank_account_opened"]
    assert plan["milestones"]["next"] == [
        "credit_report_reviewed",
        "credit_score_at_target",
        "emergency_fund",
    ]
    assert plan["referrals"][0]["contact"] == "(202) 555-0142"
    assert plan["next_follow_up"] == TODAY + dt.timedelta(days=21)
    assert audit_actions(engine, household_id) == ["plan_viewed"]


def test_a_household_with_no_plan_yet_still_loads_and_prints(agency):
    engine, counselor = agency["engine"], agency["users"]["counselor"]
    household_id = agency["households"]["north"]
    plan = load_plan(engine, counselor, household_id, action="plan_printed")
    assert plan["goals"] == [] and plan["steps"] == [] and plan["scenarios"] == {} and plan["referrals"] == []
    assert plan["counselor"]["hud_id"] == "HUD-12345"
    assert plan["agency"]["name"] == "Camino Test Agency"
    assert build_pdf(plan, "es").startswith(b"%PDF")
    assert audit_actions(engine, household_id) == ["plan_printed"]


@pytest.mark.parametrize(
    "who, office, allowed",
    [
        ("counselor", "north", True),
        ("lead", "north", True),
        ("admin", "south", True),
        ("counselor_south", "north", False),
        ("counselor", "south", False),
        ("trainer", "north", False),
    ],
)
def test_only_staff_of_the_households_office_may_load_its_plan(agency, who, office, allowed):
    engine, household_id = agency["engine"], agency["households"][office]
    user = agency["users"][who]
    if allowed:
        assert load_plan(engine, user, household_id)["household"]["id"] == household_id
    else:
        with pytest.raises(AccessDenied):
            load_plan(engine, user, household_id)
        assert audit_actions(engine, household_id) == []


def test_missing_household_is_denied_not_a_crash(agency):
    with pytest.raises(AccessDenied):
        load_plan(agency["engine"], agency["users"]["admin"], 999_999)


def test_unknown_audit_action_is_refused(agency):
    with pytest.raises(ValueError):
        load_plan(
            agency["engine"], agency["users"]["admin"], agency["households"]["north"], action="plan_deleted"
        )


def test_newest_saved_budget_wins_and_dropped_steps_are_left_out(agency):
    engine, counselor = agency["engine"], agency["users"]["counselor"]
    household_id = agency["households"]["north"]
    with transaction(engine) as s:
        s.add(
            Scenario(
                household_id=household_id,
                kind="budget",
                summary={"left_over": 100},
                created_at=dt.datetime(2026, 1, 1),
            )
        )
        s.add(
            Scenario(
                household_id=household_id,
                kind="budget",
                summary={"left_over": 250},
                created_at=dt.datetime(2026, 2, 1),
            )
        )
        s.add(Scenario(household_id=household_id, kind="retirement", summary={"x": 1}))
        plan = ActionPlan(household_id=household_id, summary="Nota")
        s.add(plan)
        s.flush()
        s.add(PlanStep(plan_id=plan.id, text="Hecho", status="done", position=0))
        s.add(PlanStep(plan_id=plan.id, text="Ya no", status="dropped", position=1))
    data = load_plan(engine, counselor, household_id)
    assert (
        data["scenarios"]["budget"]["scenario"].left_over == 250
    )  # a version-0 row, read through its schema
    assert "retirement" not in data["scenarios"]
    assert [step["text"] for step in data["steps"]] == ["Hecho"]
    assert data["summary"] == "Nota"


def test_given_to_client_is_recorded_on_the_file_and_audited(agency):
    engine, counselor = agency["engine"], agency["users"]["counselor"]
    household_id = agency["households"]["north"]
    with reading(engine) as s:
        version_before = s.get(Household, household_id).version
    assert mark_given(engine, counselor, household_id, TODAY) == TODAY
    with reading(engine) as s:
        hh = s.get(Household, household_id)
        assert hh.given_plan_on == TODAY and hh.version == version_before + 1
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "plan_given")).one()
    assert event.entity_id == household_id and event.detail == TODAY.isoformat()
    assert load_plan(engine, counselor, household_id)["given_plan_on"] == TODAY


def test_given_to_client_is_refused_across_offices(agency):
    with pytest.raises(AccessDenied):
        mark_given(agency["engine"], agency["users"]["counselor_south"], agency["households"]["north"])
    with reading(agency["engine"]) as s:
        assert s.get(Household, agency["households"]["north"]).given_plan_on is None


def test_command_line_loads_as_an_administrator_or_a_named_user(agency):
    engine, household_id = agency["engine"], agency["households"]["south"]
    assert plan_from_database(household_id, engine=engine)["household"]["name"] == "Nguyễn Thị Ngọc"
    with pytest.raises(LookupError):
        plan_from_database(household_id, "counselor", engine=engine)
    with pytest.raises(LookupError):
        plan_from_database(household_id, "nobody", engine=engine)


def test_demo_household_keeps_its_stage_facts_like_any_milestone_write(engine):
    """The dashboard reads stage dates from the household row; the demo must fill them as real writes do."""
    _user, household_id = add_demo_household(engine, TODAY)
    with reading(engine) as s:
        hh = s.get(Household, household_id)
        assert hh.stage == "budget"
        assert hh.reached_budget_on == TODAY - dt.timedelta(days=30)
        assert hh.reached_education_on is None
