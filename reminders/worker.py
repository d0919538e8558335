"""One pass of the reminder worker: mark interrupted sends, claim what is due (notices of moved or cancelled
appointments, then reminders, then retries), send, record each attempt."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from db.appointments import reminder_queue as queue
from db.appointments.reminder_notices import due_notices
from db.local_time import now_utc
from reminders import config
from reminders.senders import EmailSender, Sender, SendError, TwilioSender

log = logging.getLogger("camino.reminders")


@dataclass
class Report:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    interrupted: int = 0


def worker_id() -> str:
    return f"{socket.gethostname()[:28]}:{os.getpid()}"


def configured_senders() -> dict[str, Sender]:
    """The channels with settings; an unconfigured channel is off (nothing is claimed for it)."""
    senders: dict[str, Sender] = {}
    if (smtp := config.smtp()) is not None:
        senders["email"] = EmailSender(smtp)
    if (text := config.text()) is not None:
        senders["text"] = TwilioSender(text)
    return senders


def run_once(
    engine: Engine, senders: dict[str, Sender], now: dt.datetime | None = None, worker: str = ""
) -> Report:
    """Send every reminder due at `now` (naive UTC) on the configured channels; safe to run concurrently."""
    now = now or now_utc()
    worker = worker or worker_id()
    report = Report(interrupted=queue.mark_interrupted(engine, now))
    channels = tuple(senders)
    if not channels:
        return report
    # Notices of moved or cancelled appointments first: a reminder of a moved time already told is not sent.
    notices = [
        rid for item in due_notices(engine, now, channels) if (rid := queue.claim(engine, item, worker, now))
    ]
    claimed = notices + [
        rid for item in queue.due(engine, now, channels) if (rid := queue.claim(engine, item, worker, now))
    ]
    claimed += queue.claim_retries(engine, worker, now, channels)
    for reminder_id in claimed:
        message = queue.message(engine, reminder_id)
        if message is None:
            queue.finish(engine, reminder_id, now, ok=False, error="no longer to be sent", skipped=True)
            report.skipped += 1
            continue
        try:
            senders[message.channel].send(message)
        except SendError as err:
            queue.finish(engine, reminder_id, now, ok=False, error=str(err), final=err.final)
            report.failed += 1
        except Exception as err:  # a sender bug must not stop the other reminders
            queue.finish(engine, reminder_id, now, ok=False, error=f"unexpected: {type(err).__name__}")
            report.failed += 1
        else:
            queue.finish(engine, reminder_id, now, ok=True)
            report.sent += 1
    log.info(
        "reminders: sent=%d failed=%d skipped=%d interrupted=%d",
        report.sent,
        report.failed,
        report.skipped,
        report.interrupted,
    )
    return report
