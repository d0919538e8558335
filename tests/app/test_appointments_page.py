"""The appointments page in both languages: calendar per counselor and office, booking, refusal, call list."""

from __future__ import annotations

import datetime as dt

import pytest

from db import activity, education
from db import appointments as appts
from db.appointments import reminder_data
from db.local_time import today_local, week_start
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/appointments.py"
TOMORROW = today_local() + dt.timedelta(days=1)


def _book(agency, day=TOMORROW, at=dt.time(10, 0), who="counselor"):
    return appts.book(
        agency["engine"],
        agency["users"]["counselor"],
        agency["households"]["north"],
        counselor_id=agency["users"][who]["id"],
        day=day,
        start_time=at,
        bring="Pay stubs",
    )


@pytest.mark.parametrize(
    "lang, title, workshop",
    [("en", "Appointments", "Workshop: Pre-purchase homebuyer education"), ("es", "Citas", "Taller:")],
)
def test_office_week_shows_appointments_and_workshops(agency, lang, title, workshop):
    held = today_local() - dt.timedelta(days=1)
    education.record_event(
        agency["engine"], agency["users"]["trainer"], event_date=held, education_type="prepurchase",
        title="Comprar casa", household_ids=[agency["households"]["north"]],
    )  # fmt: skip
    _book(agency)
    at = app_test(PAGE, lang=lang, user=agency["users"]["lead"])
    assert not at.exception
    assert at.title[0].value == title
    at.selectbox(key="appt_who").set_value(0)
    at.segmented_control(key="appt_span").set_value("week")
    at.date_input(key="appt_view_day").set_value(
        held if week_start(held) == week_start(TOMORROW) else TOMORROW
    )
    at.run()
    text = visible_text(at)
    assert "María José Núñez Pérez" in text
    if week_start(held) == week_start(TOMORROW):
        assert workshop.split(":")[0] in text


@pytest.mark.parametrize("lang, refused", [("en", "already has an appointment"), ("es", "ya tiene una cita")])
def test_booking_through_the_form_and_double_booking_refused(agency, lang, refused):
    at = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    at.text_input(key="appt_find").set_value("Núñez").run()
    assert at.selectbox(key="appt_household").value == agency["households"]["north"]
    at.date_input(key="appt_day").set_value(TOMORROW)
    at.selectbox(key="appt_time").set_value(dt.time(11, 0))
    at.text_area(key="appt_bring").set_value("Pay stubs")
    at.button[[b.label for b in at.button].index("Book" if lang == "en" else "Reservar")].click().run()
    assert not at.exception
    booked = appts.calendar(agency["engine"], agency["users"]["counselor"], TOMORROW)
    assert [(a.starts.time(), a.bring) for a in booked] == [(dt.time(11, 0), "Pay stubs")]

    at.selectbox(key="appt_time").set_value(dt.time(11, 30))
    at.button[[b.label for b in at.button].index("Book" if lang == "en" else "Reservar")].click().run()
    assert refused in " ".join(e.value for e in at.error)
    assert len(appts.calendar(agency["engine"], agency["users"]["counselor"], TOMORROW)) == 1


def test_reschedule_from_the_calendar_keeps_history(agency):
    first = _book(agency)
    at = app_test(PAGE, user=agency["users"]["counselor"])
    at.date_input(key="appt_view_day").set_value(TOMORROW).run()
    assert at.selectbox(key="appt_pick").value == first
    at.selectbox(key=f"appt_rtime_{first}").set_value(dt.time(15, 0))
    at.button(key=f"appt_rgo_{first}").click().run()
    assert not at.exception
    [moved] = appts.calendar(agency["engine"], agency["users"]["counselor"], TOMORROW)
    assert moved.starts.time() == dt.time(15, 0) and moved.rescheduled_from_id == first
    assert "Rescheduled to" in visible_text(at)


@pytest.mark.parametrize("lang, reason", [("en", "No consent to email or text"), ("es", "No dio permiso")])
def test_call_list_names_families_without_consent(agency, lang, reason):
    _book(agency)
    at = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    rows = [row for table in at.dataframe for row in table.value.astype(str).values.tolist()]
    assert any(reason in " ".join(row) and "202-555-0101" in row for row in rows)
    reminder_data.set_consent(
        agency["engine"],
        agency["users"]["counselor"],
        agency["households"]["north"],
        "text",
        True,
        today_local(),
    )
    at = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    rows = [row for table in at.dataframe for row in table.value.astype(str).values.tolist()]
    assert not any("202-555-0101" in row for row in rows)


def test_trainer_and_logged_out_see_no_appointments(agency):
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import ROOT

    _book(agency)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app_test(PAGE, user=agency["users"]["trainer"])  # not in a trainer's menu
    for user in (agency["users"]["trainer"], None):  # and the file run directly shows nothing
        at = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)
        if user:
            at.session_state["user"] = dict(user)
        at.run()
        assert "María" not in visible_text(at) and "Please log in" in visible_text(at)


@pytest.mark.parametrize(
    "lang, kept, kept_done, no_show, no_show_done",
    [
        ("en", "Kept: log the session", "The session was added", "No-show", "The no-show was recorded."),
        ("es", "Vino: anotar la sesión", "La sesión se agregó", "No vino", "Se anotó que no vino."),
    ],
)
def test_kept_logs_a_session_with_the_appointments_purpose_and_no_show_is_recorded(
    agency, lang, kept, kept_done, no_show, no_show_done
):
    """One click on "Kept" logs the session (its HUD purpose is the appointment's); "No-show" records it."""
    engine, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    yesterday = today_local() - dt.timedelta(days=1)
    booked = [
        appts.book(
            engine,
            user,
            hid,
            counselor_id=user["id"],
            day=yesterday,
            start_time=at,
            purpose=purpose,
            now=dt.datetime(2020, 1, 1),  # booked back then, so the time has now come
        )  # fmt: skip
        for at, purpose in ((dt.time(9, 0), "rental"), (dt.time(11, 0), "post_purchase"))
    ]
    at = app_test(PAGE, lang=lang, user=user)
    at.date_input(key="appt_view_day").set_value(yesterday).run()
    assert at.selectbox(key="appt_pick").value == booked[0]
    next(b for b in at.button if b.label == kept).click().run()
    assert not at.exception
    assert kept_done in visible_text(at)
    [session] = activity.sessions_for(engine, user, hid)
    assert (session["session_date"], session["start_time"], session["purpose"]) == (
        yesterday,
        dt.time(9, 0),
        "rental",
    )
    assert appts.get(engine, user, booked[0]).session_id == session["id"]
    assert not [b for b in at.button if b.label == kept]  # kept: no second click to make

    at.selectbox(key="appt_pick").set_value(booked[1]).run()
    next(b for b in at.button if b.label == no_show).click().run()
    assert no_show_done in visible_text(at)
    assert appts.get(engine, user, booked[1]).status == "no_show"
    assert len(activity.sessions_for(engine, user, hid)) == 1


@pytest.mark.parametrize(
    "lang, warning, status",
    [
        ("en", "Some reminders could not be sent", "Failed; will try again"),
        ("es", "Algunos recordatorios no se pudieron enviar", "Falló; se intentará de nuevo"),
    ],
)
def test_a_failed_reminder_is_shown_on_the_counselors_calendar(agency, lang, warning, status):
    from db.engine import transaction
    from db.models.appointments import Reminder

    appointment_id = _book(agency)
    at = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    assert not [w for w in at.warning if warning in w.value]  # nothing failed yet
    with transaction(agency["engine"]) as s:
        s.add(
            Reminder(
                appointment_id=appointment_id, channel="text", offset_minutes=120, status="failed", attempts=2
            )
        )
    at.run()
    assert [w for w in at.warning if warning in w.value]
    rows = [row for table in at.dataframe for row in table.value.astype(str).values.tolist()]
    assert any(status in row and "María José Núñez Pérez" in row for row in rows)


@pytest.mark.parametrize(
    "lang, save", [("en", "Save reminder settings"), ("es", "Guardar los recordatorios")]
)
def test_the_lead_sets_the_offices_reminder_times(agency, lang, save):
    at = app_test(PAGE, lang=lang, user=agency["users"]["lead"])
    at.multiselect(key="appt_offsets").set_value([1440, 60])
    at.checkbox(key="appt_text_on").uncheck()
    next(b for b in at.button if b.label == save).click().run()
    assert not at.exception
    saved = reminder_data.settings_for(agency["engine"], agency["users"]["lead"]["office_id"])
    assert (sorted(saved.offsets), saved.email_on, saved.text_on) == ([60, 1440], True, False)
    counselor = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    assert not counselor.multiselect  # a counselor reads the times, cannot change them


@pytest.mark.parametrize("lang, refused", [("en", "already has an appointment"), ("es", "ya tiene una cita")])
def test_reschedule_onto_a_colleagues_calendar(agency, lang, refused):
    engine, counselor, lead = agency["engine"], agency["users"]["counselor"], agency["users"]["lead"]
    first = _book(agency)
    _book(agency, at=dt.time(15, 0), who="lead")  # the lead is busy at 3 PM
    at = app_test(PAGE, lang=lang, user=counselor)
    at.date_input(key="appt_view_day").set_value(TOMORROW).run()
    assert at.selectbox(key="appt_pick").value == first
    at.selectbox(key=f"appt_rwho_{first}").set_value(lead["id"])
    at.selectbox(key=f"appt_rtime_{first}").set_value(dt.time(15, 0))
    at.button(key=f"appt_rgo_{first}").click().run()
    assert refused in " ".join(e.value for e in at.error)
    assert appts.get(engine, counselor, first).status == "booked"
    at.selectbox(key=f"appt_rtime_{first}").set_value(dt.time(11, 0))
    at.button(key=f"appt_rgo_{first}").click().run()
    assert not at.exception
    moved = [a for a in appts.calendar(engine, lead, TOMORROW, counselor_id=lead["id"]) if a.id != first]
    assert [(a.starts.time(), a.rescheduled_from_id) for a in moved] == [
        (dt.time(11, 0), first),
        (dt.time(15, 0), None),
    ]
    assert appts.get(engine, counselor, first).status == "rescheduled"
