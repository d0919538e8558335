"""Reading appointments: the calendar of a counselor or an office, one appointment and its history,
a household's appointments, the office's workshops, and who takes appointments.

Every read checks office scope (db.scope). Times come back aware, in America/New_York.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.engine import reading
from db.local_time import day_bounds, to_local
from db.models import EducationEvent, Household, Office, User
from db.models.appointments import Appointment
from db.scope import CLIENT_ROLES, AccessDenied, check_household


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
    starts: dt.datetime | None = None  # aware, America/New_York; None for a workshop recorded by date only
    ends: dt.datetime | None = None
    place: str = ""
    leader_id: int | None = None
    leader_name: str = ""


@dataclass(frozen=True)
class Counselor:
    id: int
    name: str


def _client_user(user: dict | None) -> dict:
    if not user or user.get("role") not in CLIENT_ROLES:
        raise AccessDenied("no access")
    return user


def _appointment(s: Session, user: dict, appointment_id: int, *, lock: bool = False) -> Appointment:
    stmt = select(Appointment).where(Appointment.id == appointment_id)
    row = s.scalars(stmt.with_for_update() if lock else stmt).first()
    if row is None:
        raise AccessDenied("no access")
    check_household(user, s.get(Household, row.household_id))
    return row


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
    engine: Engine,
    user: dict,
    first: dt.date,
    days: int = 1,
    office_id: int | None = None,
    *,
    leader_id: int | None = None,
) -> list[WorkshopItem]:
    """Workshops (db.education) of the office in these days, by time, for the office calendar; with
    `leader_id`, only the timed ones that staff member leads (their own calendar)."""
    user = _client_user(user)
    stmt = (
        select(EducationEvent, User.display_name)
        .outerjoin(User, User.id == EducationEvent.leader_id)
        .where(
            EducationEvent.office_id == _office_for(user, office_id),
            EducationEvent.event_date >= first,
            EducationEvent.event_date < first + dt.timedelta(days=days),
        )
    )
    if leader_id is not None:
        stmt = stmt.where(EducationEvent.leader_id == leader_id)
    order = (EducationEvent.event_date, EducationEvent.starts_at.nulls_first(), EducationEvent.id)
    with reading(engine) as s:
        return [
            WorkshopItem(
                e.id,
                e.event_date,
                e.education_type,
                e.module_id,
                e.duration_minutes,
                to_local(e.starts_at) if e.starts_at else None,
                to_local(e.ends_at) if e.ends_at else None,
                e.place or "",
                e.leader_id,
                leader or "",
            )
            for e, leader in s.execute(stmt.order_by(*order))
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
