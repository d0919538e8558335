"""The agreement, disclosure and privacy notice given to each household, and the agency's own texts.

A HUD file review looks for each notice with the date it was given, how (signed on paper, signed on
screen, or read aloud with the counselor's attestation) and in which language (24 CFR 214.300,
214.315; HUD FAQs 2519, 2526). Rows are only added; the newest of each kind is the one in force.
Texts start from curricula/agreements/default_texts.toml until an administrator saves the agency's.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import func, select

from calculators import InputError
from db import audit
from db.engine import reading, transaction
from db.local_time import today_local
from db.models import AgencyText, ClientAgreement, CounselingSession, Household, Office
from db.scope import AccessDenied, check_household, households_visible_to

KINDS = ("agreement", "disclosure", "privacy")
METHODS = ("paper", "screen", "verbal")
LANGUAGES = ("es", "en")
MAX_TEXT = 20_000
DEFAULTS = Path(__file__).resolve().parents[1] / "curricula" / "agreements" / "default_texts.toml"


@dataclass(frozen=True)
class Given:
    kind: str
    given_on: dt.date
    method: str
    language: str
    text_version: int
    attested_by: str  # the counselor's name ('' when not a verbal notice)


@dataclass(frozen=True)
class NoticeText:
    kind: str
    language: str
    version: int  # 0: Camino's starting text
    body: str


@cache
def default_texts() -> dict:
    return tomllib.loads(DEFAULTS.read_text(encoding="utf-8"))


def _check(kind: str, language: str) -> None:
    if kind not in KINDS:
        raise InputError("invalid_choice", "kind")
    if language not in LANGUAGES:
        raise InputError("invalid_choice", "language")


def _text(session, kind: str, language: str) -> NoticeText:
    row = session.scalars(
        select(AgencyText)
        .where(AgencyText.kind == kind, AgencyText.language == language)
        .order_by(AgencyText.version.desc())
        .limit(1)
    ).first()
    if row is None:
        return NoticeText(kind, language, 0, default_texts()[kind][language])
    return NoticeText(kind, language, row.version, row.body)


def text(engine, kind: str, language: str) -> NoticeText:
    """The wording in force of one notice in one language."""
    _check(kind, language)
    with reading(engine) as s:
        return _text(s, kind, language)


def set_text(engine, user: dict, kind: str, language: str, body: str) -> int:
    """Save the agency's wording as a new version (administrators only); returns the version."""
    if not user or user.get("role") != "admin":
        raise AccessDenied("admins only")
    _check(kind, language)
    body = (body or "").strip()
    if not body:
        raise InputError("missing_field", "body")
    if len(body) > MAX_TEXT:
        raise InputError("too_long", "body")
    with transaction(engine) as s:
        version = (
            s.scalar(
                select(func.max(AgencyText.version)).where(
                    AgencyText.kind == kind, AgencyText.language == language
                )
            )
            or 0
        ) + 1
        s.add(AgencyText(kind=kind, language=language, version=version, body=body, updated_by=user["id"]))
        audit.record(s, user, "agency_text_saved", "agency_text", None, f"{kind}:{language}:v{version}")
        return version


def record(
    engine,
    user: dict,
    household_id: int,
    *,
    kind: str,
    given_on,
    method: str,
    language: str,
    attested: bool = False,
    today: dt.date | None = None,
) -> None:
    """Record that a notice was given. Read aloud ('verbal') needs the counselor's attestation."""
    _check(kind, language)
    if method not in METHODS:
        raise InputError("invalid_choice", "method")
    if not isinstance(given_on, dt.date):
        raise InputError("bad_date", "given_on")
    if given_on > (today or today_local()):
        raise InputError("future_date", "given_on")
    if method == "verbal" and not attested:
        raise InputError("attestation_required", "attested")
    if not user or user.get("role") not in ("admin", "lead", "counselor"):
        raise AccessDenied("no access")
    with transaction(engine) as s:
        hh = check_household(user, s.get(Household, household_id))
        if given_on < hh.opened_on - dt.timedelta(days=365):
            raise InputError("out_of_range", "given_on")
        version = _text(s, kind, language).version
        s.add(
            ClientAgreement(
                household_id=hh.id,
                kind=kind,
                given_on=given_on,
                method=method,
                language=language,
                text_version=version,
                attested_by=user["id"] if method == "verbal" else None,
            )
        )
        audit.record(s, user, "notice_recorded", "household", hh.id, f"{kind}:{method}")


def given(engine, user: dict, household_id: int) -> dict[str, Given]:
    """The newest record of each notice the household was given: {kind: Given}."""
    from db.models import User

    with reading(engine) as s:
        check_household(user, s.get(Household, household_id))
        rows = s.execute(
            select(ClientAgreement, User.display_name)
            .outerjoin(User, User.id == ClientAgreement.attested_by)
            .where(ClientAgreement.household_id == household_id)
            .order_by(ClientAgreement.given_on, ClientAgreement.id)
        ).all()
    found: dict[str, Given] = {}
    for row, name in rows:
        found[row.kind] = Given(
            row.kind, row.given_on, row.method, row.language, row.text_version, name or ""
        )
    return found


def missing(engine, user: dict, household_id: int) -> list[str]:
    """The notices the household has not been given yet, in KINDS order."""
    have = given(engine, user, household_id)
    return [kind for kind in KINDS if kind not in have]


def period_counts(engine, user: dict, start: dt.date, end: dt.date, office_id: int | None = None) -> dict:
    """For the HUD-9902 page: households served in [start, end] and those lacking any notice by `end`.

    {"served": n, "complete": n, "missing": {household id: [kinds]}} in the user's office scope.
    """
    served_ids = households_visible_to(user).where(
        Household.id.in_(
            select(CounselingSession.household_id).where(
                CounselingSession.session_date >= start, CounselingSession.session_date <= end
            )
        )
    )
    if office_id is not None:
        served_ids = served_ids.where(Household.office_id == office_id)
    with reading(engine) as s:
        ids = list(s.scalars(served_ids.with_only_columns(Household.id).order_by(Household.id)))
        have: dict[int, set[str]] = {}
        for hid, kind in s.execute(
            select(ClientAgreement.household_id, ClientAgreement.kind)
            .where(
                ClientAgreement.household_id.in_(served_ids.with_only_columns(Household.id)),
                ClientAgreement.given_on <= end,
            )
            .distinct()
        ):
            have.setdefault(hid, set()).add(kind)
    lacking = {hid: [k for k in KINDS if k not in have.get(hid, set())] for hid in ids}
    lacking = {hid: kinds for hid, kinds in lacking.items() if kinds}
    return {"served": len(ids), "complete": len(ids) - len(lacking), "missing": lacking}


def agency_name(engine, office_id: int) -> str:
    """The agency name printed on the notices (the office's, else its name)."""
    with reading(engine) as s:
        office = s.get(Office, office_id)
        return "" if office is None else (office.agency_name or office.name)
