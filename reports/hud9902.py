"""HUD-9902 (FY2022+ form) sections 3-10 for a fiscal-year quarter, counted in SQL, with CSV/XLSX/JSON writers.

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

import argparse
import csv
import datetime as dt
import io
import json
import sys
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import Integer, String, func, literal, or_, select, union_all
from sqlalchemy.engine import Engine

from db import codes
from db.engine import make_engine, reading
from db.models import EducationAttendance, EducationEvent, Household, Office, Outcome, SessionService
from reports import hud9902_funding

QUARTER_END = {1: (0, 12, 31), 2: (1, 3, 31), 3: (1, 6, 30), 4: (1, 9, 30)}

# HUD's row labels (English, as on the form) in the form's order, keyed by our stored codes.
DEMOGRAPHICS = {
    "3": ("ethnicity", "Ethnicity", codes.ETHNICITY),
    "4": ("race", "Race", codes.RACE),
    "5": ("income_band", "Income levels", codes.INCOME_BAND),
    "6": ("rural", "Rural area status", codes.RURAL),
    "7": ("limited_english", "Limited English proficiency", codes.LIMITED_ENGLISH),
}
ROW_LABELS = {
    "3": ["a. Hispanic", "b. Not Hispanic", "c. Chose not to respond"],
    "4": [
        "a. American Indian/Alaskan Native",
        "b. Asian",
        "c. Black or African American",
        "d. Native Hawaiian or Other Pacific Islander",
        "e. White",
        "f. More than one race",
        "g. Chose not to respond",
    ],
    "5": [
        "a. < 30% of Area Median Income (AMI)",
        "b. 30-49% of AMI",
        "c. 50-79% of AMI",
        "d. 80-100% of AMI",
        "e. > 100% of AMI",
        "f. Chose not to respond",
    ],
    "6": ["a. Lives in a rural area", "b. Does not live in a rural area", "c. Chose not to respond"],
    "7": ["a. Limited English proficient", "b. Not limited English proficient", "c. Chose not to respond"],
    "8": [
        "a. Completed financial literacy workshop",
        "b. Completed predatory lending, loan scam or other fraud prevention workshop",
        "c. Completed fair housing workshop",
        "d. Completed homelessness prevention workshop",
        "e. Completed rental workshop",
        "f. Completed pre-purchase homebuyer education workshop",
        "g. Completed non-delinquency post-purchase workshop",
        "h. Completed resolving or preventing mortgage delinquency workshop",
        "i. Completed disaster preparedness assistance workshop",
        "j. Completed disaster recovery assistance workshop",
    ],
    "9": [
        "a. Homeless assistance",
        "b. Rental topics",
        "c. Prepurchase/homebuying",
        "d. Non-delinquency post-purchase",
        "e. Reverse mortgage",
        "f. Resolving or preventing forward mortgage delinquency or default",
        "g. Resolving or preventing reverse mortgage delinquency or default",
        "h. Disaster preparedness assistance",
        "i. Disaster recovery assistance",
    ],
    "10": [
        "a. Received one-on-one counseling and also received education services",
        "b. Received information on fair housing, fair lending and/or accessibility rights",
        "c. Developed a budget customized to the client's current situation",
        "d. Improved financial capacity",
        "e. Gained access to resources to help improve housing situation",
        "f. Gained access to non-housing resources",
        "g. Homeless or potentially homeless households obtained temporary or permanent housing",
        "h. Gained access to disaster recovery non-housing resources",
        "i. Obtained disaster recovery housing resources",
        "j. Developed or updated an emergency preparedness plan",
        "k. Rental counseling: avoided eviction",
        "l. Rental counseling: improved living conditions",
        "m. Pre-purchase counseling: purchased housing",
        "n. Reverse mortgage counseling: obtained a HECM",
        "o. Post-purchase counseling: improved home conditions or affordability",
        "p. Prevented or resolved a forward mortgage default",
        "q. Prevented or resolved a reverse mortgage default",
        "r. Forward mortgage modification and remained current",
        "s. Forward mortgage modification and improved financial capacity",
    ],
}
SECTION_CODES = {
    **{key: spec[2] for key, spec in DEMOGRAPHICS.items()},
    "8": codes.EDUCATION_TYPE,
    "9": codes.COUNSELING_PURPOSE,
    "10": codes.OUTCOME,
}
SECTION_TITLES = {
    **{key: spec[1] for key, spec in DEMOGRAPHICS.items()},
    "8": "Households receiving group education, by purpose",
    "9": "Households receiving one-on-one counseling, by purpose",
    "10": "Outcomes of one-on-one counseling",
}
SECTIONS = ("3", "4", "5", "6", "7", "8", "9", "10")
# household.demo_key gives each demographic one decimal digit, 0 meaning "not a HUD code", in this order.
assert {spec[0]: spec[2] for spec in DEMOGRAPHICS.values()} == codes.DEMOGRAPHIC_CODES
assert list(codes.DEMOGRAPHIC_CODES) == [spec[0] for spec in DEMOGRAPHICS.values()]
assert all(len(spec[2]) <= 9 for spec in DEMOGRAPHICS.values())
FORMATS = ("json", "csv", "xlsx")


@dataclass
class Section:
    """One section of the form: counts by stored code, in the form's order."""

    key: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self) -> list[tuple[str, str, int]]:
        """(code, HUD label, count) for every row of the form, zeros included."""
        return [
            (code, label, self.counts.get(code, 0))
            for code, label in zip(SECTION_CODES[self.key], ROW_LABELS[self.key], strict=True)
        ]


@dataclass
class Report:
    fiscal_year: int
    quarter: int
    start: dt.date
    end: dt.date
    office_id: int | tuple[int, ...] | None
    sections: dict[str, Section]
    checks: list[dict]
    would_drop_off: list[dict] = field(default_factory=list)
    # The HUD-grant column (services a HUD grant paid for), when asked for: build_with_hud_column.
    hud_sections: dict[str, Section] | None = None

    @property
    def passed(self) -> bool:
        return all(check["passed"] for check in self.checks)

    def as_dict(self) -> dict:
        """The JSON shape: sections by number with {label: count} rows and a total, plus the checks."""
        return {
            "fiscal_year": self.fiscal_year,
            "quarter": self.quarter,
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "office_id": list(self.office_id) if isinstance(self.office_id, tuple) else self.office_id,
            "sections": {
                key: {
                    "title": SECTION_TITLES[key],
                    "rows": {label: count for _code, label, count in section.rows()},
                    "total": section.total,
                }
                for key, section in self.sections.items()
            },
            "checks": self.checks,
            "would_drop_off": self.would_drop_off,
            **(
                {}
                if self.hud_sections is None
                else {
                    "hud_grant": {
                        key: {
                            "rows": {label: count for _code, label, count in section.rows()},
                            "total": section.total,
                        }
                        for key, section in self.hud_sections.items()
                    }
                }
            ),
        }


def period(fiscal_year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) of a cumulative fiscal-year-to-date quarter."""
    if quarter not in QUARTER_END:
        raise ValueError("quarter must be 1, 2, 3 or 4")
    if not 1900 < fiscal_year < 3000:
        raise ValueError("fiscal year out of range")
    year_offset, month, day = QUARTER_END[quarter]
    return dt.date(fiscal_year - 1, 10, 1), dt.date(fiscal_year - 1 + year_offset, month, day)


def fiscal_quarter_of(day: dt.date) -> tuple[int, int]:
    """The (fiscal year, quarter) a day falls in."""
    if day.month >= 10:
        return day.year + 1, 1
    return day.year, (day.month - 1) // 3 + 2


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
    # With hud_only, the services are those a HUD grant paid for (reports/hud9902_funding.py).
    S = hud9902_funding.hud_services(fiscal_year, start, end).c if hud_only else SessionService.__table__.c
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


def to_json(report: Report) -> str:
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False)


def table_rows(report: Report) -> list[list]:
    """The flat table both CSV and XLSX write: section, row, count (and the HUD-grant count); totals; checks."""
    hud = report.hud_sections
    rows: list[list] = [["section", "row", "count", *([] if hud is None else ["hud_grant"])]]
    for key, section in report.sections.items():
        extra = [] if hud is None else [hud[key].counts.get(code, 0) for code in SECTION_CODES[key]]
        for index, (_code, label, count) in enumerate(section.rows()):
            rows.append([key, label, count, *extra[index : index + 1]])
        rows.append([key, "Total", section.total, *([] if hud is None else [hud[key].total])])
    for check in report.checks:
        rows.append(
            [
                "check",
                f"Section {check['section']} total = section 8 + section 9",
                "pass" if check["passed"] else f"FAIL: {check['total']} vs {check['expected']}",
            ]
        )
    return rows


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["HUD-9902", f"FY{report.fiscal_year} Q{report.quarter}"])
    writer.writerow(["period", report.start.isoformat(), report.end.isoformat()])
    writer.writerows(table_rows(report))
    return buffer.getvalue()


def to_xlsx(report: Report) -> bytes:
    """A workbook with the form (sheet 'HUD-9902') and the records to fix (sheet 'To fix', ids only)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "HUD-9902"
    sheet.append(["HUD-9902", f"FY{report.fiscal_year} Q{report.quarter}"])
    sheet.append(["period", report.start, report.end])
    for row in table_rows(report):
        sheet.append(row)
        if row[1] == "Total" or row[0] == "section":
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    sheet.column_dimensions["B"].width = 80
    fix = book.create_sheet("To fix")
    fix.append(["household_id", "reasons"])
    for item in report.would_drop_off:
        fix.append([item["household_id"], ", ".join(item["reasons"])])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(report: Report, fmt: str) -> bytes:
    if fmt == "json":
        return to_json(report).encode("utf-8")
    if fmt == "csv":
        return to_csv(report).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(report)
    raise ValueError(f"unknown format {fmt!r}")


def _office_id(engine: Engine, value: str | None) -> int | None:
    """An office given by code or number, or None for all offices."""
    if value is None:
        return None
    with reading(engine) as session:
        found = session.scalar(select(Office.id).where(Office.code == value))
        if found is None and value.isdigit():
            found = session.scalar(select(Office.id).where(Office.id == int(value)))
    if found is None:
        raise SystemExit(f"error: no office {value!r}")
    return found


def main(argv: list[str] | None = None) -> int:
    """python -m reports.hud9902 --fiscal-year 2026 --quarter 2 --format json --out 9902.json"""
    parser = argparse.ArgumentParser(prog="python -m reports.hud9902", description=__doc__.splitlines()[0])
    parser.add_argument("--fiscal-year", type=int, required=True, help="e.g. 2026 (1 Oct 2025 - 30 Sep 2026)")
    parser.add_argument("--quarter", type=int, required=True, choices=(1, 2, 3, 4))
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument("--out", required=True, help="file to write, or - for standard output")
    parser.add_argument("--office", help="office code or id (default: every office)")
    parser.add_argument("--database-url", help="default: DATABASE_URL")
    parser.add_argument("--hud-grant-column", action="store_true", help="add the HUD-grant column (grantees)")
    args = parser.parse_args(argv)
    if not 1900 < args.fiscal_year < 3000:
        parser.error("--fiscal-year must be a four-digit year")
    engine = make_engine(args.database_url)
    try:
        maker = build_with_hud_column if args.hud_grant_column else build
        report = maker(engine, args.fiscal_year, args.quarter, _office_id(engine, args.office))
    finally:
        engine.dispose()
    data = render(report, args.format)
    if args.out == "-":
        sys.stdout.buffer.write(data)
    else:
        with open(args.out, "wb") as handle:
            handle.write(data)
    for check in report.checks:
        if not check["passed"]:
            print(
                f"warning: section {check['section']} total {check['total']} != 8 + 9 = {check['expected']}",
                file=sys.stderr,
            )
    if report.would_drop_off:
        print(f"warning: {len(report.would_drop_off)} household(s) need fixing", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
