"""The attendance page and planned workshops, both languages: a trainer plans one for a time (it is then on
the office calendar), and records the attendance of a planned workshop on that same workshop."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db import appointments as appts
from db.engine import reading
from db.local_time import today_local
from db.models import EducationAttendance, EducationEvent
from tests.app.conftest import app_test, visible_text
from tests.factories import workshop_held_yesterday

PAGE = "app_pages/attendance.py"


@pytest.mark.parametrize("lang, plan, planned", [("en", "Plan workshop", "Workshop planned for"),
                                                 ("es", "Programar taller", "Taller programado para")])  # fmt: skip
def test_a_trainer_plans_a_workshop_that_the_office_calendar_shows(agency, lang, plan, planned):
    day = today_local() + dt.timedelta(days=3)
    trainer = agency["users"]["trainer"]
    at = app_test(PAGE, lang=lang, user=trainer)
    at.text_input(key="att_ws_title").set_value("Comprar casa")
    at.date_input(key="att_ws_day").set_value(day)
    at.text_input(key="att_ws_place").set_value("Biblioteca")
    assert at.selectbox(key="att_ws_leader").value == trainer["id"]
    at.button[[b.label for b in at.button].index(plan)].click().run()
    assert not at.exception
    assert planned in " ".join(s.value for s in at.success)
    [item] = appts.workshops(agency["engine"], agency["users"]["counselor"], day)
    assert (item.starts.time(), item.place, item.leader_name) == (dt.time(18, 0), "Biblioteca", "Test trainer")


@pytest.mark.parametrize("lang, saved", [("en", "Saved: 1 person"), ("es", "Guardado: 1 persona")])
def test_attendance_of_a_planned_workshop_is_recorded_on_it(agency, lang, saved):
    engine, trainer = agency["engine"], agency["users"]["trainer"]
    event_id = workshop_held_yesterday(engine, trainer)
    at = app_test(PAGE, lang=lang, user=trainer)
    at.selectbox(key="att_planned").set_value(event_id).run()
    assert "Comprar casa" in at.selectbox(key="att_planned").format_func(event_id)
    at.text_input(key="att_new_name").input("Ana Gómez").run()
    at.button(key="att_new_add").click().run()
    at.selectbox(key="att_funding").set_value("none")
    at.button(key="att_save").click().run()
    assert not at.exception
    assert saved in " ".join(s.value for s in at.success)
    with reading(engine) as s:
        assert [e.id for e in s.scalars(select(EducationEvent))] == [event_id]
        assert [a.event_id for a in s.scalars(select(EducationAttendance))] == [event_id]
    assert "att_planned" not in [b.key for b in at.selectbox]  # nothing planned is left to record
    assert "Ana Gómez" in visible_text(at)
