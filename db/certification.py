"""HUD counselor certification: who may record a counseling session, and whose certification is missing.

Since 2021-08-01 housing counseling for a HUD-approved agency must be given by a HUD-certified housing
counselor (final rule 81 FR 90632, compliance date moved to 2021-08-01; ../shared/research/hud-counseling.md
section 1.7); the certification is shown by the counselor's HUD ID and the date they were certified. A session is refused unless the counselor it is recorded for had both by its date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from calculators import InputError
from db import audit, hud_codes
from db.engine import reading, transaction
from db.lead_offices import office_condition
from db.local_time import today_local
from db.models import Office, User
from db.text_guard import check as check_text

COUNSELING_ROLES = ("counselor", "lead")  # the roles that give counseling (trainers teach workshops)
EARLIEST = dt.date(2017, 1, 1)  # HUD's certification exam opened in 2017: an earlier date is a typo
MAX_ID = 40


@dataclass(frozen=True)
class Certification:
    user_id: int
    name: str
    role: str
    office: str
    hud_counselor_id: str
    certified_on: dt.date | None
    languages: tuple[str, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """What is not on file: 'id', 'date' (empty when certified)."""
        return tuple(
            part
            for part, have in (("id", self.hud_counselor_id), ("date", self.certified_on))
            if not have
        )


def is_certified(hud_counselor_id: str, certified_on: dt.date | None, on: dt.date) -> bool:
    return bool((hud_counselor_id or "").strip()) and certified_on is not None and certified_on <= on


def check_can_counsel(session: Session, counselor_id: int | None, on: dt.date) -> None:
    """InputError('not_certified', 'counselor') unless this person was HUD-certified on `on`."""
    person = session.get(User, counselor_id) if counselor_id else None
    if person is None or not is_certified(person.hud_counselor_id, person.hud_certified_on, on):
        code = "certified_later" if person and person.hud_certified_on and person.hud_counselor_id else "not_certified"
        raise InputError(code, "counselor")


def _languages(value) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(value or ()))
    if any(code not in hud_codes.SPOKEN_LANGUAGE for code in chosen):
        raise InputError("invalid_choice", "languages")
    return chosen


def _row(u: User, office: str) -> Certification:
    return Certification(
        user_id=u.id,
        name=u.display_name,
        role=u.role,
        office=office,
        hud_counselor_id=u.hud_counselor_id or "",
        certified_on=u.hud_certified_on,
        languages=tuple(code for code in (u.counseling_languages or "").split(",") if code),
    )


def roster(engine: Engine, user: dict) -> list[Certification]:
    """Active counselors and leads the viewer answers for (admins: all; leads: the offices they lead),
    missing certifications first."""
    if user.get("role") not in ("admin", "lead"):
        raise PermissionError("leads and admins only")
    stmt = (
        select(User, Office.name)
        .join(Office, Office.id == User.office_id)
        .where(User.is_active.is_(True), User.role.in_(COUNSELING_ROLES))
        .order_by(Office.name, User.display_name)
    )
    if user["role"] == "lead":
        stmt = stmt.where(office_condition(user, User.office_id))
    with reading(engine) as s:
        rows = [_row(u, office) for u, office in s.execute(stmt)]
    return sorted(rows, key=lambda r: not r.missing)


def set_certification(
    engine: Engine,
    actor: dict,
    user_id: int,
    *,
    hud_counselor_id: str,
    certified_on: dt.date | None,
    languages=(),
    today: dt.date | None = None,
) -> None:
    """An admin records a counselor's HUD ID, certification date and counseling languages (audited)."""
    if not actor or actor.get("role") != "admin":
        raise PermissionError("admins only")
    hud_id = check_text((hud_counselor_id or "").strip(), "hud_counselor_id")
    if len(hud_id) > MAX_ID:
        raise InputError("too_long", "hud_counselor_id")
    if certified_on is not None:
        if not isinstance(certified_on, dt.date) or isinstance(certified_on, dt.datetime):
            raise InputError("bad_date", "certified_on")
        if certified_on > (today or today_local()):
            raise InputError("future_date", "certified_on")
        if certified_on < EARLIEST:
            raise InputError("out_of_range", "certified_on")
        if not hud_id:
            raise InputError("missing_field", "hud_counselor_id")
    codes = _languages(languages)
    with transaction(engine) as s:
        person = s.get(User, user_id)
        if person is None:
            raise InputError("not_found", "user")
        person.hud_counselor_id = hud_id
        person.hud_certified_on = certified_on
        person.counseling_languages = ",".join(codes)
        audit.record(s, actor, "certification_set", "user", user_id, "certified" if certified_on else "missing")


def of(engine: Engine, user_id: int) -> Certification | None:
    """One account's certification (the Activity tab asks for the person logged in)."""
    with reading(engine) as s:
        found = s.execute(
            select(User, Office.name).join(Office, Office.id == User.office_id).where(User.id == user_id)
        ).first()
        return _row(*found) if found else None
