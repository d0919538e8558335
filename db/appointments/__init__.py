"""Appointments: book, reschedule, cancel, no-show, kept (becomes a session), and the calendar.

Booking rules:
* a counselor books a household of their office on their own or a colleague's calendar (same office);
* a counselor is never double booked, nor booked while leading a workshop (db.appointments.workshop_plans): the booking transaction first locks the counselor's row
  (PostgreSQL: SELECT ... FOR NO KEY UPDATE; SQLite: the writer's BEGIN IMMEDIATE), then looks for an
  overlapping booked or kept appointment, so two people booking the same hour cannot both succeed;
* a reschedule closes the old row (status 'rescheduled') and books a new one pointing back to it, in
  one transaction; a cancel keeps its row; both keep the history.
Every change checks office scope and is audited (ids only) in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from calculators import InputError
from db import activity, audit, codes
from db.appointments.slots import MAX_MINUTES, MIN_MINUTES, check_slot  # noqa: F401  the limits, for callers
from db.appointments.views import (  # noqa: F401  the read side, re-exported for callers of db.appointments
    AppointmentView,
    Counselor,
    WorkshopItem,
    _appointment,
    _client_user,
    calendar,
    counselors,
    for_household,
    get,
    history,
    offices,
    workshops,
)
from db.appointments.workshop_plans import LeadsWorkshop, refuse_workshop  # noqa: F401  LeadsWorkshop for callers
from db.engine import transaction
from db.local_time import now_utc, to_local
from db.models import Household, User
from db.models.appointments import Appointment
from db.scope import CLIENT_ROLES, check_household

MODES = ("in_person", "phone", "video")
OPEN_STATUSES = ("booked", "kept")  # statuses that hold the counselor's time


class DoubleBooked(InputError):
    """The counselor already has an appointment at that time (the one it overlaps is in `clash`)."""

    def __init__(self, clash: dt.datetime, clash_end: dt.datetime):
        super().__init__("double_booked", "start_time")
        self.clash = to_local(clash)
        self.clash_end = to_local(clash_end)


def _text(value, field: str, limit: int) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        raise InputError("too_long", field)
    return text


def _check_fields(day, start_time, minutes, mode, purpose, place, bring) -> tuple:
    starts, ends = check_slot(day, start_time, minutes)
    if mode not in MODES:
        raise InputError("invalid_choice", "mode")
    if purpose not in codes.COUNSELING_PURPOSE:
        raise InputError("invalid_choice", "purpose")
    return starts, ends, _text(place, "place", 300), _text(bring, "bring", 500)


def _counselor(s: Session, counselor_id, office_id: int) -> User:
    """The counselor's row, locked until the transaction ends, if they can take appointments in this office."""
    stmt = select(User).where(User.id == counselor_id).with_for_update(key_share=True)
    counselor = s.scalars(stmt).first()
    if (
        counselor is None
        or not counselor.is_active
        or counselor.office_id != office_id
        or counselor.role not in CLIENT_ROLES
    ):
        raise InputError("not_in_office", "counselor_id")
    return counselor


def _refuse_overlap(s: Session, counselor_id: int, starts, ends, exclude: int | None = None) -> None:
    stmt = select(Appointment.starts_at, Appointment.ends_at).where(
        Appointment.counselor_id == counselor_id,
        Appointment.status.in_(OPEN_STATUSES),
        Appointment.starts_at < ends,
        Appointment.ends_at > starts,
    )
    if exclude is not None:
        stmt = stmt.where(Appointment.id != exclude)
    clash = s.execute(stmt.order_by(Appointment.starts_at).limit(1)).first()
    if clash is not None:
        raise DoubleBooked(clash.starts_at, clash.ends_at)
    refuse_workshop(s, counselor_id, starts, ends)  # nor while leading a workshop


def _not_past(starts: dt.datetime, now: dt.datetime | None) -> None:
    if starts <= (now or now_utc()):
        raise InputError("in_the_past", "start_time")


def book(
    engine: Engine,
    user: dict,
    household_id: int,
    *,
    counselor_id: int,
    day: dt.date,
    start_time: dt.time,
    minutes: int = 60,
    mode: str = "in_person",
    purpose: str = "prepurchase",
    place: str = "",
    bring: str = "",
    now: dt.datetime | None = None,
) -> int:
    """Book a household with a counselor of its office; refused (DoubleBooked) if the counselor is busy."""
    user = _client_user(user)
    starts, ends, place, bring = _check_fields(day, start_time, minutes, mode, purpose, place, bring)
    _not_past(starts, now)
    with transaction(engine) as s:
        hh = check_household(user, s.get(Household, household_id))
        _counselor(s, counselor_id, hh.office_id)
        _refuse_overlap(s, counselor_id, starts, ends)
        row = Appointment(
            office_id=hh.office_id,
            household_id=hh.id,
            counselor_id=counselor_id,
            starts_at=starts,
            ends_at=ends,
            mode=mode,
            place=place,
            purpose=purpose,
            bring=bring,
            status="booked",
            created_by=user["id"],
        )
        s.add(row)
        s.flush()
        audit.record(s, user, "appointment_booked", "household", hh.id, f"appointment={row.id}")
        return row.id


def _close(s: Session, user: dict, row: Appointment, status: str, note: str = "") -> None:
    """Move a booked appointment to `status`; refused when it is no longer booked (someone else moved it)."""
    done = s.execute(
        update(Appointment)
        .where(Appointment.id == row.id, Appointment.status == "booked")
        .values(status=status, status_note=note, status_changed_at=now_utc(), status_changed_by=user["id"])
    )
    if done.rowcount != 1:
        raise InputError("not_booked", "status")


def reschedule(
    engine: Engine,
    user: dict,
    appointment_id: int,
    *,
    day: dt.date,
    start_time: dt.time,
    minutes: int | None = None,
    counselor_id: int | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> int:
    """Move an appointment: the old row stays as 'rescheduled', a new booked row points back to it."""
    user = _client_user(user)
    note = _text(note, "note", 200)
    with transaction(engine) as s:
        old = _appointment(s, user, appointment_id, lock=True)
        length = minutes if minutes is not None else int((old.ends_at - old.starts_at).total_seconds() // 60)
        starts, ends, place, bring = _check_fields(
            day, start_time, length, old.mode, old.purpose, old.place, old.bring
        )
        _not_past(starts, now)
        who = counselor_id or old.counselor_id
        _counselor(s, who, old.office_id)
        _refuse_overlap(s, who, starts, ends, exclude=old.id)
        _close(s, user, old, "rescheduled", note)
        row = Appointment(
            office_id=old.office_id,
            household_id=old.household_id,
            counselor_id=who,
            starts_at=starts,
            ends_at=ends,
            mode=old.mode,
            place=place,
            purpose=old.purpose,
            bring=bring,
            status="booked",
            rescheduled_from_id=old.id,
            created_by=user["id"],
        )
        s.add(row)
        s.flush()
        audit.record(
            s,
            user,
            "appointment_rescheduled",
            "household",
            old.household_id,
            f"appointment={old.id}->{row.id}",
        )
        return row.id


def cancel(engine: Engine, user: dict, appointment_id: int, note: str = "") -> None:
    """Cancel a booked appointment; the row stays (status 'cancelled') and no reminder goes for it."""
    user = _client_user(user)
    note = _text(note, "note", 200)
    with transaction(engine) as s:
        row = _appointment(s, user, appointment_id)
        _close(s, user, row, "cancelled", note)
        audit.record(s, user, "appointment_cancelled", "household", row.household_id, f"appointment={row.id}")


def mark_no_show(engine: Engine, user: dict, appointment_id: int, now: dt.datetime | None = None) -> None:
    """Record that the family did not come (only once the appointment's time has come)."""
    user = _client_user(user)
    with transaction(engine) as s:
        row = _appointment(s, user, appointment_id)
        if row.starts_at > (now or now_utc()):
            raise InputError("not_yet", "status")
        _close(s, user, row, "no_show")
        audit.record(s, user, "appointment_no_show", "household", row.household_id, f"appointment={row.id}")


def mark_kept(
    engine: Engine, user: dict, appointment_id: int, notes: str = "", now: dt.datetime | None = None
) -> int:
    """The family came: the appointment becomes a counseling session (db.activity.add_session), in one click.

    The appointment is claimed first ('booked' -> 'kept'), so two clicks cannot log two sessions; if the
    session cannot be saved, the claim is undone.
    """
    user = _client_user(user)
    with transaction(engine) as s:
        row = _appointment(s, user, appointment_id)
        if row.starts_at > (now or now_utc()):
            raise InputError("not_yet", "status")
        _close(s, user, row, "kept")
        starts = to_local(row.starts_at)
        fields = {
            "household_id": row.household_id,
            "session_date": starts.date(),
            "start_time": starts.time().replace(tzinfo=None),
            "duration_minutes": int((row.ends_at - row.starts_at).total_seconds() // 60),
            "mode": row.mode,
            "purpose": row.purpose,
            "counselor_id": row.counselor_id,
        }
    try:
        session_id = activity.add_session(engine, user, notes=notes, **fields)
    except Exception:
        with transaction(engine) as s:
            s.execute(
                update(Appointment)
                .where(Appointment.id == appointment_id, Appointment.session_id.is_(None))
                .values(status="booked", status_changed_at=now_utc())
            )
        raise
    with transaction(engine) as s:
        s.execute(update(Appointment).where(Appointment.id == appointment_id).values(session_id=session_id))
        audit.record(
            s, user, "appointment_kept", "household", fields["household_id"], f"appointment={appointment_id}"
        )
    return session_id
