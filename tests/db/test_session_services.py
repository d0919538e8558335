"""session_service (migration 0005) stays equal to what the raw sessions say, through every kind of write.

The HUD-9902 reads one-on-one services from this derived table instead of de-duplicating sessions, so
each test writes, edits or deletes sessions and then compares the table, and the report's section 9
and households to fix, with the same things computed straight from counseling_session.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import MetaData, Table, delete, select, text

from db import activity, codes, migrate, seed
from db.engine import make_engine, reading, transaction
from db.models import CounselingSession, Household, SessionService, fiscal_year_of, session_services
from reports.hud9902 import counting, form
from tests.factories import make_office, small_agency

D = dt.date


def stored(engine) -> set[tuple]:
    """The session_service rows as (household, fiscal year, purpose, first day)."""
    with reading(engine) as s:
        return {tuple(row) for row in s.execute(select(SessionService.__table__))}


def from_sessions(engine) -> set[tuple]:
    """The same rows worked out from the raw sessions, independently of db.models.session_services."""
    first: dict[tuple, dt.date] = {}
    with reading(engine) as s:
        for hid, on, purpose in s.execute(
            select(CounselingSession.household_id, CounselingSession.session_date, CounselingSession.purpose)
        ):
            key = (hid, on.year + (on.month >= 10), purpose)
            first[key] = min(first.get(key, on), on)
    return {(*key, on) for key, on in first.items()}


def section_9_from_sessions(engine, fiscal_year: int, quarter: int) -> tuple[dict, set]:
    """Section 9 and the households with a bad purpose, counted from the raw sessions of the period."""
    start, end = form.period(fiscal_year, quarter)
    with reading(engine) as s:
        pairs = set(
            s.execute(
                select(CounselingSession.household_id, CounselingSession.purpose).where(
                    CounselingSession.session_date.between(start, end)
                )
            )
        )
    counts: dict[str, int] = {}
    for _hid, purpose in pairs:
        if purpose in codes.COUNSELING_PURPOSE:
            counts[purpose] = counts.get(purpose, 0) + 1
    return counts, {hid for hid, purpose in pairs if purpose not in codes.COUNSELING_PURPOSE}


def assert_in_step(engine) -> None:
    """The table equals the raw sessions, and every quarter's report agrees with a count from them."""
    assert stored(engine) == from_sessions(engine)
    for fiscal_year in (2025, 2026, 2027):
        for quarter in (1, 2, 3, 4):
            report = counting.build(engine, fiscal_year, quarter)
            counts, bad = section_9_from_sessions(engine, fiscal_year, quarter)
            assert {k: n for k, n in report.sections["9"].counts.items() if n} == counts, (
                fiscal_year,
                quarter,
            )
            listed = {
                item["household_id"] for item in report.would_drop_off if "missing_purpose" in item["reasons"]
            }
            assert listed == bad, (fiscal_year, quarter)


@pytest.mark.parametrize(
    ("sessions", "expected"),
    [
        ([], []),
        # Two sessions of one purpose in a year: one row, the earlier day (whatever the order given).
        (
            [(D(2026, 3, 1), "rental"), (D(2025, 11, 2), "rental")],
            [{"fiscal_year": 2026, "purpose": "rental", "first_on": D(2025, 11, 2)}],
        ),
        # 30 September and 1 October belong to different fiscal years.
        (
            [(D(2025, 9, 30), "rental"), (D(2025, 10, 1), "rental")],
            [
                {"fiscal_year": 2025, "purpose": "rental", "first_on": D(2025, 9, 30)},
                {"fiscal_year": 2026, "purpose": "rental", "first_on": D(2025, 10, 1)},
            ],
        ),
        # Each purpose its own row, a blank purpose included (the report lists it to fix).
        (
            [(D(2026, 1, 5), "prepurchase"), (D(2026, 1, 5), "rental"), (D(2026, 2, 1), "")],
            [
                {"fiscal_year": 2026, "purpose": "", "first_on": D(2026, 2, 1)},
                {"fiscal_year": 2026, "purpose": "prepurchase", "first_on": D(2026, 1, 5)},
                {"fiscal_year": 2026, "purpose": "rental", "first_on": D(2026, 1, 5)},
            ],
        ),
    ],
)
def test_session_services_one_row_per_year_and_purpose_with_the_first_day(sessions, expected):
    assert session_services(sessions) == expected


@pytest.mark.parametrize(
    ("day", "year"),
    [(D(2025, 9, 30), 2025), (D(2025, 10, 1), 2026), (D(2025, 12, 31), 2026), (D(2026, 1, 1), 2026)],
)
def test_fiscal_year_of(day, year):
    assert fiscal_year_of(day) == year


@pytest.fixture
def two_households(engine):
    agency = small_agency(engine)
    return engine, agency, agency["households"]["north"], agency["households"]["south"]


def visit(hid, office, on, purpose) -> CounselingSession:
    """A new session row (not yet added to any database session)."""
    return CounselingSession(household_id=hid, office_id=office, session_date=on, purpose=purpose)


def add(engine, hid, office, on, purpose) -> int:
    with transaction(engine) as s:
        row = visit(hid, office, on, purpose)
        s.add(row)
        s.flush()
        return row.id


def edit(engine, session_id, **values) -> None:
    with transaction(engine) as s:
        row = s.get(CounselingSession, session_id)
        for key, value in values.items():
            setattr(row, key, value)


def remove(engine, session_id) -> None:
    with transaction(engine) as s:
        s.delete(s.get(CounselingSession, session_id))


def test_orm_inserts_edits_and_deletes_keep_the_table_in_step(two_households):
    """Each step changes what a fiscal year's first day or purposes are; after each, all must agree."""
    engine, agency, north, south = two_households
    office = agency["offices"]
    first = add(engine, north, office["north"], D(2026, 2, 10), "rental")
    assert_in_step(engine)
    earlier = add(engine, north, office["north"], D(2025, 10, 1), "rental")  # new first day of FY2026
    assert_in_step(engine)
    add(engine, north, office["north"], D(2025, 9, 30), "rental")  # FY2025: its own row
    other = add(engine, south, office["south"], D(2026, 6, 30), "prepurchase")
    blank = add(engine, south, office["south"], D(2026, 7, 1), "")  # listed to fix
    assert_in_step(engine)
    remove(engine, earlier)  # the first day falls back to 10 February (Q2, no longer Q1)
    assert_in_step(engine)
    edit(engine, first, purpose="homeless")  # rental in FY2026 is gone
    assert_in_step(engine)
    edit(engine, other, session_date=D(2026, 10, 1))  # moves into FY2027
    assert_in_step(engine)
    edit(engine, blank, household_id=north, office_id=office["north"])  # both households change
    assert_in_step(engine)
    remove(engine, blank)
    assert_in_step(engine)


def test_several_sessions_in_one_transaction(two_households):
    engine, agency, north, south = two_households
    with transaction(engine) as s:
        for on, purpose in [
            (D(2025, 11, 1), "rental"),
            (D(2025, 10, 15), "rental"),
            (D(2026, 1, 1), "homeless"),
        ]:
            s.add(visit(north, agency["offices"]["north"], on, purpose))
        s.flush()
        s.add(visit(south, agency["offices"]["south"], D(2026, 1, 2), "rental"))
    assert_in_step(engine)


def test_a_failed_write_leaves_the_table_as_it_was(two_households):
    engine, agency, north, _south = two_households
    add(engine, north, agency["offices"]["north"], D(2026, 1, 5), "rental")
    before = stored(engine)
    with pytest.raises(RuntimeError), transaction(engine) as s:
        s.add(visit(north, agency["offices"]["north"], D(2025, 10, 2), "rental"))
        s.flush()
        raise RuntimeError("the counselor's form failed after the session was written")
    assert stored(engine) == before
    assert_in_step(engine)


def test_add_session_keeps_the_table_in_step(two_households):
    engine, agency, north, _south = two_households
    counselor = agency["users"]["counselor"]
    for on, purpose in [
        (D(2026, 3, 2), "prepurchase"),
        (D(2025, 12, 1), "prepurchase"),
        (D(2026, 10, 3), "rental"),
    ]:
        activity.add_session(engine, counselor, north, session_date=on, purpose=purpose)
    assert stored(engine) == {
        (north, 2026, "prepurchase", D(2025, 12, 1)),
        (north, 2027, "rental", D(2026, 10, 3)),
    }
    assert_in_step(engine)


def test_deleting_a_household_deletes_its_rows(two_households):
    engine, agency, north, south = two_households
    add(engine, north, agency["offices"]["north"], D(2026, 1, 5), "rental")
    add(engine, south, agency["offices"]["south"], D(2026, 1, 6), "rental")
    with transaction(engine) as s:
        s.execute(delete(Household).where(Household.id == north))  # as retention purges a file
    assert {row[0] for row in stored(engine)} == {south}
    assert_in_step(engine)


def test_office_scope_reads_the_households_office(two_households):
    """A session logged at another office still counts for the household's own office."""
    engine, agency, north, _south = two_households
    add(engine, north, agency["offices"]["south"], D(2026, 1, 5), "rental")
    assert counting.build(engine, 2026, 2, office_id=agency["offices"]["north"]).sections["9"].counts == {
        "rental": 1
    }
    assert counting.build(engine, 2026, 2, office_id=agency["offices"]["south"]).sections["9"].counts == {}


def test_seed_writes_the_same_rows(engine):
    seed.generate(engine, households=60, seed=7, today=D(2026, 11, 27))
    assert stored(engine) == from_sessions(engine)
    assert stored(engine)  # the seed made sessions, so there is something to compare


def test_migration_fills_the_table_from_existing_sessions(tmp_path):
    """Sessions written before 0005 (as raw rows) are in session_service once it is applied."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        migrate.upgrade(engine, "0004")
        office = make_office(engine, "Oficina Norte", "north")
        with engine.begin() as conn:  # the table as 0004 left it, not the model (it has later columns)
            old = Table("household", MetaData(), autoload_with=conn)
            model = Household.__table__.columns
            values = {  # the model's plain defaults, for 0004's NOT NULL columns
                c.name: model[c.name].default.arg
                for c in old.columns
                if model[c.name].default is not None and not callable(model[c.name].default.arg)
            }
            values |= {"office_id": office, "display_name": "Ana Pérez"}
            values |= {c.name: dt.datetime(2026, 1, 5) for c in old.columns if c.name.endswith("_at")}
            values |= {c.name: D(2026, 1, 5) for c in old.columns if c.name.endswith("_on")}
            insert = old.insert().values(values)
            hid = conn.execute(insert).inserted_primary_key[0]
        rows = [
            (D(2025, 9, 30), "rental"),
            (D(2025, 10, 1), "rental"),
            (D(2026, 2, 1), "rental"),
            (D(2026, 2, 1), ""),
        ]
        with engine.begin() as conn:
            for on, purpose in rows:
                conn.execute(
                    text(
                        "INSERT INTO counseling_session (household_id, office_id, session_date, duration_minutes, mode, purpose, notes, created_at) "
                        "VALUES (:h, :o, :d, 60, 'phone', :p, '', '2026-01-01')"
                    ),
                    {"h": hid, "o": office, "d": on.isoformat(), "p": purpose},
                )
        migrate.upgrade(engine)
        assert (
            stored(engine)
            == from_sessions(engine)
            == {
                (hid, 2025, "rental", D(2025, 9, 30)),
                (hid, 2026, "rental", D(2025, 10, 1)),
                (hid, 2026, "", D(2026, 2, 1)),
            }
        )
    finally:
        engine.dispose()
