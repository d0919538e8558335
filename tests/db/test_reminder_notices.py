"""Notices of a moved or cancelled appointment, by the reminder worker against the real local SMTP server
(aiosmtpd, STARTTLS) and the local text-provider stand-in, on SQLite and PostgreSQL: the family's language,
an updated .ics (REQUEST, higher SEQUENCE) or a CANCEL, never twice, nothing sensitive, old reminders not sent."""

# ruff: noqa: F811  (the fixtures imported from test_reminders are the test functions' parameters)
from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from db import appointments as appts
from db.appointments import reminder_data, reminder_queue
from db.appointments.reminder_notices import due_notices
from db.local_time import TZ
from db.models.appointments import NOTICE_CANCELLED, NOTICE_MOVED
from reminders.worker import run_once
from tests.db.test_reminders import (  # noqa: F401  fixtures: the real servers the reminder tests start
    BEFORE,
    DAY,
    START_UTC,
    TWO_DAYS_BEFORE,
    _setup,
    senders,
    smtp_server,
    text_provider,
    tls_files,
)

SECRETS = ("delinquency", "morosidad", "María", "Núñez", "Talones de pago")  # purpose, name


def _events(mail):
    return [
        Calendar.from_ical(part.get_content())
        for part in mail.iter_attachments()
        if part.get_content_type() == "text/calendar"
    ]


@pytest.mark.parametrize(
    "lang, subject, text_says, before",
    [
        ("es", "Nueva hora para su cita: el martes, 16 de marzo de 2027 a las 3:00 p.m.", "tiene nueva hora",
         "(Antes: martes, 16 de marzo de 2027, 10:00 a.m.)"),
        ("en", "New time for your appointment: Tuesday, March 16, 2027 at 3:00 PM", "has a new time",
         "(Before: Tuesday, March 16, 2027, 10:00 AM)"),
    ],
)  # fmt: skip
def test_a_moved_appointment_sends_one_updated_invitation_and_the_old_times_reminders_never_go(
    agency, senders, lang, subject, text_says, before
):
    engine, user = agency["engine"], agency["users"]["counselor"]
    chosen, inbox, provider = senders
    first = _setup(agency, language=lang)
    assert run_once(engine, chosen, now=TWO_DAYS_BEFORE + dt.timedelta(minutes=1)).sent == 2
    moved = appts.reschedule(engine, user, first, day=DAY, start_time=dt.time(15, 0), now=BEFORE)

    told = TWO_DAYS_BEFORE + dt.timedelta(hours=1)
    assert run_once(engine, chosen, now=told).sent == 2  # the notice, by email and text
    assert len(inbox.messages) == 2 and len(provider.received) == 2
    mail = inbox.messages[1]
    body = mail.get_body(("plain",)).get_content()
    assert str(mail["Subject"]).strip() == subject and before in body
    (cal,) = _events(mail)
    event = cal.walk("VEVENT")[0]
    assert str(cal.get("method")) == "REQUEST" and mail.get_content_type() == "multipart/mixed"
    assert (str(event.get("uid")), int(event.get("sequence"))) == (f"appointment-{first}@camino.local", 1)
    assert event.decoded("dtstart") == dt.datetime(2027, 3, 16, 15, 0, tzinfo=TZ)
    assert str(event.get("organizer")) == "mailto:citas@example.org"
    assert text_says in provider.received[1]["Body"]
    for secret in SECRETS[:4]:
        assert secret not in body and secret not in provider.received[1]["Body"]

    # Never twice, and nothing for the old time: its 2-hour reminder is not sent.
    assert run_once(engine, chosen, now=told + dt.timedelta(minutes=5)).sent == 0
    new_two_days = TWO_DAYS_BEFORE + dt.timedelta(hours=5, minutes=1)  # 15:00 on Sunday: after the notice
    assert run_once(engine, chosen, now=new_two_days).sent == 2
    assert run_once(engine, chosen, now=START_UTC - dt.timedelta(minutes=119)).sent == 0
    assert reminder_queue.history(engine, first) == [("email", 2880, "sent", 1), ("text", 2880, "sent", 1)]
    # The new time's 2-hour reminder goes, once.
    assert run_once(engine, chosen, now=START_UTC + dt.timedelta(hours=5, minutes=-119)).sent == 2
    assert run_once(engine, chosen, now=START_UTC + dt.timedelta(hours=5, minutes=-100)).sent == 0
    assert sorted(reminder_queue.history(engine, moved)) == [
        ("email", NOTICE_MOVED, "sent", 1), ("email", 120, "sent", 1), ("email", 2880, "sent", 1),
        ("text", NOTICE_MOVED, "sent", 1), ("text", 120, "sent", 1), ("text", 2880, "sent", 1),
    ]  # fmt: skip


def test_a_move_inside_the_reminder_window_sends_the_notice_not_a_reminder_too(agency, senders):
    """Moved to later the same day, 2 hours before: the notice tells the new time; no second message."""
    engine, user = agency["engine"], agency["users"]["counselor"]
    chosen, inbox, _provider = senders
    first = _setup(agency, consent=("email",))
    moved = appts.reschedule(engine, user, first, day=DAY, start_time=dt.time(11, 0), now=BEFORE)
    assert run_once(engine, chosen, now=START_UTC - dt.timedelta(minutes=30)).sent == 1
    assert [str(m["Subject"]).strip().split(":")[0] for m in inbox.messages] == ["Nueva hora para su cita"]
    assert reminder_queue.history(engine, moved) == [("email", NOTICE_MOVED, "sent", 1)]


def test_a_cancelled_appointment_sends_one_cancel_in_the_familys_language(agency, senders):
    engine, user = agency["engine"], agency["users"]["counselor"]
    chosen, inbox, provider = senders
    first = _setup(agency)
    moved = appts.reschedule(engine, user, first, day=DAY, start_time=dt.time(15, 0), now=BEFORE)
    appts.cancel(engine, user, moved, "La familia llamó")
    now = TWO_DAYS_BEFORE - dt.timedelta(days=5)
    assert [d.offset_minutes for d in due_notices(engine, now)] == [NOTICE_CANCELLED, NOTICE_CANCELLED]
    assert run_once(engine, chosen, now=now).sent == 2
    mail = inbox.messages[0]
    body = mail.get_body(("plain",)).get_content()
    assert str(mail["Subject"]).strip() == "Cancelada: su cita el martes, 16 de marzo de 2027 a las 3:00 p.m."
    assert "llame al 202-555-0100" in body and "La familia llamó" not in body
    (cal,) = _events(mail)
    event = cal.walk("VEVENT")[0]
    assert (str(cal.get("method")), str(event.get("status"))) == ("CANCEL", "CANCELLED")
    assert (str(event.get("uid")), int(event.get("sequence"))) == (f"appointment-{first}@camino.local", 2)
    assert "fue cancelada" in provider.received[0]["Body"] and provider.received[0]["To"] == "+12025550101"
    for secret in SECRETS:
        assert secret not in body and secret not in provider.received[0]["Body"]
    # Never twice; no reminder of either time later.
    for later in (now + dt.timedelta(minutes=5), TWO_DAYS_BEFORE + dt.timedelta(minutes=1), START_UTC):
        assert run_once(engine, chosen, now=later).sent == 0
    assert len(inbox.messages) == 1 and len(provider.received) == 1


def test_no_notice_without_consent_or_once_the_time_has_passed(agency, senders):
    engine, user = agency["engine"], agency["users"]["counselor"]
    chosen, inbox, provider = senders
    first = _setup(agency, consent=())
    appts.cancel(engine, user, first)
    assert run_once(engine, chosen, now=TWO_DAYS_BEFORE).sent == 0
    reminder_data.set_consent(engine, user, agency["households"]["north"], "email", True, dt.date(2026, 12, 1))
    assert due_notices(engine, START_UTC + dt.timedelta(minutes=1)) == []  # the appointment's time is gone
    assert inbox.messages == [] and provider.received == []


def test_a_failed_cancel_notice_is_retried_and_shown_then_a_worker_restart_sends_it_once(agency, senders):
    engine, user = agency["engine"], agency["users"]["counselor"]
    chosen, _inbox, provider = senders
    first = _setup(agency, consent=("text",))
    appts.cancel(engine, user, first)
    provider.fail_next = 1
    now = TWO_DAYS_BEFORE
    assert run_once(engine, chosen, now=now).failed == 1
    shown = reminder_data.failed_reminders(engine, user, now)
    assert [(f.appointment.id, f.channel, f.appointment.status) for f in shown] == [(first, "text", "cancelled")]
    assert run_once(engine, chosen, now=now + dt.timedelta(minutes=6)).sent == 1
    assert run_once(engine, chosen, now=now + dt.timedelta(minutes=30)).sent == 0
    assert reminder_queue.history(engine, first) == [("text", NOTICE_CANCELLED, "sent", 2)]
    assert len(provider.received) == 1
