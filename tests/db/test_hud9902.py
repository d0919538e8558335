"""HUD-9902 on a hand-built agency whose every count is worked out by hand, on SQLite and PostgreSQL.

The households (FY2026 runs 1 Oct 2025 - 30 Sep 2026):
  H1 north: Hispanic/White/50-79%/not rural/LEP. Pre-purchase sessions 1 Oct 2025 (first day of the FY)
     and 5 Nov (same service twice), rental session 10 Jan 2026; completed homebuyer workshop 6 Dec.
     Outcomes: budget 5 Nov and again 1 Feb (one count), purchased 31 Mar 2026 (last day of Q2).
  H2 north: Hispanic/multi-race/<30%/not rural/LEP. Pre-purchase session 30 Sep 2025 (previous FY),
     completed financial-literacy workshop 15 Oct, homebuyer workshop 6 Dec NOT completed.
     Outcome fair-housing info 20 Oct: not counted (no one-on-one counseling in the period).
  H3 north: not Hispanic/Black/80-100%/rural not reported/not LEP. Delinquency session 10 Feb 2026,
     a session with no purpose 11 Feb (listed to fix). Outcomes: default prevented, and also-education
     typed by the counselor, both 15 Feb.
  H4 north: ethnicity BLANK, Asian, income not reported, not rural, LEP not reported. Rental 5 Jan 2026.
  H5 south: Hispanic/White/30-49%/not rural/LEP. Rental session 31 Dec 2025 (last day of Q1).
     Outcome avoided eviction 15 Jan 2026.
  H6 north: everything "chose not to respond". Post-purchase sessions 1 Apr and 30 Sep 2026, homeless
     assistance 1 Oct 2026 (first day of FY2027).
  H7 north: Hispanic; outcome purchased 1 Dec 2025 but no counseling at all: never counted.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from db import codes, migrate
from db.engine import make_engine, reading, transaction
from db.models import CounselingSession, EducationAttendance, EducationEvent, Household, Outcome
from reports.hud9902 import counting, form, writers
from tests.conftest import fresh_postgres_engine
from tests.factories import small_agency

D = dt.date
DEMO = ("ethnicity", "race", "income_band", "rural", "limited_english")
NOT = "not_reported"


def build_fixture(engine, agency: dict | None = None) -> dict:
    """Add the households above to a small agency; returns {'agency': ..., 'ids': {'H1': id, ...}}."""
    agency = agency or small_agency(engine)
    north, south = agency["offices"]["north"], agency["offices"]["south"]
    counselor = agency["users"]["counselor"]["id"]
    people = {
        "H1": (north, ("hispanic", "white", "50_79", "not_rural", "lep")),
        "H2": (north, ("hispanic", "multiple", "below_30", "not_rural", "lep")),
        "H3": (north, ("not_hispanic", "black", "80_100", NOT, "not_lep")),
        "H4": (north, ("", "asian", NOT, "not_rural", NOT)),
        "H5": (south, ("hispanic", "white", "30_49", "not_rural", "lep")),
        "H6": (north, (NOT, NOT, NOT, NOT, NOT)),
        "H7": (north, ("hispanic", "white", "50_79", "not_rural", "lep")),
    }
    ids = {}
    with transaction(engine) as s:
        for name, (office, demo) in people.items():
            hh = Household(
                office_id=office,
                counselor_id=counselor if office == north else agency["users"]["counselor_south"]["id"],
                display_name=f"Familia {name} Peña",
                search_name=f"familia {name.lower()} pena",
                opened_on=D(2025, 9, 1),
                **dict(zip(DEMO, demo, strict=True)),
            )
            s.add(hh)
            s.flush()
            ids[name] = hh.id

        def session(who, on, purpose):
            s.add(
                CounselingSession(
                    household_id=ids[who], office_id=people[who][0], session_date=on, purpose=purpose
                )
            )

        session("H1", D(2025, 10, 1), "prepurchase")
        session("H1", D(2025, 11, 5), "prepurchase")
        session("H1", D(2026, 1, 10), "rental")
        session("H2", D(2025, 9, 30), "prepurchase")
        session("H3", D(2026, 2, 10), "forward_delinquency")
        session("H3", D(2026, 2, 11), "")
        session("H4", D(2026, 1, 5), "rental")
        session("H5", D(2025, 12, 31), "rental")
        session("H6", D(2026, 4, 1), "post_purchase")
        session("H6", D(2026, 9, 30), "post_purchase")
        session("H6", D(2026, 10, 1), "homeless")

        homebuyer = EducationEvent(office_id=north, event_date=D(2025, 12, 6), education_type="prepurchase")
        literacy = EducationEvent(
            office_id=north, event_date=D(2025, 10, 15), education_type="financial_literacy"
        )
        s.add_all([homebuyer, literacy])
        s.flush()
        s.add_all(
            [
                EducationAttendance(event_id=homebuyer.id, household_id=ids["H1"], completed=True),
                EducationAttendance(event_id=homebuyer.id, household_id=ids["H2"], completed=False),
                EducationAttendance(event_id=literacy.id, household_id=ids["H2"], completed=True),
            ]
        )
        for who, code, on in [
            ("H1", "budget_developed", D(2025, 11, 5)),
            ("H1", "budget_developed", D(2026, 2, 1)),
            ("H1", "purchased_housing", D(2026, 3, 31)),
            ("H2", "fair_housing_info", D(2025, 10, 20)),
            ("H3", "prevented_forward_default", D(2026, 2, 15)),
            ("H3", "also_education", D(2026, 2, 15)),
            ("H5", "avoided_eviction", D(2026, 1, 15)),
            ("H7", "purchased_housing", D(2025, 12, 1)),
        ]:
            s.add(Outcome(household_id=ids[who], code=code, achieved_on=on))
    return {"agency": agency, "ids": ids}


def nonzero(report, key) -> dict:
    return {code: n for code, n in report.sections[key].counts.items() if n}


@pytest.fixture(scope="module")
def world(backend):
    """The hand-built agency, built once per backend (tests that write use the `engine` fixture)."""
    data = build_fixture(backend)
    data["engine"] = backend
    return data


# (fiscal year, quarter, office, section, expected non-zero counts by code)
KNOWN = [
    (2026, 2, None, "9", {"prepurchase": 1, "rental": 3, "forward_delinquency": 1}),
    (2026, 2, None, "8", {"prepurchase": 1, "financial_literacy": 1}),
    (2026, 2, None, "3", {"hispanic": 5, "not_hispanic": 1}),
    (2026, 2, None, "4", {"white": 4, "multiple": 1, "black": 1, "asian": 1}),
    (2026, 2, None, "5", {"50_79": 3, "below_30": 1, "80_100": 1, NOT: 1, "30_49": 1}),
    (2026, 2, None, "6", {"not_rural": 6, NOT: 1}),
    (2026, 2, None, "7", {"lep": 5, "not_lep": 1, NOT: 1}),
    (
        2026,
        2,
        None,
        "10",
        {
            "also_education": 2,
            "budget_developed": 1,
            "purchased_housing": 1,
            "prevented_forward_default": 1,
            "avoided_eviction": 1,
        },
    ),
    # Q1 ends 31 Dec: H5's session that day counts, H1's January rental does not.
    (2026, 1, None, "9", {"prepurchase": 1, "rental": 1}),
    (2026, 1, None, "8", {"prepurchase": 1, "financial_literacy": 1}),
    (2026, 1, None, "3", {"hispanic": 4}),
    (2026, 1, None, "10", {"also_education": 1, "budget_developed": 1}),
    # Q4 ends 30 Sep 2026; FY2027 starts 1 Oct 2026.
    (2026, 4, None, "9", {"prepurchase": 1, "rental": 3, "forward_delinquency": 1, "post_purchase": 1}),
    (2027, 1, None, "9", {"homeless": 1}),
    (2027, 1, None, "8", {}),
    (2027, 1, None, "10", {}),
    (2027, 1, None, "4", {NOT: 1}),
    # One office: the south office's H5 is left out of north's report.
    (2026, 2, "north", "9", {"prepurchase": 1, "rental": 2, "forward_delinquency": 1}),
    (
        2026,
        2,
        "north",
        "10",
        {"also_education": 2, "budget_developed": 1, "purchased_housing": 1, "prevented_forward_default": 1},
    ),
    (2026, 2, "south", "9", {"rental": 1}),
    (2026, 2, "south", "10", {"avoided_eviction": 1}),
]


SCENARIOS = sorted({(fy, q, office or "") for fy, q, office, _s, _e in KNOWN})


@pytest.mark.parametrize(("fy", "quarter", "office"), SCENARIOS)
def test_known_counts(world, fy, quarter, office):
    """Every section listed for this period and office matches the hand count (one database per period)."""
    office_id = world["agency"]["offices"][office] if office else None
    report = counting.build(world["engine"], fy, quarter, office_id)
    expected = {s: e for f, q, o, s, e in KNOWN if (f, q, o or "") == (fy, quarter, office)}
    assert {section: nonzero(report, section) for section in expected} == expected


@pytest.mark.parametrize(
    ("fy", "quarter", "failing"),
    [
        (2026, 1, set()),  # no blank demographics among Q1's households
        (2026, 2, {"3"}),  # H4's blank ethnicity: section 3 is one short of 8 + 9
    ],
)
def test_total_rule_checks(world, fy, quarter, failing):
    report = counting.build(world["engine"], fy, quarter)
    services = report.sections["8"].total + report.sections["9"].total
    assert [c["section"] for c in report.checks] == ["3", "4", "5", "6", "7"]
    assert {c["section"] for c in report.checks if not c["passed"]} == failing
    for check in report.checks:
        assert check["expected"] == services
        assert check["total"] == report.sections[check["section"]].total
    assert report.passed is (not failing)


def test_section_3_fails_by_exactly_the_blank_household(world):
    report = counting.build(world["engine"], 2026, 2)
    check = next(c for c in report.checks if c["section"] == "3")
    assert (check["total"], check["expected"]) == (6, 7)


@pytest.mark.parametrize(
    ("fy", "quarter", "expected"),
    [
        (2026, 1, {}),
        (2026, 2, {"H3": ["missing_purpose"], "H4": ["missing_ethnicity"]}),
        (2027, 1, {}),
    ],
)
def test_would_drop_off_lists_ids_and_reasons(world, fy, quarter, expected):
    report = counting.build(world["engine"], fy, quarter)
    by_id = {v: k for k, v in world["ids"].items()}
    assert {by_id[d["household_id"]]: d["reasons"] for d in report.would_drop_off} == expected


def test_would_drop_off_names_every_reason_of_one_household(engine):
    """A session with no purpose and blank or unknown demographics: one entry with all its reasons; a
    household served only by a workshop of a type HUD does not list is still checked."""
    ids = build_fixture(engine)["ids"]
    with transaction(engine) as s:
        h3 = s.get(Household, ids["H3"])
        h3.race, h3.income_band = "", "about_half"  # blank, and a code HUD does not have
        other = EducationEvent(office_id=h3.office_id, event_date=D(2026, 3, 1), education_type="citizenship")
        s.add(other)
        s.flush()
        h6 = s.get(Household, ids["H6"])
        h6.rural = ""
        s.add(EducationAttendance(event_id=other.id, household_id=ids["H6"], completed=True))
    report = counting.build(engine, 2026, 2)
    by_id = {v: k for k, v in ids.items()}
    assert {by_id[d["household_id"]]: d["reasons"] for d in report.would_drop_off} == {
        "H3": ["missing_purpose", "missing_race", "missing_income_band"],
        "H4": ["missing_ethnicity"],
        "H6": ["missing_rural"],
    }


def test_demographic_key_is_computed_by_the_database_on_every_write(engine):
    """household.demo_key: digit k is the k-th demographic's position among HUD's codes, 0 if blank or
    unknown; the database recomputes it when a demographic changes (both backends, every code)."""
    agency = small_agency(engine)
    office = agency["offices"]["north"]
    cases = []  # (column, value, expected digit)
    for column, allowed in codes.DEMOGRAPHIC_CODES.items():
        cases += [(column, code, i) for i, code in enumerate(allowed, start=1)]
        cases += [(column, "", 0), (column, "somewhere_else", 0)]
    first = {column: allowed[0] for column, allowed in codes.DEMOGRAPHIC_CODES.items()}
    with transaction(engine) as s:
        rows = [Household(office_id=office, display_name="Familia Prueba", **first) for _ in cases]
        s.add_all(rows)
        s.flush()
        ids = [hh.id for hh in rows]
    with transaction(engine) as s:  # a change after the insert: the key follows it
        for hid, (column, value, _digit) in zip(ids, cases, strict=True):
            setattr(s.get(Household, hid), column, value)
    with reading(engine) as s:
        keys = dict(s.execute(select(Household.id, Household.demo_key).where(Household.id.in_(ids))).all())
    columns = list(codes.DEMOGRAPHIC_CODES)
    for hid, (column, value, digit) in zip(ids, cases, strict=True):
        expected = sum(10**k * (digit if name == column else 1) for k, name in enumerate(columns))
        assert keys[hid] == expected, (column, value)


def test_outcome_counted_once_per_household_and_only_with_one_on_one(world):
    report = counting.build(world["engine"], 2026, 2)
    assert report.sections["10"].counts.get("budget_developed") == 1  # typed twice
    assert report.sections["10"].counts.get("fair_housing_info", 0) == 0  # H2: group education only
    assert report.sections["10"].total == 6


@pytest.mark.parametrize(
    ("fy", "quarter", "start", "end"),
    [
        (2026, 1, D(2025, 10, 1), D(2025, 12, 31)),
        (2026, 2, D(2025, 10, 1), D(2026, 3, 31)),
        (2026, 3, D(2025, 10, 1), D(2026, 6, 30)),
        (2026, 4, D(2025, 10, 1), D(2026, 9, 30)),
        (2024, 2, D(2023, 10, 1), D(2024, 3, 31)),  # leap year: still the 31st of March
    ],
)
def test_period_is_cumulative_from_october(fy, quarter, start, end):
    assert form.period(fy, quarter) == (start, end)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 9, 30), (2025, 4)),
        (D(2025, 10, 1), (2026, 1)),
        (D(2025, 12, 31), (2026, 1)),
        (D(2026, 1, 1), (2026, 2)),
        (D(2026, 6, 30), (2026, 3)),
        (D(2026, 7, 1), (2026, 4)),
    ],
)
def test_fiscal_quarter_of(day, expected):
    assert form.fiscal_quarter_of(day) == expected


@pytest.mark.parametrize("quarter", [0, 5])
def test_bad_quarter_is_refused(quarter):
    with pytest.raises(ValueError):
        form.period(2026, quarter)


def test_json_shape_has_every_row_and_no_names(world):
    report = counting.build(world["engine"], 2026, 2)
    data = json.loads(writers.to_json(report))
    assert (data["fiscal_year"], data["quarter"]) == (2026, 2)
    assert list(data["sections"]) == ["3", "4", "5", "6", "7", "8", "9", "10"]
    assert data["sections"]["9"]["rows"]["b. Rental topics"] == 3
    assert data["sections"]["9"]["total"] == 5
    assert len(data["sections"]["10"]["rows"]) == 19
    assert len(data["sections"]["4"]["rows"]) == 7
    assert {c["section"]: c["passed"] for c in data["checks"]}["3"] is False
    text = writers.to_json(report) + writers.to_csv(report)
    assert "Peña" not in text and "Familia" not in text


def test_csv_and_xlsx_carry_the_same_numbers(world):
    from openpyxl import load_workbook

    report = counting.build(world["engine"], 2026, 2)
    csv_text = writers.to_csv(report)
    assert "9,b. Rental topics,3" in csv_text
    assert "9,Total,5" in csv_text
    assert "FAIL: 6 vs 7" in csv_text
    import io

    book = load_workbook(io.BytesIO(writers.to_xlsx(report)))
    rows = [tuple(r) for r in book["HUD-9902"].iter_rows(values_only=True)]
    assert ("9", "b. Rental topics", 3) in rows
    assert ("10", "Total", 6) in rows
    fix = [r for r in book["To fix"].iter_rows(values_only=True)][1:]
    assert sorted(r[0] for r in fix) == sorted([world["ids"]["H3"], world["ids"]["H4"]])


@pytest.mark.postgres
def test_sqlite_and_postgresql_give_identical_reports(tmp_path, pg_admin_url):
    lite = make_engine(f"sqlite:///{tmp_path / 'same.db'}")
    migrate.upgrade(lite)
    pg, dispose = fresh_postgres_engine(pg_admin_url)
    try:
        migrate.upgrade(pg)
        build_fixture(lite)
        build_fixture(pg)
        for fy, quarter in [(2026, 1), (2026, 2), (2026, 4), (2027, 1)]:
            a = counting.build(lite, fy, quarter).as_dict()
            b = counting.build(pg, fy, quarter).as_dict()
            assert a == b
            assert writers.to_csv(counting.build(lite, fy, quarter)) == writers.to_csv(
                counting.build(pg, fy, quarter)
            )
    finally:
        lite.dispose()
        dispose()
