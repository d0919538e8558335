"""The reminder worker's database side: what is due, claiming it atomically, and recording each attempt.

Never twice: a reminder is claimed by INSERTing its row (unique on appointment, channel, offset) or, for
a retry, by a conditional UPDATE of a failed row; only the worker whose statement changed the row sends.
A row left 'sending' by a worker that died is marked 'interrupted' and shown to the counselor, never
sent again automatically (it may have gone out just before the crash).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from db.appointments.reminder_data import MAX_OFFSET, Settings, active_consents, all_settings
from db.engine import reading, transaction
from db.local_time import before, to_local
from db.models import Household, Office, User
from db.models.appointments import NOTICE_CANCELLED, NOTICE_MOVED, Appointment, Reminder, ReminderAttempt

MAX_ATTEMPTS = 4
RETRY_AFTER = (dt.timedelta(minutes=5), dt.timedelta(minutes=15), dt.timedelta(minutes=60))
STALE_AFTER = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Due:
    appointment_id: int
    channel: str
    offset_minutes: int


@dataclass(frozen=True)
class Message:
    """What a reminder may say (nothing sensitive: no purpose, no amounts, no name) and where it goes."""

    reminder_id: int
    appointment_id: int
    channel: str
    to: str
    language: str
    starts: dt.datetime  # aware, local
    ends: dt.datetime
    mode: str
    place: str
    counselor: str
    bring: str
    office_name: str
    office_phone: str
    office_address: str
    series_id: int = 0  # the first appointment of a reschedule chain: the invitation's UID stays the same
    sequence: int = 0  # how many times it was rescheduled: a calendar app replaces the older invitation
    kind: str = "reminder"  # reminder | moved | cancelled (a notice: db.appointments.reminder_notices)
    previous_starts: dt.datetime | None = None  # a moved appointment's old time, aware, local


def _contact(hh: Household, channel: str) -> str:
    return (hh.email if channel == "email" else hh.phone).strip()


def due(engine: Engine, now: dt.datetime, channels: tuple[str, ...] = ("email", "text")) -> list[Due]:
    """Reminders due now and not yet claimed: per appointment and channel, only the latest due time
    (a worker that was off for two days sends the 2-hour reminder, not both). A reminder whose time had
    come when the family was told of the move (db.appointments.reminder_notices) is not sent: the notice said it."""
    horizon = now + dt.timedelta(minutes=MAX_OFFSET)
    with reading(engine) as s:
        settings = all_settings(s)
        rows = s.execute(
            select(Appointment.id, Appointment.starts_at, Appointment.office_id, Household)
            .join(Household, Household.id == Appointment.household_id)
            .where(
                Appointment.status == "booked", Appointment.starts_at > now, Appointment.starts_at <= horizon
            )
        ).all()
        consents = active_consents(s, {hh.id for *_, hh in rows})
        taken = s.execute(
            select(Reminder.appointment_id, Reminder.channel, Reminder.offset_minutes, Reminder.claimed_at).where(
                Reminder.appointment_id.in_([r[0] for r in rows])
            )
        ).all()
    claimed = {(a, ch, off) for a, ch, off, _at in taken}
    told = {(a, ch): at for a, ch, off, at in taken if off == NOTICE_MOVED and at is not None}
    found = []
    for appointment_id, starts_at, office_id, hh in rows:
        office = settings.get(office_id) or Settings((2880, 120), True, True)
        for channel in channels:
            if channel not in consents.get(hh.id, {}) or not _contact(hh, channel):
                continue
            if not (office.email_on if channel == "email" else office.text_on):
                continue
            notice = told.get((appointment_id, channel))
            passed = [
                m
                for m in office.offsets
                if before(starts_at, m) <= now and (notice is None or before(starts_at, m) > notice)
            ]
            if not passed:
                continue
            latest = min(passed)
            if (appointment_id, channel, latest) not in claimed:
                found.append(Due(appointment_id, channel, latest))
    return found


def claim(engine: Engine, item: Due, worker: str, now: dt.datetime) -> int | None:
    """Claim a due reminder by inserting its row; None when another worker got there first."""
    try:
        with transaction(engine) as s:
            row = Reminder(
                appointment_id=item.appointment_id,
                channel=item.channel,
                offset_minutes=item.offset_minutes,
                status="sending",
                attempts=1,
                claimed_at=now,
                claimed_by=worker[:40],
            )
            s.add(row)
            s.flush()
            return row.id
    except IntegrityError:
        return None


def claim_retries(
    engine: Engine, worker: str, now: dt.datetime, channels: tuple[str, ...] = ("email", "text")
) -> list[int]:
    """Claim failed reminders whose retry time has come (appointment still booked, or cancelled for a
    cancel notice, and ahead)."""
    with reading(engine) as s:
        candidates = s.execute(
            select(Reminder.id, Reminder.attempts)
            .join(Appointment, Appointment.id == Reminder.appointment_id)
            .where(
                Reminder.status == "failed",
                Reminder.channel.in_(channels),
                Reminder.attempts < MAX_ATTEMPTS,
                Reminder.next_attempt_at <= now,
                or_(
                    and_(Reminder.offset_minutes == NOTICE_CANCELLED, Appointment.status == "cancelled"),
                    and_(Reminder.offset_minutes != NOTICE_CANCELLED, Appointment.status == "booked"),
                ),
                Appointment.starts_at > now,
            )
        ).all()
    claimed = []
    for reminder_id, attempts in candidates:
        with transaction(engine) as s:
            done = s.execute(
                update(Reminder)
                .where(Reminder.id == reminder_id, Reminder.status == "failed", Reminder.attempts == attempts)
                .values(status="sending", attempts=attempts + 1, claimed_at=now, claimed_by=worker[:40])
            )
        if done.rowcount == 1:
            claimed.append(reminder_id)
    return claimed


def mark_interrupted(engine: Engine, now: dt.datetime) -> int:
    """Rows left 'sending' by a worker that stopped: shown to the counselor, not sent again."""
    with transaction(engine) as s:
        done = s.execute(
            update(Reminder)
            .where(Reminder.status == "sending", Reminder.claimed_at < now - STALE_AFTER)
            .values(status="interrupted", last_error="worker stopped while sending; not sent again")
        )
        return done.rowcount


def _series(s, appt: Appointment) -> tuple[int, int]:
    """(first appointment id, number of reschedules) of the chain this appointment ends."""
    first, moves = appt, 0
    while first.rescheduled_from_id is not None and moves < 50:
        first, moves = s.get(Appointment, first.rescheduled_from_id), moves + 1
    return first.id, moves


def message(engine: Engine, reminder_id: int) -> Message | None:
    """What to send for a claimed reminder; None when it must not go (cancelled, consent withdrawn, no contact)."""
    with reading(engine) as s:
        row = s.execute(
            select(Reminder, Appointment, Household, User.display_name, Office)
            .join(Appointment, Appointment.id == Reminder.appointment_id)
            .join(Household, Household.id == Appointment.household_id)
            .join(User, User.id == Appointment.counselor_id)
            .join(Office, Office.id == Appointment.office_id)
            .where(Reminder.id == reminder_id)
        ).first()
        if row is None:
            return None
        reminder, appt, hh, counselor, office = row
        cancel = reminder.offset_minutes == NOTICE_CANCELLED
        if appt.status != ("cancelled" if cancel else "booked"):
            return None
        if reminder.channel not in active_consents(s, [hh.id]).get(hh.id, {}):
            return None
        to = _contact(hh, reminder.channel)
        if not to:
            return None
        series_id, sequence = _series(s, appt)
        previous = None
        if reminder.offset_minutes == NOTICE_MOVED and appt.rescheduled_from_id is not None:
            previous = to_local(s.get(Appointment, appt.rescheduled_from_id).starts_at)
        kind = "cancelled" if cancel else "moved" if reminder.offset_minutes == NOTICE_MOVED else "reminder"
        return Message(
            reminder_id=reminder.id,
            appointment_id=appt.id,
            channel=reminder.channel,
            to=to,
            language=hh.preferred_language if hh.preferred_language in ("en", "es") else "es",
            starts=to_local(appt.starts_at),
            ends=to_local(appt.ends_at),
            mode=appt.mode,
            place=appt.place or office.address,
            counselor=counselor,
            bring=appt.bring,
            office_name=office.agency_name or office.name,
            office_phone=office.phone,
            office_address=office.address,
            series_id=series_id,
            sequence=sequence + 1 if cancel else sequence,  # a cancel outranks every invitation sent
            kind=kind,
            previous_starts=previous,
        )


def finish(
    engine: Engine,
    reminder_id: int,
    now: dt.datetime,
    *,
    ok: bool,
    error: str = "",
    skipped: bool = False,
    final: bool = False,
) -> None:
    """Record one attempt and the reminder's new state (sent, failed with a retry time, or skipped).

    A failure is retried after 5, 15 and 60 minutes (MAX_ATTEMPTS in all) unless `final`."""
    error = " ".join(str(error).split())[:300]
    with transaction(engine) as s:
        row = s.get(Reminder, reminder_id)
        if skipped:
            row.status, row.last_error = "skipped", error
        elif ok:
            row.status, row.sent_at, row.last_error, row.next_attempt_at = "sent", now, "", None
        else:
            row.status, row.last_error = "failed", error
            wait = RETRY_AFTER[min(row.attempts, len(RETRY_AFTER)) - 1]
            row.next_attempt_at = now + wait if row.attempts < MAX_ATTEMPTS and not final else None
        s.add(ReminderAttempt(reminder_id=reminder_id, at=now, ok=ok, error="" if ok else error))


def history(engine: Engine, appointment_id: int) -> list[tuple[str, int, str, int]]:
    """(channel, offset, status, attempts) of an appointment's reminders, for tests and the page."""
    with reading(engine) as s:
        return [
            (r.channel, r.offset_minutes, r.status, r.attempts)
            for r in s.scalars(
                select(Reminder).where(Reminder.appointment_id == appointment_id).order_by(Reminder.id)
            )
        ]


def details(engine: Engine, user: dict, appointment_id: int) -> Message:
    """The same details a reminder carries, for the printed card (office scope checked)."""
    from db.appointments.views import get

    view = get(engine, user, appointment_id)
    with reading(engine) as s:
        office = s.get(Office, view.office_id)
        return Message(
            reminder_id=0,
            appointment_id=view.id,
            channel="card",
            to="",
            language=view.preferred_language if view.preferred_language in ("en", "es") else "es",
            starts=view.starts,
            ends=view.ends,
            mode=view.mode,
            place=view.place or office.address,
            counselor=view.counselor_name,
            bring=view.bring,
            office_name=office.agency_name or office.name,
            office_phone=office.phone,
            office_address=office.address,
        )
