"""Workshops planned for a time on the appointments page, both languages: planned through the form, on the
office and the leader's calendar with time, place and leader, and an appointment over it refused."""

from __future__ import annotations

import datetime as dt

import pytest

from db import appointments as appts
from db.appointments import workshop_plans as workshop_schedule
from db.local_time import today_local
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/appointments.py"
DAY = today_local() + dt.timedelta(days=2)


def _plan(agency, leader="counselor"):
    return workshop_schedule.plan(
        agency["engine"], agency["users"]["lead"], day=DAY, start_time=dt.time(10, 0), minutes=120,
        place="Sala comunitaria", leader_id=agency["users"][leader]["id"], education_type="prepurchase",
        title="Comprar casa", language="es",
    )  # fmt: skip


@pytest.mark.parametrize(
    "lang, shown",
    [
        ("en", ["10:00 AM–12:00 PM", "Workshop:", "Sala comunitaria", "Led by Test counselor"]),
        ("es", ["10:00 a.m.–12:00 p.m.", "Taller:", "Sala comunitaria", "Lo dirige Test counselor"]),
    ],
)
@pytest.mark.parametrize("span", ["day", "week"])
def test_the_office_and_leaders_calendar_show_the_workshops_time_place_and_leader(agency, lang, shown, span):
    _plan(agency)
    for who in (0, agency["users"]["counselor"]["id"]):
        at = app_test(PAGE, lang=lang, user=agency["users"]["lead"])
        at.selectbox(key="appt_who").set_value(who)
        at.segmented_control(key="appt_span").set_value(span)
        at.date_input(key="appt_view_day").set_value(DAY).run()
        assert not at.exception
        text = visible_text(at).replace("\\", "")  # typed text is shown escaped (ui.text.plain)
        for part in shown:
            assert part in text, (who, part)
    at.selectbox(key="appt_who").set_value(agency["users"]["lead"]["id"]).run()
    calendar_lines = [e.value for e in (*at.info, *at.caption)]  # the Workshops tab lists it elsewhere
    assert not any("Sala comunitaria" in line for line in calendar_lines)  # not led by the one shown


@pytest.mark.parametrize(
    "lang, book, refused",
    [("en", "Book", "leads a workshop from 10:00 AM to 12:00 PM"), ("es", "Reservar", "dirige un taller de")],
)
def test_booking_over_a_workshop_the_counselor_leads_is_refused(agency, lang, book, refused):
    _plan(agency)
    at = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    at.text_input(key="appt_find").set_value("Núñez").run()
    at.date_input(key="appt_day").set_value(DAY)
    at.selectbox(key="appt_time").set_value(dt.time(11, 0))
    at.button[[b.label for b in at.button].index(book)].click().run()
    assert not at.exception
    assert refused in " ".join(e.value for e in at.error)
    assert appts.calendar(agency["engine"], agency["users"]["counselor"], DAY) == []


@pytest.mark.parametrize(
    "lang, plan, planned, busy, cancelled",
    [
        ("en", "Plan workshop", "The workshop was planned", "is busy from", "The workshop was cancelled"),
        ("es", "Programar taller", "El taller quedó programado", "está ocupada de", "El taller se canceló"),
    ],
)
def test_a_workshop_is_planned_through_the_form_not_over_the_leaders_appointment_and_cancelled(
    agency, lang, plan, planned, busy, cancelled
):
    appts.book(
        agency["engine"], agency["users"]["counselor"], agency["households"]["north"],
        counselor_id=agency["users"]["lead"]["id"], day=DAY, start_time=dt.time(18, 30),
    )  # fmt: skip
    at = app_test(PAGE, lang=lang, user=agency["users"]["lead"])
    at.text_input(key="appt_ws_title").set_value("Comprar casa")
    at.date_input(key="appt_ws_day").set_value(DAY)
    at.text_input(key="appt_ws_place").set_value("Sala 2")
    at.button[[b.label for b in at.button].index(plan)].click().run()
    assert busy in " ".join(e.value for e in at.error)
    assert appts.workshops(agency["engine"], agency["users"]["lead"], DAY) == []

    at.selectbox(key="appt_ws_time").set_value(dt.time(15, 0))
    at.button[[b.label for b in at.button].index(plan)].click().run()
    assert not at.exception
    assert planned in visible_text(at)
    [item] = appts.workshops(agency["engine"], agency["users"]["lead"], DAY)
    assert (item.starts.time(), item.place, item.leader_name) == (dt.time(15, 0), "Sala 2", "Test lead")

    # Listed under the form, and taken off the calendar with one click.
    assert "Sala 2" in visible_text(at)
    at.button(key=f"wsp_cancel_{item.id}").click().run()
    assert not at.exception
    assert cancelled in visible_text(at)
    assert appts.workshops(agency["engine"], agency["users"]["lead"], DAY) == []
