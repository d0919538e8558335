"""The attendance page saves in its buttons' callbacks: what the trainer pressed is what is saved, a refusal is
shown once at its field, and what changed in the office between the drawing and the press is refused whole."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db import education
from db.engine import reading, transaction
from db.local_time import today_local
from db.models import EducationAttendance, EducationEvent, Household
from tests.app.conftest import app_test, visible_text
from tests.factories import workshop_held_yesterday

PAGE = "app_pages/attendance.py"


@pytest.fixture
def office(agency):
    """Households stored the way intake stores them (search name without accents)."""
    with transaction(agency["engine"]) as s:
        for hh in s.scalars(select(Household)):
            hh.search_name = education.normalize_name(hh.display_name)
    return agency


def saved_events(engine) -> list[int]:
    with reading(engine) as s:
        return [e.id for e in s.scalars(select(EducationEvent))]


def attendance_count(engine) -> int:
    with reading(engine) as s:
        return len(list(s.scalars(select(EducationAttendance))))


def with_newcomers(at, *names: str):
    for name in names:
        at.text_input(key="att_new_name").input(name).run()
        at.button(key="att_new_add").click().run()
    return at


@pytest.mark.parametrize(
    "lang, message",
    [("en", "Add at least one person who attended."), ("es", "Agregue por lo menos a una persona")],
)
def test_a_refused_save_is_shown_once(office, lang, message):
    at = app_test(PAGE, lang=lang, user=office["users"]["trainer"])
    at.selectbox(key="att_funding").set_value("none")
    at.button(key="att_save").click().run()
    assert any(message in e.value for e in at.error)
    at.run()  # the next screen (any other press) no longer carries it
    assert not any(message in e.value for e in at.error)
    assert saved_events(office["engine"]) == []


def test_remove_takes_off_the_person_pressed(office):
    at = with_newcomers(app_test(PAGE, user=office["users"]["trainer"]), "Ana Gómez", "Luis Paz", "Rosa Díaz")
    at.button(key="att_rmn_1").click().run()
    text = visible_text(at)
    assert "Ana Gómez (new)" in text and "Rosa Díaz (new)" in text and "Luis Paz" not in text
    assert "**2 people attended**" in text


def test_a_found_person_added_then_removed(office):
    north = office["households"]["north"]
    at = app_test(PAGE, user=office["users"]["trainer"])
    at.text_input(key="att_search").input("nunez").run()
    at.button(key=f"att_add_{north}").click().run()
    assert "**1 person attended**" in visible_text(at)
    assert f"att_add_{north}" not in [b.key for b in at.button]  # on the list, no longer offered
    at.button(key=f"att_rm_{north}").click().run()
    assert "**0 people attended**" in visible_text(at)


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", "Attendance was already recorded for this workshop."),
        ("es", "La asistencia de este taller ya se anotó."),
    ],
)
def test_a_planned_workshop_recorded_elsewhere_before_the_press_is_not_recorded_twice(office, lang, message):
    engine, trainer = office["engine"], office["users"]["trainer"]
    held = today_local() - dt.timedelta(days=1)
    event_id = workshop_held_yesterday(engine, trainer)
    at = app_test(PAGE, lang=lang, user=trainer)
    at.selectbox(key="att_planned").set_value(event_id).run()
    with_newcomers(at, "Ana Gómez")
    at.selectbox(key="att_funding").set_value("none")
    # Another trainer records that workshop from another screen meanwhile.
    education.record_event(
        engine, trainer, event_date=held, education_type="prepurchase", new_people=[{"name": "Otra Persona"}],
        module_id="Comprar casa", planned_id=event_id,
    )  # fmt: skip
    at.button(key="att_save").click().run()
    assert not at.exception
    assert any(message in e.value for e in at.error)
    assert saved_events(engine) == [event_id] and attendance_count(engine) == 1
    assert "Ana Gómez" in visible_text(at)  # the list is kept, to record on another workshop


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", "You do not have access to one of these households."),
        ("es", "Usted no tiene acceso a uno de estos hogares."),
    ],
)
def test_a_person_moved_to_another_office_before_the_press_saves_nothing(office, lang, message):
    engine, north = office["engine"], office["households"]["north"]
    at = app_test(PAGE, lang=lang, user=office["users"]["trainer"])
    at.text_input(key="att_search").input("nunez").run()
    at.button(key=f"att_add_{north}").click().run()
    with transaction(engine) as s:
        s.get(Household, north).office_id = office["offices"]["south"]
    at.selectbox(key="att_funding").set_value("none")
    at.button(key="att_save").click().run()
    assert not at.exception
    assert message in [e.value for e in at.error]
    assert saved_events(engine) == [] and attendance_count(engine) == 0


def test_a_disabled_account_records_nothing_and_is_logged_out(office):
    """Its tab stays open; the save runs in the button's callback, before the page checks the session."""
    from db import accounts

    trainer, admin = office["users"]["trainer"], office["users"]["admin"]
    at = with_newcomers(app_test(PAGE, user=trainer), "Ana Gómez")
    at.selectbox(key="att_funding").set_value("none")
    accounts.set_active(office["engine"], admin, trainer["id"], False)
    at.button(key="att_save").click().run()
    assert not at.exception
    assert "user" not in at.session_state
    assert saved_events(office["engine"]) == []
