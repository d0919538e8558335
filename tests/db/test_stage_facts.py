"""The household's derived columns (stage dates, savings and credit changes) stay equal to what its
milestones say: after a milestone is added, re-recorded earlier or removed, after an import, after
the seed, and after migration 0004 fills them in; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db import activity, migrate, pipeline, seed, transfer
from db.engine import reading, transaction
from db.households import DERIVED_COLUMNS, stage_facts
from db.models import Household, Milestone
from tests.factories import small_agency

D = dt.date
TODAY = D(2026, 6, 30)


@pytest.fixture
def agency(engine):
    data = small_agency(engine)
    data["engine"] = engine
    return data


def stored(engine, household_id: int) -> dict:
    """The derived columns as the database holds them."""
    columns = [getattr(Household, name) for name in DERIVED_COLUMNS]
    with reading(engine) as s:
        row = s.execute(select(*columns).where(Household.id == household_id)).one()
    return dict(zip(DERIVED_COLUMNS, row, strict=True))


def recomputed(engine, household_id: int) -> dict:
    """The derived columns worked out again from the household's milestones."""
    with reading(engine) as s:
        rows = s.execute(
            select(Milestone.code, Milestone.achieved_on, Milestone.value)
            .where(Milestone.household_id == household_id)
            .order_by(Milestone.achieved_on, Milestone.id)
        ).all()
    return stage_facts(rows)


NOTHING = {
    "stage": "intake",
    "stage_since": None,
    "reached_budget_on": None,
    "reached_education_on": None,
    "reached_mortgage_ready_on": None,
    "reached_pre_approved_on": None,
    "reached_under_contract_on": None,
    "reached_purchased_on": None,
    "savings_change": None,
    "credit_change": None,
}


@pytest.mark.parametrize(
    ("milestones", "expected"),
    [
        ([], {}),
        (
            [("budget_completed", D(2026, 1, 11), None)],
            {"stage": "budget", "stage_since": D(2026, 1, 11), "reached_budget_on": D(2026, 1, 11)},
        ),
        # Mortgage ready needs both milestones and begins on the later one; skipping stages is allowed.
        (
            [("credit_score_at_target", D(2026, 3, 1), 640), ("down_payment_saved", D(2026, 2, 1), 5000)],
            {
                "stage": "mortgage_ready",
                "stage_since": D(2026, 3, 1),
                "reached_mortgage_ready_on": D(2026, 3, 1),
            },
        ),
        ([("down_payment_saved", D(2026, 2, 1), 5000)], {}),  # one of the two: not reached
        # A milestone recorded twice counts from its first day.
        (
            [("budget_completed", D(2026, 2, 1), None), ("budget_completed", D(2026, 1, 5), None)],
            {"stage": "budget", "stage_since": D(2026, 1, 5), "reached_budget_on": D(2026, 1, 5)},
        ),
        # Changes: last value minus first, by day; any savings code counts; one value is not a change.
        (
            [("savings_reached", D(2026, 3, 1), 200.0), ("emergency_fund", D(2026, 5, 1), 700.0)],
            {"savings_change": 500.0},
        ),
        ([("emergency_fund", D(2026, 5, 1), 700.0), ("emergency_fund", D(2026, 6, 1), None)], {}),
        (
            [("credit_score_gain", D(2025, 11, 1), 700.0), ("credit_score_at_target", D(2026, 1, 1), 680.0)],
            {"credit_change": -20.0},
        ),
        # Same day: the one recorded later (higher id) is the last.
        (
            [("credit_score_gain", D(2026, 1, 1), 600.0), ("credit_score_gain", D(2026, 1, 1), 650.0)],
            {"credit_change": 50.0},
        ),
        (
            [("purchased", D(2026, 5, 31), None)],
            {"stage": "purchased", "stage_since": D(2026, 5, 31), "reached_purchased_on": D(2026, 5, 31)},
        ),
    ],
)
def test_stage_facts(milestones, expected):
    assert stage_facts(milestones) == {**NOTHING, **expected}


def test_milestone_writes_keep_the_columns_right(agency):
    eng, counselor = agency["engine"], agency["users"]["counselor"]
    hid = agency["households"]["north"]
    assert stored(eng, hid) == NOTHING
    steps = [
        ("budget_completed", D(2026, 2, 1), None),
        ("emergency_fund", D(2026, 2, 10), 500.0),
        ("credit_score_at_target", D(2026, 3, 1), 640.0),
        ("down_payment_saved", D(2026, 4, 1), 5000.0),
        ("credit_score_gain", D(2026, 4, 15), 700.0),
        ("budget_completed", D(2026, 1, 20), None),  # re-recorded with an earlier day
    ]
    for code, on, value in steps:
        activity.add_milestone(eng, counselor, hid, code, on, value)
        assert stored(eng, hid) == recomputed(eng, hid)
    assert stored(eng, hid) == {
        **NOTHING,
        "stage": "mortgage_ready",
        "stage_since": D(2026, 4, 1),
        "reached_budget_on": D(2026, 1, 20),
        "reached_mortgage_ready_on": D(2026, 4, 1),
        "savings_change": 4500.0,
        "credit_change": 60.0,
    }
    with reading(eng) as s:
        recorded = {
            (code, on): mid
            for mid, code, on in s.execute(select(Milestone.id, Milestone.code, Milestone.achieved_on))
        }
    for code, on in (
        ("down_payment_saved", D(2026, 4, 1)),
        ("credit_score_gain", D(2026, 4, 15)),
        ("budget_completed", D(2026, 1, 20)),
    ):
        activity.remove_milestone(eng, counselor, recorded[code, on])
        assert stored(eng, hid) == recomputed(eng, hid)
    # Left: budget on 1 Feb, emergency fund 500, credit 640: budget stage, one value each.
    assert stored(eng, hid) == {
        **NOTHING,
        "stage": "budget",
        "stage_since": D(2026, 2, 1),
        "reached_budget_on": D(2026, 2, 1),
    }


def test_imported_households_start_empty_and_follow_their_milestones(agency):
    eng, counselor = agency["engine"], agency["users"]["counselor"]
    data = "display_name,opened_on\nAna Import,2025-07-10\nJosé Import,2025-08-10\n"
    assert transfer.commit(eng, counselor, data.encode("utf-8"), today=TODAY) == 2
    with reading(eng) as s:
        ids = list(s.scalars(select(Household.id).where(Household.display_name.like("% Import"))))
    for hid in ids:
        assert stored(eng, hid) == NOTHING
    activity.add_milestone(eng, counselor, ids[0], "budget_completed", D(2025, 9, 20))
    assert stored(eng, ids[0]) == recomputed(eng, ids[0])
    # The dashboard sees them (the only households opened in FY2025 Q4): both spent time in intake,
    # one of them is in budget since 20 Sep.
    lead = agency["users"]["lead"]
    days = pipeline.median_days_in_stage(eng, lead, pipeline.Filters(quarter=(2025, 4)), today=TODAY)
    assert days["intake"]["households"] == 2 and days["budget"]["households"] == 1
    assert days["budget"]["median_days"] == (TODAY - D(2025, 9, 20)).days


def test_the_seed_writes_the_same_columns(engine):
    seed.generate(engine, households=40, seed=3, today=TODAY)
    with reading(engine) as s:
        ids = list(s.scalars(select(Household.id)))
    assert len(ids) == 40
    for hid in ids:
        assert stored(engine, hid) == recomputed(engine, hid)
    with reading(engine) as s:
        assert s.scalar(select(Household.id).where(Household.reached_budget_on.is_not(None)).limit(1))


def test_migration_0004_fills_the_columns_from_existing_milestones(engine):
    agency = small_agency(engine)
    migrate.downgrade(engine, "0003")  # the households stay; their derived columns go
    hid = agency["households"]["north"]
    rows = [
        ("budget_completed", D(2026, 2, 1), None),
        ("budget_completed", D(2026, 1, 5), None),
        ("education_certificate", D(2026, 2, 10), None),
        ("credit_score_at_target", D(2026, 3, 1), 640.0),
        ("down_payment_saved", D(2026, 3, 12), 5000.0),
        ("emergency_fund", D(2026, 1, 20), 1000.0),
        ("credit_score_gain", D(2026, 2, 1), 600.0),
        ("credit_score_gain", D(2026, 3, 1), 610.0),
    ]
    with transaction(engine) as s:  # the 0003 schema: plain SQL, the model has columns it lacks
        for code, on, value in rows:
            s.execute(
                Milestone.__table__.insert().values(household_id=hid, code=code, achieved_on=on, value=value)
            )
    migrate.upgrade(engine)
    assert stored(engine, hid) | {"stage": None, "stage_since": None} == {
        **recomputed(engine, hid),
        "stage": None,
        "stage_since": None,
    }
    assert stored(engine, hid)["reached_mortgage_ready_on"] == D(2026, 3, 12)
    assert stored(engine, hid)["savings_change"] == 4000.0
    assert stored(engine, hid)["credit_change"] == 10.0
    assert stored(engine, agency["households"]["south"]) == NOTHING
