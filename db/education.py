"""Group education (HUD-9902 section 8): record a workshop with its attendees, quick-add newcomers, list events.

Trainers record attendance but never see client files, so every function here returns names and ids
only, is scoped to the user's office (administrators: every office) and is audited without names.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from calculators import InputError
from db import audit
from db import funding as funding_rules
from db.codes import EDUCATION_TYPE
from db.engine import reading, transaction
from db.local_time import today_local
from db.models import EducationAttendance, EducationEvent, Household, Office
from db.scope import AccessDenied, check_account
from db.text_guard import check as check_text

STAFF_ROLES = ("admin", "lead", "counselor", "trainer")
LANGUAGES = ("es", "en")
TITLE_LIMIT = 60  # a typed title is kept in education_event.module_id (String(60)) when no module fits
NAME_LIMIT = 200
SEARCH_MIN = 2
SEARCH_LIMIT = 20
MAX_ATTENDEES = 300


def _staff(user: dict | None) -> dict:
    """The acting user, who must be staff (any role that may run or record a workshop)."""
    if not user or user.get("role") not in STAFF_ROLES:
        raise AccessDenied("no access")
    return user


def _in_scope(user: dict, office_id: int) -> bool:
    return user["role"] == "admin" or office_id == user["office_id"]


def normalize_name(text: str) -> str:
    """Lower-case without accents (the household list's search_name), so 'Núñez' is found as 'nunez'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("đ", "d").replace("Đ", "D")
    return " ".join(plain.lower().split())


def _name(value, field: str = "name") -> str:
    name = " ".join(unicodedata.normalize("NFC", str(check_text(value or "", field))).split())
    if not name:
        raise InputError("missing_field", field)
    if len(name) > NAME_LIMIT:
        raise InputError("too_long", field)
    return name


def _language(value, field: str = "language") -> str:
    if value not in LANGUAGES:
        raise InputError("unknown_language", field)
    return value


def search_names(engine: Engine, user: dict, text: str, limit: int = SEARCH_LIMIT) -> list[dict]:
    """Households whose name matches, as {id, name} only: enough to mark attendance, nothing of the file."""
    user = _staff(user)
    needle = normalize_name(text)
    if len(needle) < SEARCH_MIN:
        return []
    typed = " ".join(str(text or "").lower().split())
    stmt = select(Household.id, Household.display_name).where(
        or_(
            Household.search_name.contains(needle, autoescape=True),
            Household.search_name.contains(typed, autoescape=True),  # older rows kept their accents
        ),
        Household.status == "open",
    )
    if user["role"] != "admin":
        stmt = stmt.where(Household.office_id == user["office_id"])
    stmt = stmt.order_by(Household.search_name, Household.id).limit(max(1, min(limit, 100)))
    with transaction(engine) as s:
        check_account(s, user)  # a disabled or changed account sees no names, even mid-session
        rows = [{"id": hid, "name": name} for hid, name in s.execute(stmt)]
        audit.record(s, user, "attendee_search", "household", None, f"results={len(rows)}")
    return rows


def _quick_add(session: Session, user: dict, name: str, language: str) -> int:
    """A minimal household (name, office, language) for a newcomer at a workshop; intake can complete it later."""
    hh = Household(
        office_id=user["office_id"],
        display_name=name,
        search_name=normalize_name(name),
        preferred_language=language,
    )
    session.add(hh)
    session.flush()
    audit.record(session, user, "household_quick_added", "household", hh.id, "attendance")
    return hh.id


def quick_add(engine: Engine, user: dict, name: str, language: str = "es") -> int:
    """Add one newcomer to the user's office and return the household id."""
    user = _staff(user)
    name, language = _name(name), _language(language)
    with transaction(engine) as s:
        return _quick_add(s, user, name, language)


def _event_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise InputError("bad_date", "event_date") from exc
    if not isinstance(value, dt.date):
        raise InputError("bad_date", "event_date")
    if value > today_local():
        raise InputError("date_in_future", "event_date")
    return value


def record_event(
    engine: Engine,
    user: dict,
    *,
    event_date,
    education_type: str,
    language: str = "es",
    module_id: str = "",
    title: str = "",
    duration_minutes: int = 120,
    household_ids=(),
    new_people=(),
    funding: str = "",
    funding_source_id: int | None = None,
    fee=None,
    planned_id: int | None = None,
) -> int:
    """Record one workshop with its attendees, adding newcomers, all in one transaction; returns the event id.

    `module_id` names a curriculum module; without one, the trainer's typed `title` is kept instead.
    `new_people` is a list of {name, language} for people with no household yet. `planned_id` records
    the attendance on a workshop planned for a time (db.appointments.workshop_plans), held on its own date.
    """
    user = _staff(user)
    when = _event_date(event_date)
    if education_type not in EDUCATION_TYPE:
        raise InputError("unknown_education_type", "education_type")
    language = _language(language)
    label = " ".join(str(module_id or title or "").split())
    if not label:
        raise InputError("missing_field", "title")
    if len(label) > TITLE_LIMIT:
        raise InputError("too_long", "title")
    try:
        minutes = int(duration_minutes)
    except (TypeError, ValueError) as exc:
        raise InputError("not_a_number", "duration_minutes") from exc
    if not 1 <= minutes <= 24 * 60:
        raise InputError("out_of_range", "duration_minutes")
    ids = list(dict.fromkeys(int(h) for h in household_ids))
    newcomers = [(_name(p.get("name")), _language(p.get("language", "es"))) for p in new_people]
    if not ids and not newcomers:
        raise InputError("no_attendees", "attendees")
    if len(ids) + len(newcomers) > MAX_ATTENDEES:
        raise InputError("out_of_range", "attendees")
    with transaction(engine) as s:
        check_account(s, user)  # a disabled account's open tab records nothing (no household may be named)
        paid = funding_rules.check(s, funding, funding_source_id, fee)
        for hid in ids:
            hh = s.get(Household, hid)
            if hh is None or not _in_scope(user, hh.office_id):
                raise AccessDenied("no access")
        fields = {
            "education_type": education_type,
            "module_id": label,
            "language": language,
            "funding": paid.funding,
            "funding_source_id": paid.source_id,
            "fee": paid.fee,
        }
        if planned_id is None:
            event = EducationEvent(
                office_id=user["office_id"],
                trainer_id=user["id"],
                event_date=when,
                duration_minutes=minutes,
                **fields,
            )
        else:
            event = _planned(s, user, planned_id)
            for name, value in fields.items():
                setattr(event, name, value)
        s.add(event)
        s.flush()
        ids += [_quick_add(s, user, name, lang) for name, lang in newcomers]
        s.add_all(EducationAttendance(event_id=event.id, household_id=hid, completed=True) for hid in ids)
        audit.record(
            s,
            user,
            "education_recorded",
            "education_event",
            event.id,
            f"attendees={len(ids)} new={len(newcomers)}",
        )
        return event.id


def _planned(s: Session, user: dict, event_id: int) -> EducationEvent:
    """A planned workshop of the user's office, held by now and with no attendance yet, locked for the update."""
    event = s.scalars(select(EducationEvent).where(EducationEvent.id == event_id).with_for_update()).first()
    if event is None or event.office_id != user["office_id"] or event.starts_at is None:
        raise AccessDenied("no access")
    if event.event_date > today_local():
        raise InputError("date_in_future", "event_date")
    taken = s.scalar(select(func.count()).where(EducationAttendance.event_id == event_id))
    if taken:
        raise InputError("already_recorded", "planned_id")
    return event


def list_events(engine: Engine, user: dict, limit: int = 50) -> list[dict]:
    """Recent workshops of the user's office (administrators: all), newest first, with attendee counts."""
    user = _staff(user)
    count = (
        select(EducationAttendance.event_id, func.count().label("n"))
        .group_by(EducationAttendance.event_id)
        .subquery()
    )
    stmt = (
        select(EducationEvent, Office.agency_name, Office.name, func.coalesce(count.c.n, 0))
        .join(Office, Office.id == EducationEvent.office_id)
        .outerjoin(count, count.c.event_id == EducationEvent.id)
    )
    if user["role"] != "admin":
        stmt = stmt.where(EducationEvent.office_id == user["office_id"])
    stmt = stmt.order_by(EducationEvent.event_date.desc(), EducationEvent.id.desc()).limit(limit)
    with reading(engine) as s:
        return [
            {
                "id": e.id,
                "event_date": e.event_date,
                "education_type": e.education_type,
                "module_id": e.module_id,
                "language": e.language,
                "duration_minutes": e.duration_minutes,
                "agency": agency or office,
                "attendees": n,
            }
            for e, agency, office, n in s.execute(stmt)
        ]


def attendees(engine: Engine, user: dict, event_id: int) -> list[dict]:
    """Who attended one workshop, as {household_id, name, completed}; audited as a view."""
    user = _staff(user)
    with transaction(engine) as s:
        check_account(s, user)
        event = s.get(EducationEvent, event_id)
        if event is None or not _in_scope(user, event.office_id):
            raise AccessDenied("no access")
        stmt = (
            select(EducationAttendance.household_id, Household.display_name, EducationAttendance.completed)
            .join(Household, Household.id == EducationAttendance.household_id)
            .where(EducationAttendance.event_id == event_id)
            .order_by(Household.search_name, Household.id)
        )
        rows = [{"household_id": hid, "name": name, "completed": done} for hid, name, done in s.execute(stmt)]
        audit.record(s, user, "attendance_viewed", "education_event", event_id, f"attendees={len(rows)}")
    return rows


def households_with_education(engine: Engine, user: dict, start: dt.date, end: dt.date) -> set[int]:
    """Households of the user's office that completed group education in [start, end] (HUD-9902 outcome a)."""
    user = _staff(user)
    stmt = (
        select(EducationAttendance.household_id)
        .join(EducationEvent, EducationEvent.id == EducationAttendance.event_id)
        .where(
            EducationAttendance.completed.is_(True),
            EducationEvent.event_date >= start,
            EducationEvent.event_date <= end,
        )
    )
    if user["role"] != "admin":
        stmt = stmt.where(EducationEvent.office_id == user["office_id"])
    with reading(engine) as s:
        return set(s.scalars(stmt))
