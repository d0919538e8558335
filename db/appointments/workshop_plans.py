"""Workshops planned for a time: start, length, place and the staff member leading them (migration 0017).

A planned workshop holds its leader's time like an appointment does: planning one over the leader's
appointment or workshop is refused, and booking an appointment over a workshop the counselor leads is
refused (db.appointments calls `refuse_workshop`). Both run after the leader's row is locked (PostgreSQL:
SELECT ... FOR NO KEY UPDATE; SQLite: BEGIN IMMEDIATE), so two people cannot fill the same hour at once.
Attendance is recorded later on the same event (db.education.record_event with `planned_id`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from calculators import InputError
from db import audit
from db.appointments.slots import check_slot
from db.codes import EDUCATION_TYPE
from db.engine import reading, transaction
from db.local_time import now_utc, to_local
from db.models import EducationAttendance, EducationEvent, User
from db.models.appointments import Appointment
from db.scope import AccessDenied, check_account

STAFF_ROLES = ("admin", "lead", "counselor", "trainer")
HOLDING = ("booked", "kept")  # appointment statuses that hold a counselor's time
TITLE_LIMIT, PLACE_LIMIT = 60, 300


class LeadsWorkshop(InputError):
    """The counselor leads a workshop at that time (its local start and end are in `clash`, `clash_end`)."""

    def __init__(self, clash: dt.datetime, clash_end: dt.datetime):
        super().__init__("leads_workshop", "start_time")
        self.clash = to_local(clash)
        self.clash_end = to_local(clash_end)


class LeaderBusy(InputError):
    """The leader already has an appointment or another workshop at that time."""

    def __init__(self, clash: dt.datetime, clash_end: dt.datetime):
        super().__init__("leader_busy", "start_time")
        self.clash = to_local(clash)
        self.clash_end = to_local(clash_end)


def _workshop_clash(s: Session, leader_id: int, starts: dt.datetime, ends: dt.datetime):
    """(starts_at, ends_at) of the first timed workshop `leader_id` leads overlapping [starts, ends), or None."""
    stmt = select(EducationEvent.starts_at, EducationEvent.ends_at).where(
        EducationEvent.leader_id == leader_id,
        EducationEvent.starts_at.is_not(None),
        EducationEvent.starts_at < ends,
        EducationEvent.ends_at > starts,
    )
    return s.execute(stmt.order_by(EducationEvent.starts_at).limit(1)).first()


def refuse_workshop(s: Session, leader_id: int, starts: dt.datetime, ends: dt.datetime) -> None:
    """Raise LeadsWorkshop when `leader_id` leads a workshop overlapping [starts, ends) (naive UTC)."""
    clash = _workshop_clash(s, leader_id, starts, ends)
    if clash is not None:
        raise LeadsWorkshop(clash.starts_at, clash.ends_at)


def _refuse_appointment(s: Session, leader_id: int, starts: dt.datetime, ends: dt.datetime) -> None:
    clash = s.execute(
        select(Appointment.starts_at, Appointment.ends_at)
        .where(
            Appointment.counselor_id == leader_id,
            Appointment.status.in_(HOLDING),
            Appointment.starts_at < ends,
            Appointment.ends_at > starts,
        )
        .order_by(Appointment.starts_at)
        .limit(1)
    ).first()
    if clash is not None:
        raise LeaderBusy(clash.starts_at, clash.ends_at)


def _leader(s: Session, leader_id, office_id: int) -> User:
    """The leader's row, locked until the transaction ends, if they are active staff of this office."""
    stmt = select(User).where(User.id == leader_id).with_for_update(key_share=True)
    leader = s.scalars(stmt).first()
    if (
        leader is None
        or not leader.is_active
        or leader.office_id != office_id
        or leader.role not in STAFF_ROLES
    ):
        raise InputError("not_in_office", "leader_id")
    return leader


def _fields(day, start_time, minutes, place, education_type, title, language) -> tuple:
    starts, ends = check_slot(day, start_time, minutes)
    if education_type not in EDUCATION_TYPE:
        raise InputError("unknown_education_type", "education_type")
    if language not in ("es", "en"):
        raise InputError("unknown_language", "language")
    title = " ".join(str(title or "").split())
    if not title:
        raise InputError("missing_field", "title")
    place = " ".join(str(place or "").split())
    if len(title) > TITLE_LIMIT:
        raise InputError("too_long", "title")
    if len(place) > PLACE_LIMIT:
        raise InputError("too_long", "place")
    return starts, ends, place, title


def plan(
    engine: Engine,
    user: dict,
    *,
    day: dt.date,
    start_time: dt.time,
    minutes: int,
    place: str,
    leader_id: int,
    education_type: str,
    title: str,
    language: str = "es",
    now: dt.datetime | None = None,
) -> int:
    """Plan a workshop of the user's office for a time, led by a staff member of the office; returns its id.

    `title` is a curriculum module id or a typed title (kept in module_id, as db.education does).
    """
    if not user or user.get("role") not in STAFF_ROLES:
        raise AccessDenied("no access")
    starts, ends, place, title = _fields(day, start_time, minutes, place, education_type, title, language)
    if starts <= (now or now_utc()):
        raise InputError("in_the_past", "start_time")
    with transaction(engine) as s:
        check_account(s, user)  # a disabled account's open tab plans nothing (no household is named)
        _leader(s, leader_id, user["office_id"])
        _refuse_appointment(s, leader_id, starts, ends)
        if (clash := _workshop_clash(s, leader_id, starts, ends)) is not None:
            raise LeaderBusy(clash.starts_at, clash.ends_at)
        event = EducationEvent(
            office_id=user["office_id"],
            trainer_id=leader_id,
            leader_id=leader_id,
            event_date=to_local(starts).date(),
            starts_at=starts,
            ends_at=ends,
            place=place,
            education_type=education_type,
            module_id=title,
            language=language,
            duration_minutes=minutes,
        )
        s.add(event)
        s.flush()
        audit.record(s, user, "workshop_planned", "education_event", event.id, f"leader={leader_id}")
        return event.id


def planned_without_attendance(engine: Engine, user: dict, up_to: dt.date) -> list[EducationEvent]:
    """Planned workshops of the user's office held on or before `up_to` with nobody recorded yet."""
    if not user or user.get("role") not in STAFF_ROLES:
        raise AccessDenied("no access")
    recorded = select(func.count()).where(EducationAttendance.event_id == EducationEvent.id).scalar_subquery()
    stmt = select(EducationEvent).where(
        EducationEvent.office_id == user["office_id"],
        EducationEvent.starts_at.is_not(None),
        EducationEvent.event_date <= up_to,
        recorded == 0,
    )
    with reading(engine) as s:
        return list(s.scalars(stmt.order_by(EducationEvent.starts_at.desc()).limit(20)))


def leaders(engine: Engine, user: dict) -> list[tuple[int, str]]:
    """(id, name) of the active staff of the user's office who may lead a workshop, by name."""
    if not user or user.get("role") not in STAFF_ROLES:
        raise AccessDenied("no access")
    stmt = select(User.id, User.display_name).where(
        User.office_id == user["office_id"], User.is_active.is_(True), User.role.in_(STAFF_ROLES)
    )
    with reading(engine) as s:
        return [(i, n) for i, n in s.execute(stmt.order_by(User.display_name, User.id))]


def cancel(engine: Engine, user: dict, event_id: int) -> None:
    """Take a planned workshop off the calendar (its leader is free again); refused once attendance is recorded."""
    if not user or user.get("role") not in STAFF_ROLES:
        raise AccessDenied("no access")
    with transaction(engine) as s:
        check_account(s, user)
        event = s.scalars(select(EducationEvent).where(EducationEvent.id == event_id).with_for_update()).first()
        if event is None or event.office_id != user["office_id"] or event.starts_at is None:
            raise AccessDenied("no access")
        if s.scalar(select(func.count()).where(EducationAttendance.event_id == event_id)):
            raise InputError("already_recorded", "event_id")
        s.delete(event)
        audit.record(s, user, "workshop_cancelled", "education_event", event_id, f"leader={event.leader_id}")
