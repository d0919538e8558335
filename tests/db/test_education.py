"""Workshop attendance on SQLite and PostgreSQL: one transaction, office scope, names only, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from calculators import InputError
from db import education
from db.engine import reading, transaction
from db.local_time import today_local
from db.models import AuditEvent, EducationAttendance, EducationEvent, Household
from db.scope import AccessDenied
from tests.factories import make_household, small_agency

DAY = dt.date(2026, 3, 5)


@pytest.fixture
def agency(engine):
    data = small_agency(engine)
    data["engine"] = engine
    with transaction(engine) as s:  # as intake stores it: lower-case without accents
        for hh in s.scalars(select(Household)):
            hh.search_name = education.normalize_name(hh.display_name)
    return data


def count(engine, model) -> int:
    with reading(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


def audit_actions(engine) -> list[tuple[str, str]]:
    with reading(engine) as s:
        return [(e.action, e.detail) for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_trainer_records_a_workshop_with_existing_and_new_attendees(agency):
    engine, trainer = agency["engine"], agency["users"]["trainer"]
    north = agency["households"]["north"]
    event_id = education.record_event(
        engine,
        trainer,
        event_date=DAY,
        education_type="prepurchase",
        language="es",
        module_id="preparing",
        household_ids=[north, north],
        new_people=[{"name": "  Trần  Văn Hùng ", "language": "en"}],
    )
    events = education.list_events(engine, trainer)
    assert [(e["id"], e["attendees"], e["module_id"], e["agency"]) for e in events] == [
        (event_id, 2, "preparing", "Camino Test Agency")
    ]
    people = education.attendees(engine, trainer, event_id)
    assert sorted(p["name"] for p in people) == ["María José Núñez Pérez", "Trần Văn Hùng"]
    assert set(people[0]) == {"household_id", "name", "completed"}  # names only, nothing of the file
    new_id = next(p["household_id"] for p in people if p["name"] == "Trần Văn Hùng")
    with reading(engine) as s:
        newcomer = s.get(Household, new_id)
        assert (newcomer.office_id, newcomer.preferred_language) == (agency["offices"]["north"], "en")
        assert newcomer.search_name == "tran van hung"
    actions = [a for a, _ in audit_actions(engine)]
    assert actions[-3:] == ["household_quick_added", "education_recorded", "attendance_viewed"]
    assert ("education_recorded", "attendees=2 new=1") in audit_actions(engine)


def test_a_typed_title_is_kept_when_no_module_fits(agency):
    engine, lead = agency["engine"], agency["users"]["lead"]
    event_id = education.record_event(
        engine,
        lead,
        event_date=DAY,
        education_type="fair_housing",
        title="Charla en la iglesia",
        household_ids=[agency["households"]["north"]],
    )
    with reading(engine) as s:
        assert s.get(EducationEvent, event_id).module_id == "Charla en la iglesia"


@pytest.mark.parametrize(
    "changes, code, field",
    [
        ({"education_type": "yoga"}, "unknown_education_type", "education_type"),
        ({"language": "fr"}, "unknown_language", "language"),
        ({"module_id": "", "title": "  "}, "missing_field", "title"),
        ({"module_id": "", "title": "x" * 61}, "too_long", "title"),
        ({"event_date": "2026-13-40"}, "bad_date", "event_date"),
        ({"event_date": today_local() + dt.timedelta(days=2)}, "date_in_future", "event_date"),
        ({"duration_minutes": 0}, "out_of_range", "duration_minutes"),
        ({"household_ids": [], "new_people": []}, "no_attendees", "attendees"),
        ({"new_people": [{"name": " ", "language": "es"}]}, "missing_field", "name"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(agency, changes, code, field):
    engine = agency["engine"]
    args = {
        "event_date": DAY,
        "education_type": "rental",
        "language": "es",
        "module_id": "renter",
        "household_ids": [agency["households"]["north"]],
        "new_people": [{"name": "Ana", "language": "es"}],
        **changes,
    }
    with pytest.raises(InputError) as err:
        education.record_event(engine, agency["users"]["counselor"], **args)
    assert (err.value.code, err.value.field) == (code, field)
    assert count(engine, EducationEvent) == 0 and count(engine, EducationAttendance) == 0


def test_another_offices_household_rolls_back_the_whole_event(agency):
    engine = agency["engine"]
    households_before = count(engine, Household)
    with pytest.raises(AccessDenied):
        education.record_event(
            engine,
            agency["users"]["trainer"],
            event_date=DAY,
            education_type="rental",
            module_id="renter",
            household_ids=[agency["households"]["south"]],
            new_people=[{"name": "Nuevo", "language": "es"}],
        )
    assert count(engine, EducationEvent) == 0 and count(engine, Household) == households_before


@pytest.mark.parametrize(
    "who, query, expected",
    [
        ("trainer", "nunez", ["María José Núñez Pérez"]),
        ("trainer", "NÚÑEZ", ["María José Núñez Pérez"]),
        ("trainer", "nguyen", []),  # another office
        ("counselor_south", "nguyen", ["Nguyễn Thị Ngọc"]),
        ("admin", "n", []),  # too short to search
        ("admin", "ng", ["Nguyễn Thị Ngọc"]),
    ],
)
def test_search_returns_names_of_the_users_office_only(agency, who, query, expected):
    rows = education.search_names(agency["engine"], agency["users"][who], query)
    assert [r["name"] for r in rows] == expected
    assert all(set(r) == {"id", "name"} for r in rows)


def test_search_is_audited_without_the_search_text(agency):
    education.search_names(agency["engine"], agency["users"]["trainer"], "núñez")
    assert audit_actions(agency["engine"])[-1] == ("attendee_search", "results=1")


def test_search_treats_wildcards_as_text(agency):
    make_household(agency["engine"], agency["offices"]["north"], "Ana 100% Gómez")
    assert education.search_names(agency["engine"], agency["users"]["trainer"], "%_") == []
    assert [
        r["name"] for r in education.search_names(agency["engine"], agency["users"]["trainer"], "100%")
    ] == ["Ana 100% Gómez"]


def test_other_offices_events_are_hidden_and_denied(agency):
    engine = agency["engine"]
    event_id = education.record_event(
        engine,
        agency["users"]["counselor_south"],
        event_date=DAY,
        education_type="financial_literacy",
        module_id="money_goals",
        household_ids=[agency["households"]["south"]],
    )
    assert education.list_events(engine, agency["users"]["trainer"]) == []
    assert [e["id"] for e in education.list_events(engine, agency["users"]["admin"])] == [event_id]
    with pytest.raises(AccessDenied):
        education.attendees(engine, agency["users"]["trainer"], event_id)
    with pytest.raises(AccessDenied):
        education.attendees(engine, agency["users"]["trainer"], 999_999)


@pytest.mark.parametrize("user", [None, {"id": 1, "role": "client", "office_id": 1}])
def test_non_staff_cannot_use_attendance(agency, user):
    with pytest.raises(AccessDenied):
        education.search_names(agency["engine"], user, "ana")
    with pytest.raises(AccessDenied):
        education.quick_add(agency["engine"], user, "Ana")


def test_quick_add_puts_the_newcomer_in_the_users_office(agency):
    engine, trainer = agency["engine"], agency["users"]["trainer"]
    hid = education.quick_add(engine, trainer, "José Ñañez", "es")
    with reading(engine) as s:
        hh = s.get(Household, hid)
        assert (hh.display_name, hh.office_id, hh.search_name) == (
            "José Ñañez",
            trainer["office_id"],
            "jose nanez",
        )
    with pytest.raises(InputError):
        education.quick_add(engine, trainer, "x" * 201)


def test_households_with_education_feed_the_also_received_education_outcome(agency):
    engine, counselor = agency["engine"], agency["users"]["counselor"]
    north = agency["households"]["north"]
    education.record_event(
        engine,
        counselor,
        event_date=DAY,
        education_type="prepurchase",
        module_id="preparing",
        household_ids=[north],
    )
    assert education.households_with_education(engine, counselor, DAY, DAY) == {north}
    assert (
        education.households_with_education(
            engine, counselor, DAY + dt.timedelta(days=1), DAY.replace(month=4)
        )
        == set()
    )
    assert education.households_with_education(engine, agency["users"]["counselor_south"], DAY, DAY) == set()
