"""Appointments: book, reschedule, cancel, no-show, kept (becomes a session), and the calendar.

Booking rules:
* a counselor books a household of their office on their own or a colleague's calendar (same office);
* a counselor is never double booked: the booking transaction first locks the counselor's row
  (PostgreSQL: SELECT ... FOR NO KEY UPDATE; SQLite: the writer's BEGIN IMMEDIATE), then looks for an
  overlapping booked or kept appointment, so two people booking the same hour cannot both succeed;
* a reschedule closes the old row (status 'rescheduled') and books a new one pointing back to it, in
  one transaction; a cancel keeps its row; both keep the history.
Every change checks office scope and is audited (ids only) in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from calculators import InputError
from db import activity, audit, codes
from db.appointment_models import Appointment
from db.engine import reading, transaction
from db.local_time import day_bounds, now_utc, to_local, to_utc
from db.models import EducationEvent, Household, Office, User
from db.scope import CLIENT_ROLES, AccessDenied, check_household

MODES = ("in_person", "phone", "video")
MIN_MINUTES, MAX_MINUTES = 15, 8 * 60
OPEN_STATUSES = ("booked", "kept")  # statuses that hold the counselor's time


class DoubleBooked(InputError):
    """The counselor already has an appointment at that time (the one it overlaps is in `clash`)."""

    def __init__(self, clash: dt.datetime, clash_end: dt.datetime):
        super().__init__("double_booked", "start_time")
        self.clash = to_local(clash)
        self.clash_end = to_local(clash_end)


@dataclass(frozen=True)
class AppointmentView:
    id: int
    household_id: int
    household_name: str
    preferred_language: str
    office_id: int
    counselor_id: int
    counselor_name: str
    starts: dt.datetime  # aware, America/New_York
    ends: dt.datetime
    mode: str
    place: str
    purpose: str
    bring: str
    status: str
    status_note: str
    rescheduled_from_id: int | None
    session_id: int | None

    @property
    def minutes(self) -> int:
        return int((self.ends - self.starts).total_seconds() // 60)


@dataclass(frozen=True)
class WorkshopItem:
    id: int
    event_date: dt.date
    education_type: str
    module_id: str
    duration_minutes: int


@dataclass(frozen=True)
class Counselor:
    id: int
    name: str


def _client_user(user: dict | None) -> dict:
    if not user or user.get("role") not in CLIENT_ROLES:
        raise AccessDenied("no access")
    return user


def _text(value, field: str, limit: int) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        raise InputError("too_long", field)
    return text


def _check_fields(day, start_time, minutes, mode, purpose, place, bring) -> tuple:
    if not isinstance(day, dt.date):
        raise InputError("bad_date", "day")
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise InputError("not_a_number", "minutes")
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InputError("out_of_range", "minutes")
    if mode not in MODES:
        raise InputError("invalid_choice", "mode")
    if purpose not in codes.COUNSELING_PURPOSE:
        raise InputError("invalid_choice", "purpose")
    starts = to_utc(day, start_time)
    return (
        starts,
        starts + dt.timedelta(minutes=minutes),
        _text(place, "place", 300),
        _text(bring, "bring", 500),
    )


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


def _appointment(s: Session, user: dict, appointment_id: int, *, lock: bool = False) -> Appointment:
    stmt = select(Appointment).where(Appointment.id == appointment_id)
    row = s.scalars(stmt.with_for_update() if lock else stmt).first()
    if row is None:
        raise AccessDenied("no access")
    check_household(user, s.get(Household, row.household_id))
    return row


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


# --- reading ----------------------------------------------------------------------------------------

_VIEW_COLUMNS = (Appointment, Household.display_name, Household.preferred_language, User.display_name)


def _view(row: Appointment, name: str, language: str, counselor: str) -> AppointmentView:
    return AppointmentView(
        id=row.id,
        household_id=row.household_id,
        household_name=name,
        preferred_language=language,
        office_id=row.office_id,
        counselor_id=row.counselor_id,
        counselor_name=counselor,
        starts=to_local(row.starts_at),
        ends=to_local(row.ends_at),
        mode=row.mode,
        place=row.place,
        purpose=row.purpose,
        bring=row.bring,
        status=row.status,
        status_note=row.status_note,
        rescheduled_from_id=row.rescheduled_from_id,
        session_id=row.session_id,
    )


def _select_views():
    return (
        select(*_VIEW_COLUMNS)
        .join(Household, Household.id == Appointment.household_id)
        .join(User, User.id == Appointment.counselor_id)
    )


def _office_for(user: dict, office_id: int | None) -> int:
    if office_id is None or user["role"] != "admin":
        return user["office_id"]
    return office_id


def calendar(
    engine: Engine,
    user: dict,
    first: dt.date,
    days: int = 1,
    *,
    counselor_id: int | None = None,
    office_id: int | None = None,
    include_cancelled: bool = False,
) -> list[AppointmentView]:
    """Appointments from local midnight on `first` for `days` days, of one counselor or the whole office."""
    user = _client_user(user)
    start, end = day_bounds(first, days)
    stmt = _select_views().where(
        Appointment.office_id == _office_for(user, office_id),
        Appointment.starts_at >= start,
        Appointment.starts_at < end,
    )
    hidden = ("rescheduled",) if include_cancelled else ("rescheduled", "cancelled")
    stmt = stmt.where(Appointment.status.not_in(hidden))
    if counselor_id is not None:
        stmt = stmt.where(Appointment.counselor_id == counselor_id)
    with reading(engine) as s:
        return [_view(*r) for r in s.execute(stmt.order_by(Appointment.starts_at, Appointment.id))]


def for_household(engine: Engine, user: dict, household_id: int) -> list[AppointmentView]:
    """Every appointment row of a household (history included), newest first."""
    user = _client_user(user)
    with reading(engine) as s:
        check_household(user, s.get(Household, household_id))
        stmt = _select_views().where(Appointment.household_id == household_id)
        return [
            _view(*r) for r in s.execute(stmt.order_by(Appointment.starts_at.desc(), Appointment.id.desc()))
        ]


def get(engine: Engine, user: dict, appointment_id: int) -> AppointmentView:
    user = _client_user(user)
    with reading(engine) as s:
        _appointment(s, user, appointment_id)
        r = s.execute(_select_views().where(Appointment.id == appointment_id)).one()
        return _view(*r)


def history(engine: Engine, user: dict, appointment_id: int) -> list[AppointmentView]:
    """This appointment and the ones it was rescheduled from, oldest first."""
    chain = []
    next_id: int | None = appointment_id
    while next_id is not None and len(chain) < 50:
        view = get(engine, user, next_id)
        chain.append(view)
        next_id = view.rescheduled_from_id
    return list(reversed(chain))


def workshops(
    engine: Engine, user: dict, first: dt.date, days: int = 1, office_id: int | None = None
) -> list[WorkshopItem]:
    """Workshops (db.education) of the office in these days, for the office calendar."""
    user = _client_user(user)
    stmt = select(EducationEvent).where(
        EducationEvent.office_id == _office_for(user, office_id),
        EducationEvent.event_date >= first,
        EducationEvent.event_date < first + dt.timedelta(days=days),
    )
    with reading(engine) as s:
        return [
            WorkshopItem(e.id, e.event_date, e.education_type, e.module_id, e.duration_minutes)
            for e in s.scalars(stmt.order_by(EducationEvent.event_date, EducationEvent.id))
        ]


def counselors(engine: Engine, user: dict, office_id: int | None = None) -> list[Counselor]:
    """Active staff of the office who take appointments (counselors, leads, admins), by name."""
    user = _client_user(user)
    stmt = select(User.id, User.display_name).where(
        User.office_id == _office_for(user, office_id), User.is_active.is_(True), User.role.in_(CLIENT_ROLES)
    )
    with reading(engine) as s:
        return [Counselor(i, n) for i, n in s.execute(stmt.order_by(User.display_name, User.id))]


def offices(engine: Engine, user: dict) -> list[tuple[int, str]]:
    """The offices whose calendars this user may open: admins all, others their own."""
    user = _client_user(user)
    stmt = select(Office.id, Office.name).order_by(Office.name)
    if user["role"] != "admin":
        stmt = stmt.where(Office.id == user["office_id"])
    with reading(engine) as s:
        return [(i, n) for i, n in s.execute(stmt)]
