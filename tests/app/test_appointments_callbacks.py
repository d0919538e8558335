"""The appointments page saves in its buttons' callbacks, in both languages: one press draws the page once,
already showing what was saved; a refusal shows once, at its box; a press acts on the row it belongs to."""

from __future__ import annotations

import datetime as dt

import pytest

from db import accounts, activity
from db import appointments as appts
from db.appointments import reminder_data
from db.appointments import workshop_plans as workshop_schedule
from db.local_time import today_local
from tests.app.conftest import app_test, visible_text
from tests.factories import make_household

PAGE = "app_pages/appointments.py"
TODAY = today_local()
YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)
LATER = TODAY + dt.timedelta(days=3)
LONG_AGO = dt.datetime(2020, 1, 1)  # booked back then, so yesterday's time has now come
WORDS = {
    "en": {
        "kept": "Kept: log the session",
        "kept_done": "The session was added to the client file.",
        "status_kept": "Status: Kept",
        "no_show": "No-show",
        "no_show_done": "The no-show was recorded.",
        "status_no_show": "Status: No-show",
        "reschedule": "Reschedule",
        "rescheduled": "Rescheduled to",
        "three_pm": "3:00 PM",
        "cancel_box": "Cancel",
        "cancel": "Cancel appointment",
        "cancelled": "The appointment was cancelled.",
        "save_consent": "Save consent",
        "consent_box": "Record reminder consent",
        "consent_saved": "Consent saved.",
        "consent_now": "Email: yes, since",
        "book": "Book",
        "booked": "The appointment was booked.",
        "plan": "Plan workshop",
        "planned": "The workshop was planned; it is on the office calendar.",
        "planned_under_form": "Workshop planned for",
        "cancel_workshop": "Cancel workshop",
        "workshop_cancelled": "The workshop was cancelled; its leader is free again.",
        "busy": "already has an appointment",
        "leader_busy": "is busy from",
        "too_long": "This text is too long.",
        "bad_date": "Please enter a valid date.",
        "changed": "This appointment was already changed. The calendar now shows where it stands.",
    },
    "es": {
        "kept": "Vino: anotar la sesión",
        "kept_done": "La sesión se agregó al expediente.",
        "status_kept": "Estado: Vino",
        "no_show": "No vino",
        "no_show_done": "Se anotó que no vino.",
        "status_no_show": "Estado: No vino",
        "reschedule": "Cambiar la fecha",
        "rescheduled": "La cita pasó al",
        "three_pm": "3:00 p.m.",
        "cancel_box": "Cancelar",
        "cancel": "Cancelar la cita",
        "cancelled": "La cita se canceló.",
        "save_consent": "Guardar el permiso",
        "consent_box": "Anotar el permiso para recordatorios",
        "consent_saved": "Permiso guardado.",
        "consent_now": "Correo electrónico: sí, desde el",
        "book": "Reservar",
        "booked": "La cita quedó reservada.",
        "plan": "Programar taller",
        "planned": "El taller quedó programado; ya está en el calendario de la oficina.",
        "planned_under_form": "Taller programado para",
        "cancel_workshop": "Cancelar el taller",
        "workshop_cancelled": "El taller se canceló; la persona que lo dirigía queda libre.",
        "busy": "ya tiene una cita",
        "leader_busy": "está ocupada de",
        "too_long": "Este texto es demasiado largo.",
        "bad_date": "Por favor, escriba una fecha válida.",
        "changed": "Esta cita ya se cambió. El calendario muestra cómo está ahora.",
    },
}


@pytest.fixture
def drawings(monkeypatch):
    """Counts the page's drawings: a save in the run followed by st.rerun() drew it twice for one press."""
    from ui.appointments import view

    drawn: list[int] = []
    real = view.render

    def counted(user):
        drawn.append(user["id"])
        return real(user)

    monkeypatch.setattr(view, "render", counted)
    return drawn


def press(at, drawings, button) -> None:
    """One press, then the page must have been drawn exactly once, without an error page."""
    drawings.clear()
    button.click().run()
    assert not at.exception
    assert len(drawings) == 1, "the page was drawn more than once for one press"


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def expander(at, label: str):
    return next(e for e in at.expander if e.label == label)


def errors(block) -> list[str]:
    return [e.value for e in block.error]


def successes(at) -> list[str]:
    return [s.value for s in at.success]


def status_text(at) -> str:
    return " ".join(t.value for t in at.text)


def _book(agency, day, hour, who="counselor", now=None):
    user = agency["users"]["counselor"]
    return appts.book(
        agency["engine"], user, agency["households"]["north"], counselor_id=agency["users"][who]["id"],
        day=day, start_time=dt.time(hour), now=now,
    )  # fmt: skip


def _calendar(agency, lang, day, user="counselor"):
    at = app_test(PAGE, lang=lang, user=agency["users"][user])
    at.date_input(key="appt_view_day").set_value(day).run()
    return at


@pytest.mark.parametrize("lang", ["en", "es"])
def test_kept_and_no_show_are_saved_and_shown_after_one_drawing(agency, drawings, lang):
    words, engine, user = WORDS[lang], agency["engine"], agency["users"]["counselor"]
    kept, missed = (_book(agency, YESTERDAY, hour, now=LONG_AGO) for hour in (9, 11))
    at = _calendar(agency, lang, YESTERDAY)
    assert at.selectbox(key="appt_pick").value == kept
    press(at, drawings, button(at, words["kept"]))
    assert words["kept_done"] in successes(at)
    assert words["status_kept"] in status_text(at)  # the panel drawn after the save shows it
    assert not [b for b in at.button if b.label == words["kept"]]
    assert appts.get(engine, user, kept).session_id is not None

    at.selectbox(key="appt_pick").set_value(missed).run()
    press(at, drawings, button(at, words["no_show"]))
    assert words["no_show_done"] in successes(at)
    assert words["status_no_show"] in status_text(at)
    assert appts.get(engine, user, missed).status == "no_show"
    at.run()  # the confirmation is shown once
    assert words["no_show_done"] not in successes(at)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_reschedule_and_cancel_are_saved_and_shown_after_one_drawing(agency, drawings, lang):
    words, engine, user = WORDS[lang], agency["engine"], agency["users"]["counselor"]
    moving, cancelling = (_book(agency, TOMORROW, hour) for hour in (9, 11))
    at = _calendar(agency, lang, TOMORROW)
    at.selectbox(key=f"appt_rtime_{moving}").set_value(dt.time(15, 0))
    press(at, drawings, at.button(key=f"appt_rgo_{moving}"))
    assert any(words["rescheduled"] in s for s in successes(at))
    [moved] = [a for a in appts.calendar(engine, user, TOMORROW) if a.rescheduled_from_id == moving]
    assert moved.starts.time() == dt.time(15, 0)
    assert any(words["three_pm"] in option for option in at.selectbox(key="appt_pick").options)

    at.selectbox(key="appt_pick").set_value(cancelling).run()
    at.text_input(key=f"appt_cnote_{cancelling}").input("Called to cancel")
    press(at, drawings, at.button(key=f"appt_cgo_{cancelling}"))
    assert any(words["cancelled"] in s for s in successes(at))
    assert appts.get(engine, user, cancelling).status == "cancelled"
    assert cancelling not in [a.id for a in appts.calendar(engine, user, TOMORROW)]
    assert at.selectbox(key="appt_pick").value != cancelling  # gone from the calendar drawn after the save


@pytest.mark.parametrize("lang", ["en", "es"])
def test_consent_and_booking_are_saved_and_shown_after_one_drawing(agency, drawings, lang):
    words, engine, user = WORDS[lang], agency["engine"], agency["users"]["counselor"]
    hid = agency["households"]["north"]
    at = app_test(PAGE, lang=lang, user=user)
    at.text_input(key="appt_find").set_value("Núñez").run()
    at.checkbox(key=f"appt_ce_{hid}").check()
    press(at, drawings, button(at, words["save_consent"]))
    assert words["consent_saved"] in successes(at)
    assert any(words["consent_now"] in c.value for c in at.caption)
    assert reminder_data.consent(engine, user, hid).email_since == TODAY

    at.date_input(key="appt_day").set_value(LATER)
    at.selectbox(key="appt_time").set_value(dt.time(11, 0))
    press(at, drawings, button(at, words["book"]))
    assert words["booked"] in successes(at)
    [booked] = appts.calendar(engine, user, LATER)
    assert booked.starts.time() == dt.time(11, 0)
    assert at.date_input(key="appt_view_day").value == LATER  # the calendar opens on the day booked
    assert at.selectbox(key="appt_pick").value == booked.id
    assert "María José Núñez Pérez" in visible_text(at)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_workshop_is_planned_and_cancelled_after_one_drawing_each(agency, drawings, lang):
    words, engine, lead = WORDS[lang], agency["engine"], agency["users"]["lead"]
    at = app_test(PAGE, lang=lang, user=lead)
    at.text_input(key="appt_ws_title").set_value("Comprar casa")
    at.date_input(key="appt_ws_day").set_value(LATER)
    at.text_input(key="appt_ws_place").set_value("Sala 2")
    press(at, drawings, button(at, words["plan"]))
    assert successes(at).count(words["planned"]) == 1  # at the top only, as before
    assert words["planned_under_form"] not in visible_text(at)
    [first] = appts.workshops(engine, lead, LATER)
    assert "Sala 2" in visible_text(at)  # listed under the form, drawn after the save
    at.run()
    assert words["planned"] not in successes(at)

    second = workshop_schedule.plan(
        engine, lead, day=LATER, start_time=dt.time(10, 0), minutes=60, place="Sala 3",
        leader_id=agency["users"]["counselor"]["id"], education_type="prepurchase", title="Presupuesto",
    )  # fmt: skip
    at.run()
    press(at, drawings, at.button(key=f"wsp_cancel_{first.id}"))
    assert words["workshop_cancelled"] in successes(at)
    assert [w.id for w in appts.workshops(engine, lead, LATER)] == [second]  # the row pressed, only
    assert f"wsp_cancel_{first.id}" not in [b.key for b in at.button]
    assert f"wsp_cancel_{second}" in [b.key for b in at.button]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_refusal_shows_once_at_its_box_and_nothing_is_saved(agency, drawings, lang):
    words, engine, user = WORDS[lang], agency["engine"], agency["users"]["counselor"]
    hid = agency["households"]["north"]
    first = _book(agency, TOMORROW, 10)
    _book(agency, TOMORROW, 15)  # the counselor is busy at 3 PM
    at = _calendar(agency, lang, TOMORROW)
    at.selectbox(key="appt_pick").set_value(first).run()

    at.selectbox(key=f"appt_rtime_{first}").set_value(dt.time(15, 0))
    press(at, drawings, at.button(key=f"appt_rgo_{first}"))
    assert any(words["busy"] in e for e in errors(expander(at, words["reschedule"])))
    assert appts.get(engine, user, first).status == "booked"
    at.run()
    assert errors(at) == []  # shown once

    at.text_input(key=f"appt_cnote_{first}").input("x" * 300)
    press(at, drawings, at.button(key=f"appt_cgo_{first}"))
    assert errors(expander(at, words["cancel_box"])) == [words["too_long"]]
    assert appts.get(engine, user, first).status == "booked"
    at.run()
    assert errors(at) == []

    at.text_input(key="appt_find").set_value("Núñez").run()
    at.date_input(key=f"appt_con_{hid}").set_value(TODAY + dt.timedelta(days=10))
    at.checkbox(key=f"appt_ce_{hid}").check()
    press(at, drawings, button(at, words["save_consent"]))
    assert errors(expander(at, words["consent_box"])) == [words["bad_date"]]
    assert reminder_data.consent(engine, user, hid).email_since is None
    at.run()
    assert errors(at) == []

    at.date_input(key="appt_day").set_value(TOMORROW)
    at.selectbox(key="appt_time").set_value(dt.time(15, 30))
    press(at, drawings, button(at, words["book"]))
    assert any(words["busy"] in e for e in errors(at.form(key="appt_book")))
    assert len(appts.calendar(engine, user, TOMORROW)) == 2
    at.run()
    assert errors(at) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_refused_workshop_shows_once_in_its_form(agency, drawings, lang):
    words, engine, lead = WORDS[lang], agency["engine"], agency["users"]["lead"]
    _book(agency, LATER, 18, who="lead")
    at = app_test(PAGE, lang=lang, user=lead)
    at.text_input(key="appt_ws_title").set_value("Comprar casa")
    at.date_input(key="appt_ws_day").set_value(LATER)
    press(at, drawings, button(at, words["plan"]))
    assert any(words["leader_busy"] in e for e in errors(at.form(key="appt_ws_form")))
    assert appts.workshops(engine, lead, LATER) == []
    at.run()
    assert errors(at) == []


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("meanwhile", ["no_show", "cancel"])
def test_a_press_on_an_appointment_changed_meanwhile_says_so_once(agency, drawings, lang, meanwhile):
    """A colleague recorded it (it stays on the calendar) or cancelled it (it leaves) after it was drawn here."""
    words, engine, user = WORDS[lang], agency["engine"], agency["users"]["counselor"]
    hid = agency["households"]["north"]
    first = _book(agency, YESTERDAY, 9, now=LONG_AGO)
    at = _calendar(agency, lang, YESTERDAY)
    lead = agency["users"]["lead"]
    if meanwhile == "no_show":
        appts.mark_no_show(engine, lead, first)
    else:
        appts.cancel(engine, lead, first)
    press(at, drawings, button(at, words["kept"]))
    assert errors(at) == [words["changed"]]
    assert activity.sessions_for(engine, user, hid) == []
    at.run()
    assert errors(at) == []


def test_the_press_acts_on_the_appointment_whose_button_was_pressed(agency, drawings):
    """The pick and the press can reach the server together, before the panel was drawn for the new pick."""
    engine, user = agency["engine"], agency["users"]["counselor"]
    shown, other = (_book(agency, YESTERDAY, hour, now=LONG_AGO) for hour in (9, 11))
    at = _calendar(agency, "en", YESTERDAY)
    assert at.selectbox(key="appt_pick").value == shown
    at.selectbox(key="appt_pick").set_value(other)
    press(at, drawings, at.button(key=f"appt_kept_{shown}"))  # one run: the new pick and the press
    assert WORDS["en"]["kept_done"] in successes(at)
    assert appts.get(engine, user, shown).status == "kept"
    assert appts.get(engine, user, other).status == "booked"


def test_the_booking_is_for_the_household_chosen_at_the_press(agency, drawings):
    engine, user = agency["engine"], agency["users"]["counselor"]
    rosa = make_household(engine, agency["offices"]["north"], "Rosa Núñez Flores", counselor_id=user["id"])
    at = app_test(PAGE, user=user)
    at.text_input(key="appt_find").set_value("Núñez").run()
    shown = at.selectbox(key="appt_household").value
    chosen = ({rosa, agency["households"]["north"]} - {shown}).pop()
    at.selectbox(key="appt_household").set_value(chosen)
    press(at, drawings, button(at, WORDS["en"]["book"]))  # one run: the new household and the press
    [booked] = appts.calendar(engine, user, TOMORROW)
    assert booked.household_id == chosen


@pytest.mark.parametrize("who, what", [("counselor", "kept"), ("lead", "plan"), ("lead", "cancel_workshop")])
def test_a_disabled_account_saves_nothing_and_is_logged_out(agency, who, what):
    engine, admin, user = agency["engine"], agency["users"]["admin"], agency["users"][who]
    first = _book(agency, YESTERDAY, 9, now=LONG_AGO)
    planned = workshop_schedule.plan(
        engine, user, day=LATER, start_time=dt.time(10, 0), minutes=60, place="Sala 3",
        leader_id=user["id"], education_type="prepurchase", title="Presupuesto",
    )  # fmt: skip
    at = _calendar(agency, "en", YESTERDAY, user=who)
    at.text_input(key="appt_ws_title").set_value("Comprar casa")
    at.date_input(key="appt_ws_day").set_value(LATER)
    colleague = agency["users"]["counselor" if who == "lead" else "lead"]
    at.selectbox(key="appt_ws_leader").set_value(colleague["id"])  # active: only the account stops it
    accounts.set_active(engine, admin, user["id"], False)  # while its tab stays open
    target = {
        "kept": lambda: at.button(key=f"appt_kept_{first}"),
        "plan": lambda: button(at, WORDS["en"]["plan"]),
        "cancel_workshop": lambda: at.button(key=f"wsp_cancel_{planned}"),
    }[what]()
    target.click().run()
    assert not at.exception
    assert "user" not in at.session_state
    assert appts.get(engine, admin, first).status == "booked"
    assert [w.id for w in appts.workshops(engine, admin, LATER, office_id=user["office_id"])] == [planned]
