"""The reminder worker against a real local SMTP server (aiosmtpd, STARTTLS) and a local HTTP stand-in for
Twilio, on SQLite and PostgreSQL: consent, timing across DST, both languages, never twice, retries."""

from __future__ import annotations

import datetime as dt
import email
import json
import subprocess
import threading
import urllib.parse
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar
from sqlalchemy import select, update

from db import appointments as appts
from db.appointments import reminder_data, reminder_queue
from db.engine import reading, transaction
from db.local_time import TZ, today_local
from db.models import Household, Office
from db.models.appointments import Reminder, ReminderAttempt
from db.pgserver import free_port
from reminders.config import SmtpSettings, TextSettings
from reminders.senders import EmailSender, TwilioSender
from reminders.worker import run_once

DAY = dt.date(2027, 3, 16)  # the Tuesday after the spring DST change (March 14, 2027)
BEFORE = dt.datetime(2027, 1, 1, 12, 0)
START_UTC = dt.datetime(2027, 3, 16, 14, 0)  # 10:00 EDT
TWO_DAYS_BEFORE = dt.datetime(2027, 3, 14, 14, 0)  # 10:00 EDT on Sunday, wall clock
SID = "AC_test_account"


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.recipients += envelope.rcpt_tos
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def smtp_server(tls_files):
    import ssl

    cert, key = tls_files
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=free_port(), tls_context=context, require_starttls=True
    )
    controller.start()
    yield (
        inbox,
        SmtpSettings(
            host="127.0.0.1", port=controller.port, sender="citas@example.org", ca_file=str(cert), timeout=10
        ),
    )
    controller.stop()


class TextProvider:
    """A local stand-in for Twilio's Messages resource: records each POST; can fail the next few."""

    def __init__(self):
        self.received: list[dict] = []
        self.fail_next = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                ok_path = self.path == f"/2010-04-01/Accounts/{SID}/Messages.json"
                if (
                    provider.fail_next
                    or not ok_path
                    or not self.headers.get("Authorization", "").startswith("Basic ")
                ):
                    provider.fail_next = max(0, provider.fail_next - 1)
                    self.send_response(503)
                    body = {"code": 20503, "message": "Service unavailable"}
                else:
                    provider.received.append(form)
                    self.send_response(201)
                    body = {"sid": f"SM{len(provider.received)}", "status": "queued"}
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps(body).encode())

            def log_message(self, *args):
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.settings = TextSettings(
            account_sid=SID,
            auth_token="secret",
            sender="+12025550000",
            base_url=f"http://127.0.0.1:{self.server.server_address[1]}",
            timeout=10,
        )

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def text_provider():
    provider = TextProvider()
    yield provider
    provider.stop()


@pytest.fixture
def senders(smtp_server, text_provider):
    inbox, smtp = smtp_server
    return {"email": EmailSender(smtp), "text": TwilioSender(text_provider.settings)}, inbox, text_provider


def _setup(agency, *, language="es", consent=("email", "text"), day=DAY):
    engine, user = agency["engine"], agency["users"]["counselor"]
    household = agency["households"]["north"]
    with transaction(engine) as s:
        s.execute(
            update(Household)
            .where(Household.id == household)
            .values(email="familia@example.org", preferred_language=language)
        )
        s.execute(
            update(Office)
            .where(Office.id == agency["offices"]["north"])
            .values(phone="202-555-0100", address="100 Main St NW")
        )
    for channel in consent:
        reminder_data.set_consent(engine, user, household, channel, True, dt.date(2026, 11, 2))
    return appts.book(
        engine, user, household, counselor_id=user["id"], day=day, start_time=dt.time(10, 0), minutes=60,
        purpose="forward_delinquency", place="100 Main St NW, Room 2", bring="Talones de pago", now=BEFORE,
    )  # fmt: skip


def test_reminders_go_in_spanish_at_the_agencys_times_and_never_twice(agency, senders):
    engine = agency["engine"]
    chosen, inbox, provider = senders
    appointment_id = _setup(agency)

    assert run_once(engine, chosen, now=TWO_DAYS_BEFORE - dt.timedelta(minutes=1)).sent == 0
    report = run_once(engine, chosen, now=TWO_DAYS_BEFORE + dt.timedelta(minutes=1))
    assert report.sent == 2 and len(inbox.messages) == 1 and len(provider.received) == 1

    mail = inbox.messages[0]
    body = mail.get_body(("plain",)).get_content()
    assert inbox.recipients == ["familia@example.org"]
    assert (
        str(mail["Subject"]).strip()
        == "Recordatorio: su cita el martes, 16 de marzo de 2027 a las 10:00 a.m."
    )
    assert "Talones de pago" in body and "202-555-0100" in body and "Test counselor" in body
    # Nothing sensitive: no purpose of the visit, no family name.
    for secret in ("delinquency", "morosidad", "María", "Núñez"):
        assert secret not in body and secret not in provider.received[0]["Body"]
    ics = next(part for part in mail.iter_attachments() if part.get_content_type() == "text/calendar")
    event = Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == dt.datetime(2027, 3, 16, 10, 0, tzinfo=TZ)
    assert event.decoded("dtstart").utcoffset() == dt.timedelta(hours=-4)  # EDT, after the change
    assert provider.received[0]["To"] == "+12025550101" and "16 de marzo" in provider.received[0]["Body"]

    # Run again, and with two workers at once: nothing more goes.
    threads = [
        threading.Thread(target=run_once, args=(engine, chosen, TWO_DAYS_BEFORE + dt.timedelta(minutes=2)))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(inbox.messages) == 1 and len(provider.received) == 1

    # Two hours before, the second reminder goes once.
    assert run_once(engine, chosen, now=START_UTC - dt.timedelta(minutes=119)).sent == 2
    assert run_once(engine, chosen, now=START_UTC - dt.timedelta(minutes=100)).sent == 0
    assert sorted(reminder_queue.history(engine, appointment_id)) == [
        ("email", 120, "sent", 1), ("email", 2880, "sent", 1), ("text", 120, "sent", 1), ("text", 2880, "sent", 1),
    ]  # fmt: skip


def test_a_rescheduled_appointments_invitation_replaces_the_first(agency, senders):
    """The same UID and a higher SEQUENCE: the family's calendar moves the event, it does not keep both."""
    engine, user = agency["engine"], agency["users"]["counselor"]
    chosen, inbox, _provider = senders
    first = _setup(agency, consent=("email",))
    run_once(engine, chosen, now=TWO_DAYS_BEFORE + dt.timedelta(minutes=1))
    moved = appts.reschedule(engine, user, first, day=DAY, start_time=dt.time(15, 0), now=BEFORE)
    run_once(engine, chosen, now=START_UTC + dt.timedelta(hours=5) - dt.timedelta(minutes=119))
    events = [
        Calendar.from_ical(part.get_content()).walk("VEVENT")[0]
        for mail in inbox.messages
        for part in mail.iter_attachments()
        if part.get_content_type() == "text/calendar"
    ]
    assert moved != first
    assert [(str(e.get("uid")), int(e.get("sequence")), e.decoded("dtstart").hour) for e in events] == [
        (f"appointment-{first}@camino.local", 0, 10),
        (f"appointment-{first}@camino.local", 1, 15),
    ]


def test_english_household_gets_english(agency, senders):
    chosen, inbox, provider = senders
    _setup(agency, language="en")
    run_once(agency["engine"], chosen, now=START_UTC - dt.timedelta(hours=1))
    assert (
        str(inbox.messages[0]["Subject"]).strip()
        == "Reminder: your appointment on Tuesday, March 16, 2027 at 10:00 AM"
    )
    assert provider.received[0]["Body"].startswith(
        "Camino Test Agency: reminder of your appointment with Test counselor"
    )


def test_a_late_worker_sends_only_the_latest_reminder(agency, senders):
    chosen, inbox, _provider = senders
    appointment_id = _setup(agency, consent=("email",))
    run_once(agency["engine"], chosen, now=START_UTC - dt.timedelta(hours=1))
    assert len(inbox.messages) == 1
    assert reminder_queue.history(agency["engine"], appointment_id) == [("email", 120, "sent", 1)]


def test_no_consent_no_reminder_and_the_family_is_on_the_call_list(agency, senders):
    chosen, inbox, provider = senders
    engine, user = agency["engine"], agency["users"]["counselor"]
    _setup(agency, consent=())
    assert run_once(engine, chosen, now=START_UTC - dt.timedelta(hours=1)).sent == 0
    assert inbox.messages == [] and provider.received == []
    calls = reminder_data.call_list(engine, user, DAY)
    assert [(c.appointment.household_name, c.phone, c.reason) for c in calls] == [
        ("María José Núñez Pérez", "202-555-0101", "no_consent")
    ]


def test_withdrawn_consent_and_cancelled_appointments_send_nothing(agency, senders):
    chosen, inbox, provider = senders
    engine, user = agency["engine"], agency["users"]["counselor"]
    first = _setup(agency)
    reminder_data.set_consent(
        engine, user, agency["households"]["north"], "text", False, dt.date(2026, 12, 1)
    )
    assert reminder_data.consent(engine, user, agency["households"]["north"]).text_since is None
    run_once(engine, chosen, now=TWO_DAYS_BEFORE + dt.timedelta(minutes=1))
    assert len(inbox.messages) == 1 and provider.received == []
    appts.cancel(engine, user, first)
    run_once(engine, chosen, now=START_UTC - dt.timedelta(hours=1))
    # The 2-hour reminder does not go; only the notice of the cancel (tests/db/test_reminder_notices.py).
    assert len(inbox.messages) == 2 and str(inbox.messages[1]["Subject"]).strip().startswith("Cancelada")
    assert provider.received == []


def test_a_failed_text_is_retried_recorded_and_shown(agency, senders):
    chosen, _inbox, provider = senders
    engine, user = agency["engine"], agency["users"]["counselor"]
    appointment_id = _setup(agency, consent=("text",))
    provider.fail_next = 1
    now = START_UTC - dt.timedelta(hours=1, minutes=30)
    assert run_once(engine, chosen, now=now).failed == 1
    shown = reminder_data.failed_reminders(engine, user, now)
    assert [(f.appointment.id, f.channel, f.attempts) for f in shown] == [(appointment_id, "text", 1)]
    assert "503" in shown[0].last_error and "+1202" not in shown[0].last_error
    assert run_once(engine, chosen, now=now + dt.timedelta(minutes=2)).sent == 0  # not yet time to retry
    assert run_once(engine, chosen, now=now + dt.timedelta(minutes=6)).sent == 1
    assert reminder_queue.history(engine, appointment_id) == [("text", 120, "sent", 2)]
    with reading(engine) as s:
        assert [a.ok for a in s.scalars(select(ReminderAttempt).order_by(ReminderAttempt.id))] == [
            False,
            True,
        ]
    assert reminder_data.failed_reminders(engine, user, now) == []
    assert len(provider.received) == 1


def test_a_worker_killed_while_sending_does_not_send_again_after_restart(agency, senders):
    chosen, inbox, _provider = senders
    engine = agency["engine"]
    appointment_id = _setup(agency, consent=("email",))
    now = START_UTC - dt.timedelta(hours=1)
    item = reminder_queue.due(engine, now, ("email",))[0]
    assert reminder_queue.claim(engine, item, "dead-worker", now) is not None  # then the process died
    report = run_once(engine, chosen, now=now + dt.timedelta(minutes=20))
    assert (report.sent, report.interrupted) == (0, 1) and inbox.messages == []
    assert reminder_queue.history(engine, appointment_id) == [("email", 120, "interrupted", 1)]
    with reading(engine) as s:
        assert s.scalars(select(Reminder.last_error)).one().startswith("worker stopped")


def test_a_server_without_starttls_gets_nothing(agency, text_provider):
    inbox = []

    class Plain:
        async def handle_DATA(self, server, session, envelope):
            inbox.append(envelope)
            return "250 OK"

    controller = Controller(Plain(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        sender = EmailSender(
            SmtpSettings(host="127.0.0.1", port=controller.port, sender="a@example.org", timeout=10)
        )
        appointment_id = _setup(agency, consent=("email",))
        assert (
            run_once(agency["engine"], {"email": sender}, now=START_UTC - dt.timedelta(hours=1)).failed == 1
        )
    finally:
        controller.stop()
    assert inbox == []
    assert reminder_queue.history(agency["engine"], appointment_id) == [("email", 120, "failed", 1)]


def test_the_command_line_worker_sends_once_like_cron(agency, smtp_server, tmp_path):
    """`python -m reminders run`, twice, as cron would: settings from the environment, one email."""
    import os
    import sys

    from db.local_time import now_utc, to_local
    from tests.conftest import ROOT

    if agency["engine"].dialect.name != "sqlite":
        pytest.skip("the command line is the same on both backends; run once")
    inbox, smtp = smtp_server
    engine, user = agency["engine"], agency["users"]["counselor"]
    household = agency["households"]["north"]
    with transaction(engine) as s:
        s.execute(update(Household).where(Household.id == household).values(email="familia@example.org"))
    reminder_data.set_consent(engine, user, household, "email", True, today_local())
    soon = to_local(now_utc() + dt.timedelta(minutes=75))
    at = soon.time().replace(second=0, microsecond=0, tzinfo=None)
    appts.book(engine, user, household, counselor_id=user["id"], day=soon.date(), start_time=at, minutes=30)
    env = {
        **os.environ,
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "CAMINO_SMTP_HOST": smtp.host,
        "CAMINO_SMTP_PORT": str(smtp.port),
        "CAMINO_SMTP_SENDER": smtp.sender,
        "CAMINO_SMTP_CA_FILE": smtp.ca_file,
    }
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "reminders", "run"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    assert len(inbox.messages) == 1 and inbox.recipients == ["familia@example.org"]
    assert "familia@example.org" not in done.stderr + done.stdout  # the log holds counts only
