"""Follow-up the way HUD's Client Follow-up and Termination guide describes it.

A household with no contact for 60 days is *due*; the counselor logs two tries (a call, text, e-mail
or visit that did not reach the family); then sends a letter that gives the family 30 days to answer;
after that day the file is *ready to close* with one of HUD's termination reasons (codes.CLOSE_REASON,
through db.activity.close). Any contact starts the count again: tries and letters dated before the
last contact no longer count. Outcomes the family confirms at a follow-up are stored with
`at_follow_up`, and the HUD-9902 section 10 counts them (reports/hud9902/counting.py).

Every function checks office scope through db.scope and audits in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy import update as sql_update
from sqlalchemy.engine import Engine

from calculators import InputError
from db import audit, codes
from db.engine import reading, transaction
from db.households import NO_CONTACT_DAYS
from db.local_time import today_local
from db.models import Household, Office, Outcome, User
from db.models.followup import FollowUpContact
from db.scope import check_household, households_visible_to

ANSWER_DAYS = 30  # the letter asks the family to answer within 30 days
TRIES_BEFORE_LETTER = 2
ATTEMPT_METHODS = ("phone", "text", "email", "in_person")
# 'reached' is a contact: it restarts the count rather than counting as a try.
ATTEMPT_RESULTS = ("no_answer", "left_message", "wrong_number", "reached")
LETTER_METHODS = ("mail", "email")
LETTER_LANGUAGES = ("es", "en")
STAGES = ("due", "attempt_1", "attempt_2", "letter_sent", "ready_to_close")
LIST_LIMIT = 500


def stage_for(
    today: dt.date, last_contact: dt.date, tries: int, letter_on: dt.date | None
) -> str | None:
    """The follow-up stage of an open file, or None while it had contact in the last 60 days.

    `tries` and `letter_on` count only what happened after `last_contact`.
    """
    if (today - last_contact).days < NO_CONTACT_DAYS:
        return None
    if letter_on is not None:
        return "ready_to_close" if today > letter_on + dt.timedelta(days=ANSWER_DAYS) else "letter_sent"
    if tries >= TRIES_BEFORE_LETTER:
        return "attempt_2"
    return "attempt_1" if tries == 1 else "due"


@dataclass(frozen=True)
class FollowUpRow:
    household_id: int
    display_name: str
    phone: str
    preferred_language: str
    counselor_name: str
    last_contact: dt.date
    days_silent: int
    tries: int
    letter_on: dt.date | None
    stage: str

    @property
    def answer_by(self) -> dt.date | None:
        return None if self.letter_on is None else self.letter_on + dt.timedelta(days=ANSWER_DAYS)


@dataclass(frozen=True)
class LetterData:
    """What the follow-up letter prints (reports/follow_up_letter.py)."""

    household_name: str
    language: str
    agency_name: str
    office_phone: str
    office_address: str
    counselor_name: str
    last_contact: dt.date
    sent_on: dt.date
    answer_by: dt.date


def _since_last(last):
    """Tries and the latest letter after the last contact, as correlated scalar subqueries."""
    contact = FollowUpContact
    after = and_(contact.household_id == Household.id, contact.made_on > last)
    tries = (
        select(func.count())
        .where(after, contact.kind == "attempt", contact.result != "reached")
        .scalar_subquery()
    )
    letter = select(func.max(contact.made_on)).where(after, contact.kind == "letter").scalar_subquery()
    return tries, letter


def follow_up_list(
    engine: Engine,
    user: dict,
    *,
    today: dt.date | None = None,
    counselor_id: int | None = None,
    limit: int = LIST_LIMIT,
) -> list[FollowUpRow]:
    """Open files with no contact for 60 days or more, longest first, each with its follow-up stage."""
    today = today or today_local()
    last = func.coalesce(Household.last_contact_on, Household.opened_on)
    tries, letter = _since_last(last)
    stmt = (
        households_visible_to(user)
        .where(Household.status == "open", last <= today - dt.timedelta(days=NO_CONTACT_DAYS))
        .outerjoin(User, User.id == Household.counselor_id)
        .with_only_columns(
            Household.id,
            Household.display_name,
            Household.phone,
            Household.preferred_language,
            User.display_name,
            last,
            tries,
            letter,
        )
        .order_by(last, Household.id)
        .limit(limit)
    )
    if counselor_id is not None:
        stmt = stmt.where(Household.counselor_id == counselor_id)
    with reading(engine) as s:
        rows = s.execute(stmt).all()
    out = []
    for hid, name, phone, language, counselor, since, n, letter_on in rows:
        stage = stage_for(today, since, int(n or 0), letter_on)
        if stage is None:
            continue
        out.append(
            FollowUpRow(
                hid, name, phone or "", language or "es", counselor or "", since,
                (today - since).days, int(n or 0), letter_on, stage,
            )
        )
    return out


def _date(value, key: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value in (None, ""):
        raise InputError("missing_field", key)
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as err:
        raise InputError("bad_date", key) from err


def _check_day(hh: Household, on: dt.date, key: str) -> None:
    if on > today_local():
        raise InputError("date_in_future", key)
    if on < hh.opened_on:
        raise InputError("before_opened", key)


def _open(s, user: dict, household_id: int) -> Household:
    hh = check_household(user, s.get(Household, household_id))
    if hh.status != "open":
        raise InputError("already_closed", "household")
    return hh


def _contact(s, hh: Household, on: dt.date) -> None:
    if hh.last_contact_on is None or on > hh.last_contact_on:
        s.execute(sql_update(Household).where(Household.id == hh.id).values(last_contact_on=on))


def log_attempt(engine: Engine, user: dict, household_id: int, *, made_on, method: str, result: str) -> int:
    """Log one follow-up try; a try that reached the family is a contact (the count starts again)."""
    on = _date(made_on, "made_on")
    if method not in ATTEMPT_METHODS:
        raise InputError("invalid_choice", "method")
    if result not in ATTEMPT_RESULTS:
        raise InputError("invalid_choice", "result")
    with transaction(engine) as s:
        hh = _open(s, user, household_id)
        _check_day(hh, on, "made_on")
        row = FollowUpContact(
            household_id=hh.id, kind="attempt", method=method, result=result, made_on=on, recorded_by=user["id"]
        )
        s.add(row)
        s.flush()
        if result == "reached":
            _contact(s, hh, on)
        audit.record(s, user, "follow_up_attempt", "household", hh.id, f"{method};{result}")
        return row.id


def record_letter(
    engine: Engine, user: dict, household_id: int, *, sent_on, method: str = "mail", language: str = "es"
) -> dt.date:
    """Record that the follow-up letter was sent; returns the day the family is asked to answer by."""
    on = _date(sent_on, "sent_on")
    if method not in LETTER_METHODS:
        raise InputError("invalid_choice", "method")
    if language not in LETTER_LANGUAGES:
        raise InputError("invalid_choice", "language")
    with transaction(engine) as s:
        hh = _open(s, user, household_id)
        _check_day(hh, on, "sent_on")
        answer_by = on + dt.timedelta(days=ANSWER_DAYS)
        s.add(
            FollowUpContact(
                household_id=hh.id,
                kind="letter",
                method=method,
                result="sent",
                made_on=on,
                answer_by=answer_by,
                language=language,
                recorded_by=user["id"],
            )
        )
        audit.record(s, user, "follow_up_letter", "household", hh.id, f"{method};{language}")
        return answer_by


def confirm_outcome(engine: Engine, user: dict, household_id: int, code: str, on=None) -> int:
    """An outcome the family confirmed at a follow-up (HUD-9902 section 10); the talk is a contact too."""
    if code not in codes.OUTCOME:
        raise InputError("invalid_choice", "outcome")
    day = _date(on, "achieved_on") if on not in (None, "") else today_local()
    with transaction(engine) as s:
        hh = check_household(user, s.get(Household, household_id))
        _check_day(hh, day, "achieved_on")
        row = Outcome(
            household_id=hh.id, code=code, achieved_on=day, confirmed_by=user["id"], at_follow_up=True
        )
        s.add(row)
        s.flush()
        _contact(s, hh, day)
        audit.record(s, user, "outcome_confirmed", "household", hh.id, f"{code};follow_up")
        return row.id


def contacts_for(engine: Engine, user: dict, household_id: int) -> list[dict]:
    """The household's follow-up tries and letters, newest first (codes only; the UI translates)."""
    with reading(engine) as s:
        check_household(user, s.get(Household, household_id))
        stmt = (
            select(FollowUpContact, User.display_name)
            .outerjoin(User, User.id == FollowUpContact.recorded_by)
            .where(FollowUpContact.household_id == household_id)
            .order_by(FollowUpContact.made_on.desc(), FollowUpContact.id.desc())
        )
        return [
            {
                "kind": row.kind,
                "method": row.method,
                "result": row.result,
                "made_on": row.made_on,
                "answer_by": row.answer_by,
                "language": row.language,
                "recorded_by": name or "",
            }
            for row, name in s.execute(stmt)
        ]


def letter_data(
    engine: Engine, user: dict, household_id: int, *, sent_on: dt.date | None = None, language: str | None = None
) -> LetterData:
    """What the letter needs, in the family's language unless another is asked for; audited as a view."""
    sent_on = sent_on or today_local()
    with transaction(engine) as s:
        hh = check_household(user, s.get(Household, household_id))
        office = s.get(Office, hh.office_id)
        counselor = s.get(User, hh.counselor_id) if hh.counselor_id else None
        audit.record(s, user, "follow_up_letter_printed", "household", hh.id)
        lang = language or hh.preferred_language or "es"
        return LetterData(
            household_name=hh.display_name,
            language=lang if lang in LETTER_LANGUAGES else "es",
            agency_name=(office.agency_name or office.name) if office else "",
            office_phone=office.phone if office else "",
            office_address=office.address if office else "",
            counselor_name=counselor.display_name if counselor else "",
            last_contact=hh.last_contact_on or hh.opened_on,
            sent_on=sent_on,
            answer_by=sent_on + dt.timedelta(days=ANSWER_DAYS),
        )
