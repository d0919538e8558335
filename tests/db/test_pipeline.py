"""Dashboard figures on a hand-built agency with known answers, on SQLite and PostgreSQL (today = 30 Jun 2026).

Besides small_agency's two intake households (FN north, FS south, opened 5 Jan 2026, never contacted):
  P1 north, opened 1 Jan 2026: budget 11 Jan, education 10 Feb, credit 640 on 1 Mar, down payment
     5,000 on 12 Mar, pre-approval 1 Apr, DPA 10,000 on 5 Apr, contract 1 May, purchased 31 May;
     emergency fund 1,000 on 20 Jan, credit 600 on 1 Feb. Closed 1 Jun. Days in stage: 10/30/30/20/30/30.
     Savings growth 4,000; credit +40.
  P2 north, Prince George's, English, opened 1 Feb: budget 21 Feb (so stuck: 129 days in budget);
     savings 200 on 1 Mar then 700 on 1 May (+500). Follow-up due 15 Jun, last contact 1 Jun.
  P3 north, opened 1 May: budget 11 May, education 10 Jun; bank account 5 May; DPA 5,000 on 20 Jun.
     Last contact 20 Jun, follow-up 15 Jul.
  P4 south, opened 15 Oct 2025 (FY2026 Q1): intake; bank account and lending circle; credit 700 then
     680 (-20). Last contact 25 Jun, follow-up due today.
"""

from __future__ import annotations

import datetime as dt

import pytest

from calculators import InputError
from db import activity, codes, pipeline
from db.engine import transaction
from db.households import record_list_view, refresh_stage
from db.models import AuditEvent, Household, Milestone
from db.pipeline import Filters
from tests.factories import small_agency

D = dt.date
TODAY = D(2026, 6, 30)


def build_pipeline_fixture(engine, agency: dict | None = None) -> dict:
    agency = agency or small_agency(engine)
    north, south = agency["offices"]["north"], agency["offices"]["south"]
    north_c, south_c = agency["users"]["counselor"]["id"], agency["users"]["counselor_south"]["id"]
    spec = {
        "P1": (north, north_c, D(2026, 1, 1), {"status": "closed", "closed_on": D(2026, 6, 1)}),
        "P2": (
            north,
            north_c,
            D(2026, 2, 1),
            {
                "jurisdiction": "prince_georges_md",
                "preferred_language": "en",
                "next_follow_up": D(2026, 6, 15),
                "last_contact_on": D(2026, 6, 1),
            },
        ),
        "P3": (
            north,
            north_c,
            D(2026, 5, 1),
            {"last_contact_on": D(2026, 6, 20), "next_follow_up": D(2026, 7, 15)},
        ),
        "P4": (
            south,
            south_c,
            D(2025, 10, 15),
            {"last_contact_on": D(2026, 6, 25), "next_follow_up": D(2026, 6, 30)},
        ),
    }
    milestones = {
        "P1": [
            ("budget_completed", D(2026, 1, 11), None),
            ("education_certificate", D(2026, 2, 10), None),
            ("credit_score_at_target", D(2026, 3, 1), 640),
            ("down_payment_saved", D(2026, 3, 12), 5000),
            ("pre_approval", D(2026, 4, 1), None),
            ("dpa_approved", D(2026, 4, 5), 10000),
            ("under_contract", D(2026, 5, 1), None),
            ("purchased", D(2026, 5, 31), None),
            ("emergency_fund", D(2026, 1, 20), 1000),
            ("credit_score_gain", D(2026, 2, 1), 600),
        ],
        "P2": [
            ("budget_completed", D(2026, 2, 21), None),
            ("savings_reached", D(2026, 3, 1), 200),
            ("emergency_fund", D(2026, 5, 1), 700),
        ],
        "P3": [
            ("budget_completed", D(2026, 5, 11), None),
            ("education_certificate", D(2026, 6, 10), None),
            ("bank_account_opened", D(2026, 5, 5), None),
            ("dpa_approved", D(2026, 6, 20), 5000),
        ],
        "P4": [
            ("bank_account_opened", D(2025, 11, 1), None),
            ("lending_circle_joined", D(2025, 12, 1), None),
            ("credit_score_gain", D(2025, 11, 1), 700),
            ("credit_score_at_target", D(2026, 1, 1), 680),
        ],
    }
    ids = {"FN": agency["households"]["north"], "FS": agency["households"]["south"]}
    with transaction(engine) as s:
        for name, (office, counselor, opened, extra) in spec.items():
            hh = Household(
                office_id=office,
                counselor_id=counselor,
                display_name=f"Hogar {name} Muñoz",
                search_name=f"hogar {name.lower()} munoz",
                opened_on=opened,
                **extra,
            )
            s.add(hh)
            s.flush()
            ids[name] = hh.id
            for code, on, value in milestones[name]:
                s.add(Milestone(household_id=hh.id, code=code, achieved_on=on, value=value))
        s.flush()
        for hid in ids.values():
            refresh_stage(s, hid)
    return {"agency": agency, "ids": ids, "users": agency["users"], "offices": agency["offices"]}


@pytest.fixture(scope="module")
def world(backend):
    """The hand-built agency, built once per backend (tests that write use the `engine` fixture)."""
    data = build_pipeline_fixture(backend)
    data["engine"] = backend
    return data


def names(world, ids) -> set[str]:
    by_id = {v: k for k, v in world["ids"].items()}
    return {by_id[i] for i in ids}


@pytest.mark.parametrize(
    ("who", "filters", "at_stage"),
    [
        ("admin", {}, {"intake": 3, "budget": 1, "education": 1, "purchased": 1}),
        ("lead", {}, {"intake": 1, "budget": 1, "education": 1, "purchased": 1}),
        ("counselor_south", {}, {"intake": 2}),  # a counselor sees their own caseload only
        ("counselor_south", {"counselor_id": "counselor"}, {"intake": 2}),  # and cannot widen it
        ("trainer", {}, {}),
        ("admin", {"office_id": "south"}, {"intake": 2}),
        ("admin", {"counselor_id": "counselor"}, {"intake": 1, "budget": 1, "education": 1, "purchased": 1}),
        ("admin", {"jurisdiction": "prince_georges_md"}, {"budget": 1}),
        ("admin", {"language": "en"}, {"budget": 1}),
        ("admin", {"quarter": (2026, 1)}, {"intake": 1}),
        ("admin", {"quarter": (2026, 2)}, {"intake": 2, "budget": 1, "purchased": 1}),
        ("admin", {"quarter": (2026, 3)}, {"education": 1}),
    ],
)
def test_funnel_counts(world, who, filters, at_stage):
    got = pipeline.funnel(world["engine"], world["users"][who], resolve(world, filters))
    assert [r["stage"] for r in got] == list(codes.STAGES)
    assert {r["stage"]: r["at_stage"] for r in got if r["at_stage"]} == at_stage


def resolve(world, filters: dict) -> Filters:
    """Test filters name offices and counselors; the repository wants ids."""
    values = dict(filters)
    if "office_id" in values:
        values["office_id"] = world["offices"][values["office_id"]]
    if "counselor_id" in values:
        values["counselor_id"] = world["users"][values["counselor_id"]]["id"]
    return Filters(**values)


def test_funnel_reached_and_conversion(world):
    got = pipeline.funnel(world["engine"], world["users"]["admin"])
    assert [r["reached"] for r in got] == [6, 3, 2, 1, 1, 1, 1]
    assert [r["conversion"] for r in got] == [None, 0.5, pytest.approx(2 / 3), 0.5, 1.0, 1.0, 1.0]


def test_funnel_with_nobody_has_no_conversion_and_no_division_by_zero(world):
    got = pipeline.funnel(world["engine"], world["users"]["trainer"])
    assert [r["reached"] for r in got] == [0] * 7
    assert all(r["conversion"] is None for r in got)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        # intake: 10, 10, 20, 176, 176, 258 -> (20 + 176) / 2; budget 30, 30, 129; education 30, 20.
        (
            "admin",
            {
                "intake": (98.0, 6),
                "budget": (30.0, 3),
                "education": (25.0, 2),
                "mortgage_ready": (20.0, 1),
                "pre_approved": (30.0, 1),
                "under_contract": (30.0, 1),
            },
        ),
        # north: intake 10, 20, 10, 176 -> 15; budget 30, 129, 30 -> 30.
        (
            "lead",
            {
                "intake": (15.0, 4),
                "budget": (30.0, 3),
                "education": (25.0, 2),
                "mortgage_ready": (20.0, 1),
                "pre_approved": (30.0, 1),
                "under_contract": (30.0, 1),
            },
        ),
        ("trainer", {s: (None, 0) for s in codes.STAGES[:-1]}),
    ],
)
def test_median_days_in_stage(world, who, expected):
    got = pipeline.median_days_in_stage(world["engine"], world["users"][who], today=TODAY)
    assert {k: (v["median_days"], v["households"]) for k, v in got.items()} == expected


@pytest.mark.parametrize(("who", "stuck"), [("admin", {"FN", "FS", "P2", "P4"}), ("lead", {"FN", "P2"})])
def test_stuck_over_90_days(world, who, stuck):
    user = world["users"][who]
    assert pipeline.stuck_count(world["engine"], user, today=TODAY) == len(stuck)
    ids = pipeline.households_behind(world["engine"], user, "stuck", today=TODAY)
    assert names(world, ids) == stuck


def test_outcomes_for_all_offices(world):
    got = pipeline.outcomes(world["engine"], world["users"]["admin"])
    assert got["purchases"] == 1
    assert (got["dpa_households"], got["dpa_dollars"]) == (2, 15000.0)
    assert (got["median_savings_growth"], got["savings_households"]) == (2250.0, 2)
    assert (got["median_credit_change"], got["credit_households"]) == (10.0, 2)
    assert got["asset_milestones"]["bank_account_opened"] == 2
    assert got["asset_milestones"]["lending_circle_joined"] == 1
    assert got["asset_milestones"]["ida_enrolled"] == 0


def test_outcomes_for_one_office_and_nobody(world):
    north = pipeline.outcomes(world["engine"], world["users"]["lead"])
    assert (north["median_credit_change"], north["credit_households"]) == (40.0, 1)
    assert north["asset_milestones"]["lending_circle_joined"] == 0
    none = pipeline.outcomes(world["engine"], world["users"]["trainer"])
    assert (none["purchases"], none["dpa_dollars"], none["median_savings_growth"]) == (0, 0.0, None)


def test_caseloads(world):
    got = pipeline.caseloads(world["engine"], world["users"]["admin"], today=TODAY)
    table = {r["counselor"]: (r["open_files"], r["overdue"], r["no_contact"]) for r in got}
    assert table == {"Test counselor": (3, 1, 1), "Test counselor_south": (2, 1, 1)}


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (
            "office",
            {
                ("Oficina Norte", "intake"): 1,
                ("Oficina Norte", "budget"): 1,
                ("Oficina Norte", "education"): 1,
                ("Oficina Norte", "purchased"): 1,
                ("Oficina Sur", "intake"): 2,
            },
        ),
        (
            "quarter",
            {
                ((2026, 1), "intake"): 1,
                ((2026, 2), "intake"): 2,
                ((2026, 2), "budget"): 1,
                ((2026, 2), "purchased"): 1,
                ((2026, 3), "education"): 1,
            },
        ),
        (
            "language",
            {("es", "intake"): 3, ("es", "education"): 1, ("es", "purchased"): 1, ("en", "budget"): 1},
        ),
    ],
)
def test_breakdown(world, by, expected):
    got = pipeline.breakdown(world["engine"], world["users"]["admin"], by)
    assert {(r["label"] or r["group"], r["stage"]): r["households"] for r in got} == expected


@pytest.mark.parametrize(
    ("who", "metric", "value", "expected"),
    [
        ("admin", "stage", "intake", {"FN", "FS", "P4"}),
        ("admin", "reached", "education", {"P1", "P3"}),
        ("admin", "purchased", None, {"P1"}),
        ("admin", "dpa", None, {"P1", "P3"}),
        ("admin", "asset", "bank_account_opened", {"P3", "P4"}),
        ("admin", "overdue", "counselor", {"P2"}),
        ("admin", "overdue", None, {"P2", "P4"}),
        ("admin", "no_contact", None, {"FN", "FS"}),
        ("admin", "caseload", "counselor_south", {"FS", "P4"}),
        ("lead", "asset", "bank_account_opened", {"P3"}),
        ("counselor_south", "purchased", None, set()),
        ("trainer", "all", None, set()),
    ],
)
def test_households_behind_a_number(world, who, metric, value, expected):
    if value in world["users"]:
        value = world["users"][value]["id"]
    ids = pipeline.households_behind(world["engine"], world["users"][who], metric, value, today=TODAY)
    assert names(world, ids) == expected


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda e, u: pipeline.households_behind(e, u, "everything"), "unknown_metric"),
        (lambda e, u: pipeline.households_behind(e, u, "reached", "moon"), "unknown_stage"),
        (lambda e, u: pipeline.breakdown(e, u, "zodiac"), "unknown_dimension"),
        (lambda e, u: pipeline.funnel(e, u, Filters(quarter=(2026, 5))), "bad_quarter"),
    ],
)
def test_bad_requests_raise_input_error(world, call, code):
    with pytest.raises(InputError) as err:
        call(world["engine"], world["users"]["admin"])
    assert err.value.code == code


def test_household_rows_are_scoped_and_audited(world):
    engine, lead = world["engine"], world["users"]["lead"]
    rows = pipeline.household_rows(engine, lead, [world["ids"]["P2"], world["ids"]["P4"]])
    assert [r["display_name"] for r in rows] == ["Hogar P2 Muñoz"]  # P4 is in the south office
    with transaction(engine) as s:
        last = s.query(AuditEvent).order_by(AuditEvent.id.desc()).first()
        assert (last.action, last.user_id, last.detail) == (
            "households_listed",
            lead["id"],
            "pipeline shown=1",
        )
        assert "Muñoz" not in last.detail


def test_data_version_moves_on_writes_not_on_reads(engine):
    world = build_pipeline_fixture(engine)
    counselor = world["users"]["counselor"]
    before = pipeline.data_version(engine)
    record_list_view(engine, counselor, 3)
    pipeline.household_rows(engine, counselor, [world["ids"]["P2"]])
    assert pipeline.data_version(engine) == before
    activity.add_milestone(engine, counselor, world["ids"]["P2"], "debt_reduced", TODAY)
    assert pipeline.data_version(engine) > before


@pytest.mark.parametrize(
    ("fy", "q", "start", "end"),
    [
        (2026, 1, D(2025, 10, 1), D(2025, 12, 31)),
        (2026, 2, D(2026, 1, 1), D(2026, 3, 31)),
        (2026, 3, D(2026, 4, 1), D(2026, 6, 30)),
        (2026, 4, D(2026, 7, 1), D(2026, 9, 30)),
    ],
)
def test_quarter_bounds(fy, q, start, end):
    assert pipeline.quarter_bounds(fy, q) == (start, end)
    assert pipeline.fiscal_quarter(start) == pipeline.fiscal_quarter(end) == (fy, q)
