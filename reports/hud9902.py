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
* Scope. `office_id` limits the report to households of one office; None means the whole database.

All counting is done by the database (DISTINCT and GROUP BY); Python only adds up a few hundred
grouped rows. The same code runs on SQLite and PostgreSQL and gives identical reports.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import io
import json
import sys
from dataclasses import dataclass, field

from sqlalchemy import String, case, cast, func, literal, or_, select, text, union_all
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from db import codes
from db.engine import make_engine, reading
from db.models import EducationAttendance, EducationEvent, Household, Office, Outcome, SessionService

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
# _demographic_key gives each demographic one decimal digit, 0 meaning "not a HUD code".
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
    office_id: int | None
    sections: dict[str, Section]
    checks: list[dict]
    would_drop_off: list[dict] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(check["passed"] for check in self.checks)

    def as_dict(self) -> dict:
        """The JSON shape: sections by number with {label: count} rows and a total, plus the checks."""
        return {
            "fiscal_year": self.fiscal_year,
            "quarter": self.quarter,
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "office_id": self.office_id,
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


def _activity(fiscal_year: int, start: dt.date, end: dt.date, office_id: int | None):
    """(household_id, kind, code), each once: what a household did in the period, read in one pass.

    kind "9": a one-on-one session with a HUD purpose (code = purpose); "bad": a session with a blank
    or unknown purpose (not a service, but the household must be fixed); "8": a completed workshop of
    a HUD education type; "other": a completed workshop of another type (served, but not a service).
    """
    # Sessions come de-duplicated from session_service, kept on every session write: one row per
    # household, fiscal year and purpose with its first session's day. Every period starts on 1 October,
    # so a purpose was received in the period exactly when that first day is on or before its end.
    in_period = (SessionService.fiscal_year == fiscal_year) & SessionService.first_on.between(start, end)
    if office_id is not None:  # the household's office, not the session's
        in_period = in_period & SessionService.household_id.in_(
            select(Household.id).where(Household.office_id == office_id)
        )
    sessions = select(
        SessionService.household_id,
        case((SessionService.purpose.in_(codes.COUNSELING_PURPOSE), "9"), else_="bad").label("kind"),
        SessionService.purpose.label("code"),
    ).where(in_period)
    valid_type = EducationEvent.education_type.in_(codes.EDUCATION_TYPE)
    workshops = (
        select(
            EducationAttendance.household_id,
            case((valid_type, "8"), else_="other"),
            EducationEvent.education_type,
        )
        .join(EducationEvent, EducationEvent.id == EducationAttendance.event_id)
        .where(EducationEvent.event_date.between(start, end), EducationAttendance.completed.is_(True))
    )
    if office_id is not None:
        of_office = select(Household.id).where(Household.office_id == office_id)
        workshops = workshops.where(EducationAttendance.household_id.in_(of_office))
    return union_all(sessions, workshops.distinct())


def _flag(condition):
    return func.max(case((condition, 1), else_=0))


def _counts(session, fiscal_year, start, end, office_id) -> list[tuple]:
    """Every count of the form and the households to fix, in one statement over one read of the period.

    Rows of (part, code, ethnicity, race, income_band, rural, limited_english, n):
    * part "8"/"9": n households per service code (sections 8 and 9);
    * part "demo": n services per combination of demographics, code = its _demographic_key (sections 3-7
      add these up per demographic);
    * part "10": n households per outcome code (section 10);
    * part "drop" / "drop_purpose": one row per household to fix, n = its id, with its demographics.
    """
    # Each CTE is referenced more than once: both backends compute it once (materialized).
    activity = _activity(fiscal_year, start, end, office_id).cte("activity")
    is_service = activity.c.kind.in_(("8", "9"))
    served = (
        select(
            activity.c.household_id,
            func.sum(case((is_service, 1), else_=0)).label("n"),
            _flag(activity.c.kind == "9").label("counseled"),
            _flag(activity.c.kind == "8").label("educated"),
            _flag(activity.c.kind == "bad").label("bad_purpose"),
        )
        .group_by(activity.c.household_id)
        .subquery()
    )
    demo = [getattr(Household, spec[0]) for spec in DEMOGRAPHICS.values()]
    # One row per served household with its demographics and their combined key (_demographic_key):
    # the households table is read once, and the key is computed once per household.
    people = (
        select(served, *demo, _demographic_key(Household).label("demo_key"))
        .join(Household, Household.id == served.c.household_id)
        .cte("people")
    )
    people_demo = [people.c[spec[0]] for spec in DEMOGRAPHICS.values()]
    blank = [literal(None, String)] * len(DEMOGRAPHICS)
    by_service = (
        select(activity.c.kind, activity.c.code, *blank, func.count())
        .where(is_service)
        .group_by(activity.c.kind, activity.c.code)
    )
    # Grouped by one integer (a digit per demographic) rather than five text columns: sorting the served
    # households on one number is about twice as fast on SQLite, and Python reads the digits back.
    key = people.c.demo_key
    by_demographics = select(literal("demo"), cast(key, String), *blank, func.sum(people.c.n)).group_by(key)
    # "+ 0": otherwise SQLite builds an automatic index on people.counseled only to read it once in full
    # for this IN list (about 4% of the statement at 50,000 households); the scan alone is enough.
    counseled = select(people.c.household_id).where(people.c.counseled + 0 == 1)
    typed = select(Outcome.household_id, Outcome.code).where(
        Outcome.achieved_on.between(start, end),
        Outcome.code.in_(codes.OUTCOME),
        # "+ 0": SQLite would otherwise probe the (household, code) index once per counseled household
        # and code; scanning the period's outcomes by date and checking the set is many times faster.
        (Outcome.household_id + 0).in_(counseled),
    )
    # Outcome (a) is a fact the records already show: one-on-one and group education in the period.
    computed = select(people.c.household_id, literal("also_education")).where(
        people.c.counseled == 1, people.c.educated == 1
    )
    pairs = union_all(typed, computed).subquery()
    # DISTINCT: an outcome typed twice, or a typed (a) that the records also show, counts once.
    by_outcome = select(
        literal("10"), pairs.c.code, *blank, func.count(func.distinct(pairs.c.household_id))
    ).group_by(pairs.c.code)
    # A blank or non-HUD demographic is a 0 digit of the key: five integer tests, no string lists.
    blank_demo = or_(*[(key // 10**k) % 10 == 0 for k in range(len(DEMOGRAPHICS))])
    to_fix = select(
        case((people.c.bad_purpose == 1, "drop_purpose"), else_="drop"),
        literal(None, String),
        *people_demo,
        people.c.household_id,
    ).where(or_(people.c.bad_purpose == 1, blank_demo))
    return list(session.execute(union_all(by_service, by_demographics, by_outcome, to_fix)))


def _demographic_key(households):
    """One integer per combination of demographics: digit k (from the right) is the 1-based position of
    the k-th demographic's code among HUD's codes, or 0 when blank (NULL too) or not a HUD code."""
    digits = [
        case({code: i + 1 for i, code in enumerate(allowed)}, value=getattr(households, column), else_=0)
        for column, _title, allowed in DEMOGRAPHICS.values()
    ]
    return sum((10**k * digit for k, digit in enumerate(digits)), start=literal(0))


def _demographic_codes(key: int) -> list[str | None]:
    """The codes a _demographic_key stands for, in DEMOGRAPHICS order; None where it was 0."""
    found = []
    for _column, _title, allowed in DEMOGRAPHICS.values():
        key, digit = divmod(key, 10)
        found.append(allowed[digit - 1] if digit else None)
    return found


def build(engine: Engine, fiscal_year: int, quarter: int, office_id: int | None = None) -> Report:
    """The report for a fiscal-year quarter (cumulative from 1 October), for one office or all."""
    start, end = period(fiscal_year, quarter)
    counts: dict[str, dict[str, int]] = {key: {} for key in SECTIONS}
    drop_offs = []
    with reading(engine) as session:
        if engine.dialect.name != "postgresql":
            rows = _counts(session, fiscal_year, start, end, office_id)
        else:
            # PostgreSQL cannot estimate how many households a CTE groups into (it guesses 200) and
            # would probe the households' key once per served household; every set here is large,
            # so hash joins are always the better plan. A plain SET, reset below, not SET LOCAL: on a
            # pooled connection left in autocommit mode (as a bulk COPY may leave one) there is no
            # transaction, and SET LOCAL does nothing at all.
            session.execute(text("SET enable_nestloop = off"))
            try:
                rows = _counts(session, fiscal_year, start, end, office_id)
            except Exception:
                # In a failed transaction RESET fails too, but the rollback undoes the SET there.
                with contextlib.suppress(DBAPIError):
                    session.execute(text("RESET enable_nestloop"))
                raise
            session.execute(text("RESET enable_nestloop"))
    for part, code, *demo, n in rows:
        n = int(n)
        if part in ("drop", "drop_purpose"):  # a household the form would miss: say why
            reasons = ["missing_purpose"] if part == "drop_purpose" else []
            for (column, _title, allowed), value in zip(DEMOGRAPHICS.values(), demo, strict=True):
                if value not in allowed:
                    reasons.append(f"missing_{column}")
            drop_offs.append({"household_id": n, "reasons": reasons})
        elif part == "demo" and n:  # n is 0 for a household served by no HUD service (only listed to fix)
            for key, value in zip(DEMOGRAPHICS, _demographic_codes(int(code)), strict=True):
                if value is not None:
                    counts[key][value] = counts[key].get(value, 0) + n
        elif part != "demo":
            counts[part][code] = counts[part].get(code, 0) + n
    drop_offs.sort(key=lambda item: item["household_id"])
    sections = {key: Section(key, counts[key]) for key in SECTIONS}
    services = sections["8"].total + sections["9"].total
    checks = [
        {
            "rule": f"section_{key}_total_equals_8_plus_9",
            "section": key,
            "total": sections[key].total,
            "expected": services,
            "passed": sections[key].total == services,
        }
        for key in DEMOGRAPHICS
    ]
    return Report(fiscal_year, quarter, start, end, office_id, sections, checks, drop_offs)


def to_json(report: Report) -> str:
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False)


def table_rows(report: Report) -> list[list]:
    """The flat table both CSV and XLSX write: section, row, count; totals; then the checks."""
    rows: list[list] = [["section", "row", "count"]]
    for key, section in report.sections.items():
        for _code, label, count in section.rows():
            rows.append([key, label, count])
        rows.append([key, "Total", section.total])
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
    args = parser.parse_args(argv)
    if not 1900 < args.fiscal_year < 3000:
        parser.error("--fiscal-year must be a four-digit year")
    engine = make_engine(args.database_url)
    try:
        report = build(engine, args.fiscal_year, args.quarter, _office_id(engine, args.office))
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
