"""HUD-9902 (FY2022+ form) sections 3-10 for a fiscal-year quarter, counted in SQL: `build` and its rules.

Counting rules (HUD FAQ 2430, 2454, 2954, 3376; see shared research notes, section 2):

* Period. Fiscal year Y runs from 1 October of Y-1 to 30 September of Y. Quarter Q is cumulative:
  from 1 October to the last day of that quarter (Q1 ends 31 Dec, Q2 31 Mar, Q3 30 Jun, Q4 30 Sep).
* Services. A household counts once per *distinct service* it received in the period:
  each distinct one-on-one purpose (section 9, `counseling_session.purpose` of sessions dated in the
  period, read de-duplicated from `session_service`, see db.models) and each distinct group education
  type (section 8, `education_event.education_type` of events in the period that the household
  attended with `completed` true). Two rental sessions are one service; a rental session plus a
  homebuyer workshop are two.
* Sections 3-7 count the same (household, service) pairs, by the household's ethnicity, race,
  income band, rural status and limited-English status. So each of their totals must equal
  section 8 + section 9 (HUD's total rule); `checks` shows that, with the numbers, pass or fail.
* Would drop off. A household with a service in the period but a blank demographic (not even
  "chose not to respond", or a code that is not HUD's) is left out of that section's rows, which
  makes the check fail; a session with a blank or unknown purpose is not a service at all. Both are
  listed in `would_drop_off` (household ids and reasons only, never names) so someone can fix them.
* Section 10 outcomes come from the `outcome` table (dated in the period), counted once per
  household per outcome, and only for households with at least one one-on-one session (with a
  valid purpose) in the period: group education alone reports no outcomes. Outcome (a),
  `also_education`, is also computed: households with both one-on-one counseling and completed group
  education in the period count even when nobody typed the outcome. The section 10 total is the sum
  of its rows (outcomes are independent of each other; HUD sets no total rule for section 10).
  An outcome the family confirmed at a follow-up (`outcome.at_follow_up`, db/follow_up.py) counts in
  the period it is dated for a household counseled one-on-one on or before that day, even when the
  counseling was in an earlier fiscal year: follow-up is how an agency learns the outcome.
* Scope. `office_id` limits the report to households of one office (or of several, given as a tuple:
  a lead who leads them); None means the whole database.

All counting is done by the database (DISTINCT and GROUP BY); Python only adds up a few thousand
grouped rows. The same code runs on SQLite and PostgreSQL and gives identical reports.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from sqlalchemy import Integer, String, func, literal, or_, select, union_all
from sqlalchemy.engine import Engine

from db import codes
from db.engine import reading
from db.models import EducationAttendance, EducationEvent, Household, Outcome, SessionService
from reports.hud9902 import funding
from reports.hud9902.form import DEMOGRAPHICS, SECTIONS, Report, Section, period


def _services(S, fiscal_year: int, end: dt.date, office_id: int | None, *purposes):
    """Conditions on session_service for the period: a purpose first received by `end` this fiscal year.

    Rows come de-duplicated from session_service, kept on every session write: one per household, fiscal
    year and purpose with its first session's day. Every period starts on 1 October and a fiscal year's
    rows all fall in it, so a purpose was received in the period exactly when that first day is on or
    before its end.
    """
    where = [S.fiscal_year == fiscal_year, S.first_on <= end, *purposes]
    if office_id is not None:  # the household's office, not the session's
        where.append(S.household_id.in_(_of_office(office_id)))
    return where


def _of_office(office_id):
    return select(Household.id).where(_in_offices(office_id))


def _in_offices(office_id):
    """One office id, or a tuple of them (a lead's offices)."""
    if isinstance(office_id, tuple):
        return Household.office_id.in_(office_id)
    return Household.office_id == office_id


def _workshops(start: dt.date, end: dt.date, *types, hud_only: bool = False):
    """Completed attendance at workshops dated in the period: (household_id, education_type) rows."""
    if hud_only:
        types = (*types, EducationEvent.funding == "hud")
    return (
        select(EducationAttendance.household_id, EducationEvent.education_type)
        .join(EducationEvent, EducationEvent.id == EducationAttendance.event_id)
        .where(EducationEvent.event_date.between(start, end), EducationAttendance.completed.is_(True), *types)
    )


def _blank(key):
    """A blank or non-HUD demographic is a 0 digit of household.demo_key: five integer tests."""
    return or_(*[(key // 10**k) % 10 == 0 for k in range(len(DEMOGRAPHICS))])


def _counts(session, fiscal_year, start, end, office_id, hud_only: bool = False) -> list[tuple]:
    """Every count of the form and the households to fix, in one statement (one snapshot of the data).

    Rows of (part, code, demo_key, n):
    * part "9" / "8": n sessions' purposes / completed workshops' types, per code and demographic key
      (household.demo_key); Python keeps HUD's codes for sections 8 and 9 and adds the same rows up by
      each key digit for sections 3-7;
    * part "10": n households per outcome code (section 10);
    * part "fix" / "bad": one row per household to fix (n = its id): served in the period with a blank
      demographic, or with a session of blank or unknown purpose.

    The session services are read in household order beside the index (id, demo_key, office_id), so
    PostgreSQL merges the two rather than building hash tables.
    """
    in_office = [] if office_id is None else [_in_offices(office_id)]
    # With hud_only, the services are those a HUD grant paid for (reports/hud9902/funding.py).
    S = funding.hud_services(fiscal_year, start, end).c if hud_only else SessionService.__table__.c
    sessions = (
        select(literal("9"), S.purpose, Household.demo_key, func.count())
        .join(Household, Household.id == S.household_id)
        .where(S.fiscal_year == fiscal_year, S.first_on <= end, *in_office)
        .group_by(S.purpose, Household.demo_key)
    )
    attended = _workshops(start, end, hud_only=hud_only).distinct().subquery()
    workshops = (
        select(literal("8"), attended.c.education_type, Household.demo_key, func.count())
        .join(Household, Household.id == attended.c.household_id)
        .where(*in_office)
        .group_by(attended.c.education_type, Household.demo_key)
    )
    # Section 10: outcomes typed in the period, and outcome (a), a fact the records already show:
    # completed group education in the period. Both count only for households with one-on-one
    # counseling (a HUD purpose) in the period, tested once for the two together.
    in_period = (Outcome.achieved_on.between(start, end), Outcome.code.in_(codes.OUTCOME))
    typed = select(Outcome.household_id, Outcome.code, literal(0, Integer)).where(
        *in_period, Outcome.at_follow_up.is_(False)
    )
    # Confirmed at a follow-up: counts in its own period for a household counseled one-on-one (a HUD
    # purpose) on or before that day, in this fiscal year or an earlier one.
    counseled_before = select(S.household_id).where(
        S.household_id == Outcome.household_id,
        S.first_on <= Outcome.achieved_on,
        S.purpose.in_(codes.COUNSELING_PURPOSE),
    )
    followed = select(Outcome.household_id, Outcome.code, literal(1, Integer)).where(
        *in_period,
        Outcome.at_follow_up.is_(True),
        counseled_before.exists(),
        *([] if office_id is None else [Outcome.household_id.in_(_of_office(office_id))]),
    )
    educated = _workshops(start, end, EducationEvent.education_type.in_(codes.EDUCATION_TYPE), hud_only=hud_only)
    pairs = union_all(
        typed,
        followed,
        educated.with_only_columns(
            EducationAttendance.household_id, literal("also_education"), literal(0, Integer)
        ),
    ).subquery()
    followed_flag = pairs.c[2]
    counseled = select(S.household_id).where(
        *_services(S, fiscal_year, end, office_id, S.purpose.in_(codes.COUNSELING_PURPOSE))
    )
    # DISTINCT: an outcome typed twice, or a typed (a) that the records also show, counts once.
    outcomes = (
        select(
            literal("10"),
            pairs.c.code,
            literal(None, Integer),
            func.count(func.distinct(pairs.c.household_id)),
        )
        .where(or_(followed_flag == 1, pairs.c.household_id.in_(counseled)))
        .group_by(pairs.c.code)
    )
    # The few households with a blank demographic first (OFFSET 0 keeps PostgreSQL from testing every
    # household's services before its key), then whether any of them was served in the period.
    blank = (
        select(Household.id, Household.demo_key)
        .where(_blank(Household.demo_key), *in_office)
        .offset(0)
        .subquery()
    )
    served_session = select(S.household_id).where(
        S.household_id == blank.c.id,
        S.fiscal_year == fiscal_year,
        S.first_on <= end,
    )
    served_workshop = _workshops(start, end, EducationAttendance.household_id == blank.c.id, hud_only=hud_only)
    to_fix = select(literal("fix"), literal(None, String), blank.c.demo_key, blank.c.id).where(
        or_(served_session.exists(), served_workshop.exists())
    )
    bad_purpose = (
        select(literal("bad"), literal(None, String), Household.demo_key, S.household_id)
        .join(Household, Household.id == S.household_id)
        .where(
            *_services(S, fiscal_year, end, office_id, S.purpose.not_in(codes.COUNSELING_PURPOSE))
        )
        .distinct()
    )
    return list(session.execute(union_all(sessions, workshops, outcomes, to_fix, bad_purpose)))


@lru_cache(maxsize=1024)
def _demographic_codes(key: int) -> tuple[str | None, ...]:
    """The codes a household.demo_key stands for, in DEMOGRAPHICS order; None where its digit is 0."""
    found = []
    for _column, _title, allowed in DEMOGRAPHICS.values():
        key, digit = divmod(key, 10)
        found.append(allowed[digit - 1] if digit else None)
    return tuple(found)


def build(
    engine: Engine,
    fiscal_year: int,
    quarter: int,
    office_id: int | tuple[int, ...] | None = None,
    *,
    hud_only: bool = False,
) -> Report:
    """The report for a fiscal-year quarter (cumulative from 1 October), for one office or all.

    With `hud_only`, only services a HUD grant paid for (the form's HUD-grant column).
    """
    start, end = period(fiscal_year, quarter)
    counts: dict[str, dict[str, int]] = {key: {} for key in SECTIONS}
    to_fix: dict[int, int] = {}
    bad_purpose: set[int] = set()
    with reading(engine) as session:
        rows = _counts(session, fiscal_year, start, end, office_id, hud_only)
    services = {"8": set(codes.EDUCATION_TYPE), "9": set(codes.COUNSELING_PURPOSE)}
    for part, code, demo_key, n in rows:
        n = int(n)
        if part in services:
            if code not in services[part]:  # not a HUD service: a workshop of another type, a bad purpose
                continue
            counts[part][code] = counts[part].get(code, 0) + n
            for key, value in zip(DEMOGRAPHICS, _demographic_codes(int(demo_key)), strict=True):
                if value is not None:  # a blank demographic leaves the service out of its section
                    counts[key][value] = counts[key].get(value, 0) + n
        elif part == "10":
            counts["10"][code] = counts["10"].get(code, 0) + n
        else:  # a household the form would miss: say why
            to_fix[n] = int(demo_key)
            if part == "bad":
                bad_purpose.add(n)
    drop_offs = []
    for household_id in sorted(to_fix):
        reasons = ["missing_purpose"] if household_id in bad_purpose else []
        for (column, _title, _allowed), value in zip(
            DEMOGRAPHICS.values(), _demographic_codes(to_fix[household_id]), strict=True
        ):
            if value is None:
                reasons.append(f"missing_{column}")
        drop_offs.append({"household_id": household_id, "reasons": reasons})
    sections = {key: Section(key, counts[key]) for key in SECTIONS}
    services_total = sections["8"].total + sections["9"].total
    checks = [
        {
            "rule": f"section_{key}_total_equals_8_plus_9",
            "section": key,
            "total": sections[key].total,
            "expected": services_total,
            "passed": sections[key].total == services_total,
        }
        for key in DEMOGRAPHICS
    ]
    return Report(fiscal_year, quarter, start, end, office_id, sections, checks, drop_offs)


def build_with_hud_column(
    engine: Engine, fiscal_year: int, quarter: int, office_id: int | tuple[int, ...] | None = None
) -> Report:
    """The report with the HUD-grant column filled in (`hud_sections`): what a HUD grantee files."""
    report = build(engine, fiscal_year, quarter, office_id)
    report.hud_sections = build(engine, fiscal_year, quarter, office_id, hud_only=True).sections
    return report
