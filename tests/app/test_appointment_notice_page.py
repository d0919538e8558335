"""After a reschedule or a cancel the counselor reads whether the family is told (email or text, with their
consent and a configured channel) or must be called, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from db import appointments as appts
from db.appointments import reminder_data
from db.local_time import today_local
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/appointments.py"
DAY = today_local() + dt.timedelta(days=1)


@pytest.mark.parametrize(
    "lang, consent, smtp, told",
    [
        ("en", True, True, "The family will be told by email."),
        ("es", True, True, "La familia recibirá un aviso por correo electrónico."),
        ("en", True, False, "please call them"),  # consent, but no mail server set up
        ("es", False, True, "por favor, llámela"),
    ],
)
@pytest.mark.parametrize("action", ["reschedule", "cancel"])
def test_the_counselor_reads_whether_the_family_is_told(agency, monkeypatch, lang, consent, smtp, told, action):
    engine, user = agency["engine"], agency["users"]["counselor"]
    monkeypatch.setenv("CAMINO_SMTP_HOST", "127.0.0.1" if smtp else "")
    monkeypatch.setenv("CAMINO_TWILIO_ACCOUNT_SID", "")
    if consent:
        reminder_data.set_consent(engine, user, agency["households"]["north"], "email", True, today_local())
    first = appts.book(
        engine, user, agency["households"]["north"], counselor_id=user["id"], day=DAY, start_time=dt.time(10, 0)
    )
    at = app_test(PAGE, lang=lang, user=user)
    at.date_input(key="appt_view_day").set_value(DAY).run()
    if action == "reschedule":
        at.selectbox(key=f"appt_rtime_{first}").set_value(dt.time(15, 0))
        at.button(key=f"appt_rgo_{first}").click().run()
    else:
        at.button(key=f"appt_cgo_{first}").click().run()
    assert not at.exception
    assert told in visible_text(at)
    assert appts.get(engine, user, first).status == ("rescheduled" if action == "reschedule" else "cancelled")
