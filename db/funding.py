"""Funding sources, each session's and workshop's funding and fee, and the agency's fee schedule.

HUD FAQ 2519/2526: an unidentified funding source is one of HUD's most common file findings. 24 CFR
214.313: fees must be reasonable, posted and disclosed before service; intake is free; nobody who
cannot pay is turned away; a credit report may be passed on at cost. So every session and workshop
records who paid ('hud' = a HUD housing counseling grant, 'grant' = another grant the admin lists,
'none') and the fee charged, and the fee schedule is a dated, bilingual row the admin saves.

Agency-wide data (not office data): every office uses the same sources and schedule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine

from calculators import InputError
from db import audit, hud_codes
from db.amounts import optional_amount
from db.engine import reading, transaction
from db.local_time import today_local
from db.models.followup import FeeSchedule, FundingSource
from db.text_guard import check as check_text

FUNDING = ("hud", "grant", "none")  # '' on rows saved before funding was recorded: "not recorded"
HUD_GRANT_TYPES = tuple(code for code in hud_codes.HUD_GRANT if code != "none")
MAX_FEE = 10_000.0
NAME_LIMIT = 120
NOTE_LIMIT = 2000
MAX_LINES = 30


@dataclass(frozen=True)
class Source:
    id: int
    name_en: str
    name_es: str
    hud_grant: str  # HUD's grant type when HUD pays, '' for another funder
    active: bool

    def name(self, lang: str) -> str:
        return self.name_es if lang == "es" and self.name_es else self.name_en


@dataclass(frozen=True)
class Funding:
    """A session's or workshop's checked funding: what goes in its funding, funding_source_id and fee."""

    funding: str
    source_id: int | None
    fee: float | None


@dataclass(frozen=True)
class FeeLine:
    en: str
    es: str
    amount: float

    def service(self, lang: str) -> str:
        return self.es if lang == "es" and self.es else self.en


@dataclass(frozen=True)
class Schedule:
    id: int
    effective_from: dt.date
    lines: tuple[FeeLine, ...]
    note_en: str
    note_es: str

    def note(self, lang: str) -> str:
        return self.note_es if lang == "es" and self.note_es else self.note_en


def _admin(user: dict) -> None:
    if not user or user.get("role") != "admin":
        raise PermissionError("admins only")


def _fee(value, key: str = "fee") -> float | None:
    amount = optional_amount(value, key, MAX_FEE)
    return None if amount is None else round(amount, 2)


def check(session, funding: str, source_id: int | None, fee) -> Funding:
    """Check a session's or workshop's funding on an open database session; InputError names the field.

    '' (not recorded) stays allowed for callers that do not ask; the forms always ask.
    """
    if funding in (None, ""):
        return Funding("", None, _fee(fee))
    if funding not in FUNDING:
        raise InputError("invalid_choice", "funding")
    if funding == "none":
        return Funding("none", None, _fee(fee))
    if source_id in (None, ""):
        if funding == "grant":  # another grant must say which one
            raise InputError("missing_field", "funding")
        return Funding("hud", None, _fee(fee))
    source = session.get(FundingSource, int(source_id))
    if source is None or (funding == "hud") != bool(source.hud_grant):
        raise InputError("invalid_choice", "funding")
    return Funding(funding, source.id, _fee(fee))


def _source(row: FundingSource) -> Source:
    return Source(row.id, row.name_en, row.name_es, row.hud_grant, row.active)


def sources(engine: Engine, *, active_only: bool = True) -> list[Source]:
    with reading(engine) as s:
        stmt = select(FundingSource).order_by(FundingSource.hud_grant.desc(), FundingSource.name_en)
        if active_only:
            stmt = stmt.where(FundingSource.active.is_(True))
        return [_source(row) for row in s.scalars(stmt)]


def _name(value, key: str) -> str:
    text = " ".join(check_text(str(value or ""), key).split())
    if not text:
        raise InputError("missing_field", key)
    if len(text) > NAME_LIMIT:
        raise InputError("too_long", key)
    return text


def add_source(engine: Engine, user: dict, *, name_en: str, name_es: str = "", hud_grant: str = "") -> int:
    """An admin lists a funder; `hud_grant` is HUD's grant type when it is a HUD grant."""
    _admin(user)
    name_en = _name(name_en, "name_en")
    name_es = _name(name_es, "name_es") if str(name_es or "").strip() else name_en
    if hud_grant and hud_grant not in HUD_GRANT_TYPES:
        raise InputError("invalid_choice", "hud_grant")
    with transaction(engine) as s:
        row = FundingSource(name_en=name_en, name_es=name_es, hud_grant=hud_grant or "", created_by=user["id"])
        s.add(row)
        s.flush()
        audit.record(s, user, "funding_source_added", "funding_source", row.id, hud_grant or "other")
        return row.id


def set_active(engine: Engine, user: dict, source_id: int, active: bool) -> None:
    """Retire (or bring back) a funder: old sessions keep it, new ones cannot choose it."""
    _admin(user)
    with transaction(engine) as s:
        row = s.get(FundingSource, source_id)
        if row is None:
            raise InputError("not_found", "funding_source")
        row.active = bool(active)
        audit.record(s, user, "funding_source_active", "funding_source", row.id, str(bool(active)))


def _line(item) -> FeeLine | None:
    if isinstance(item, FeeLine):
        item = {"en": item.en, "es": item.es, "amount": item.amount}
    en = " ".join(check_text(str(item.get("en") or ""), "lines").split())
    es = " ".join(check_text(str(item.get("es") or ""), "lines").split())
    if not en and not es and item.get("amount") in (None, ""):
        return None  # an empty row of the editor
    if not en:
        raise InputError("missing_field", "lines")
    if len(en) > NAME_LIMIT or len(es) > NAME_LIMIT:
        raise InputError("too_long", "lines")
    amount = _fee(item.get("amount"), "lines")
    if amount is None:
        raise InputError("missing_field", "lines")
    return FeeLine(en, es or en, amount)


def save_schedule(
    engine: Engine, user: dict, *, effective_from, lines, note_en: str = "", note_es: str = ""
) -> int:
    """Save the fee schedule in force from a day on (a new dated row; earlier rows stay for the record)."""
    _admin(user)
    if isinstance(effective_from, dt.datetime):
        effective_from = effective_from.date()
    if not isinstance(effective_from, dt.date):
        raise InputError("bad_date", "effective_from")
    clean = [line for line in (_line(item) for item in lines) if line is not None]
    if not clean:
        raise InputError("missing_field", "lines")
    if len(clean) > MAX_LINES:
        raise InputError("out_of_range", "lines")
    notes = []
    for key, value in (("note_en", note_en), ("note_es", note_es)):
        text = check_text(str(value or "").strip(), key, multiline=True)
        if len(text) > NOTE_LIMIT:
            raise InputError("too_long", key)
        notes.append(text)
    with transaction(engine) as s:
        row = FeeSchedule(
            effective_from=effective_from,
            lines=[{"en": x.en, "es": x.es, "amount": x.amount} for x in clean],
            note_en=notes[0],
            note_es=notes[1],
            created_by=user["id"],
        )
        s.add(row)
        s.flush()
        audit.record(s, user, "fee_schedule_saved", "fee_schedule", row.id, effective_from.isoformat())
        return row.id


def schedule_on(engine: Engine, day: dt.date | None = None) -> Schedule | None:
    """The fee schedule in force on a day (the newest saved row from on or before it), or None."""
    day = day or today_local()
    with reading(engine) as s:
        row = s.scalars(
            select(FeeSchedule)
            .where(FeeSchedule.effective_from <= day)
            .order_by(FeeSchedule.effective_from.desc(), FeeSchedule.id.desc())
            .limit(1)
        ).first()
        if row is None:
            return None
        lines = tuple(FeeLine(x["en"], x.get("es") or x["en"], float(x["amount"])) for x in row.lines or [])
        return Schedule(row.id, row.effective_from, lines, row.note_en, row.note_es)
