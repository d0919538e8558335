"""Moving caseloads in and out: CSV or XLSX import (preview, row-by-row report, all-or-nothing commit) and
caseload export to CSV/XLSX without sensitive columns unless an administrator asks.

Every exported text cell that a spreadsheet could run as a formula is neutralized with a leading '.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.engine import Engine

from calculators import InputError
from db import audit, csv_read, hud_import
from db.engine import reading, transaction
from db.households import INTAKE_FIELDS, derive_fields, validate_intake
from db.hud_import import CODES_ONLY, HUD_COLUMNS, HudAliases
from db.local_time import today_local
from db.models import SENSITIVE_COLUMNS, Household, HudClientProfile, User
from db.scope import AccessDenied, households_visible_to
from db.text_guard import printable

MAX_ROWS = 20_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Columns a CSV may carry: the intake fields (counselor by username) plus the date the file opened.
IMPORT_COLUMNS = tuple(f for f in INTAKE_FIELDS if f != "counselor_id") + ("counselor_username", "opened_on")
# Columns of Camino's own export that an import reads past (worked out again, or kept by the old system).
EXPORT_ONLY = (
    "id",
    "ami_percent",
    "income_band",
    "stage",
    "stage_since",
    "status",
    "closed_on",
    "close_reason",
    "last_contact_on",
)
# A street address identifies a home: exports leave it out unless an administrator asks, like phone.
EXPORT_SENSITIVE = SENSITIVE_COLUMNS | {"street"}
YES = {"yes", "y", "true", "1", "si", "sí", "x"}
NO = {"no", "n", "false", "0", ""}
EXPORT_COLUMNS = (
    "id",
    "display_name",
    "phone",
    "email",
    "contact_preference",
    "preferred_language",
    "household_size",
    "annual_income",
    "ami_percent",
    "income_band",
    "jurisdiction",
    "housing_status",
    "ethnicity",
    "race",
    "rural",
    "limited_english",
    "counseling_purpose",
    "id_type",
    "residency",
    "consent_date",
    "first_time_buyer",
    "counselor",
    "stage",
    "stage_since",
    "status",
    "opened_on",
    "closed_on",
    "close_reason",
    "last_contact_on",
    "next_follow_up",
)


class ImportRejected(Exception):
    """The file has problems; nothing was written. `report` says which rows and fields."""

    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__("import_rejected")


@dataclass
class RowProblem:
    row: int  # the spreadsheet row number (the header is row 1)
    field: str
    code: str


@dataclass
class ImportReport:
    """What a file would import: clean rows, and every problem by row and field."""

    columns: list[str]
    rows: list[dict] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    file_problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and not self.file_problem and bool(self.rows)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})

    @property
    def good_rows(self) -> int:
        return len({r["row"] for r in self.rows} - {p.row for p in self.problems})


def neutralize(value):
    """A cell a spreadsheet shows as text, never runs: text starting with = + - @ tab or CR gets a '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _yes_no(value: str, key: str) -> bool:
    text = value.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise InputError("invalid_choice", key)


def _parse_date(value: str, key: str) -> dt.date:
    """ISO (2026-03-05) or US style (3/5/2026), the two formats agency systems export."""
    text = value.strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise InputError("bad_date", key)


def _check_row(raw: dict, usernames: dict[str, int]) -> tuple[dict, list[tuple[str, str]]]:
    """One CSV row to intake data; problems are collected field by field so the report is complete."""
    data: dict = {}
    problems: list[tuple[str, str]] = []
    for key, value in raw.items():
        value = (value or "").strip()
        if not value:
            continue
        try:
            if key == "counselor_username":
                if value.lower() not in usernames:
                    raise InputError("unknown_counselor", key)
                data["counselor_id"] = usernames[value.lower()]
            elif key == "first_time_buyer":
                data[key] = _yes_no(value, key)
            elif key in ("consent_date", "next_follow_up", "opened_on"):
                data[key] = _parse_date(value, key)
            elif key == "household_size":
                data[key] = value
            elif key == "annual_income":
                data[key] = value.replace("$", "").replace(",", "")
            else:
                data[key] = value
        except InputError as err:
            problems.append((err.field or key, err.code))
    opened = data.pop("opened_on", None)
    if "display_name" not in data:
        problems.append(("display_name", "missing_field"))
    # Validate field by field so one bad cell does not hide the next one.
    clean: dict = {}
    for key, value in data.items():
        try:
            clean.update(validate_intake({key: value}, partial=True))
        except InputError as err:
            problems.append((err.field or key, err.code))
    if opened is not None:
        clean["opened_on"] = opened
    return clean, problems


def _header_map(columns: list[str], aliases: HudAliases) -> tuple[dict[str, str | None], list[str]]:
    """Each header to the field it fills (None: read past), and the headers not recognized."""
    mapped: dict[str, str | None] = {}
    unknown = []
    for column in columns:
        if column in IMPORT_COLUMNS:
            mapped[column] = column
        elif column == "counselor":  # the export's name for the counselor's username
            mapped[column] = "counselor_username"
        elif column in EXPORT_ONLY:
            mapped[column] = None
        elif (hud := hud_import.column_of(column, aliases)) is not None:
            mapped[column] = hud
        else:
            unknown.append(column)
    return mapped, unknown


def preview(engine: Engine, user: dict, data: bytes | str, aliases: HudAliases = CODES_ONLY) -> ImportReport:
    """Read a CSV and check every row without writing anything; HUD columns by code or `aliases` label."""
    if not user or user.get("role") not in ("admin", "lead", "counselor"):
        raise AccessDenied("no access")
    try:
        text = csv_read.xlsx_text(data, MAX_ROWS) if csv_read.is_xlsx(data) else csv_read.decode(data)
        parsed = csv_read.parse(text, MAX_ROWS)
    except csv_read.FileRefused as refused:
        return ImportReport(columns=[], file_problem=refused.code)
    columns = parsed.columns
    report = ImportReport(columns=columns)
    if parsed.problems and parsed.problems[0][0] == 1:  # the header itself could not be read
        report.problems = [RowProblem(*p) for p in parsed.problems]
        return report
    mapped, unknown = _header_map(columns, aliases)
    if not columns:
        report.file_problem = "empty_file"
        return report
    if unknown:
        report.file_problem = "unknown_columns:" + ",".join(unknown)
        return report
    if "display_name" not in columns:
        report.file_problem = "missing_columns:display_name"
        return report
    targets = [mapped.get(c) or c for c in columns]
    repeated = sorted({c for c in columns if targets.count(mapped.get(c) or c) > 1})
    if repeated:
        report.file_problem = "repeated_columns:" + ",".join(repeated)
        return report
    if parsed.too_many_rows:
        report.file_problem = "too_many_rows"
        return report
    with reading(engine) as s:
        usernames = {
            name.lower(): uid
            for name, uid in s.execute(
                select(User.username, User.id).where(
                    User.office_id == user["office_id"], User.role.in_(("counselor", "lead", "admin"))
                )
            )
        }
    hud_keys = [c for c in columns if mapped.get(c) in HUD_COLUMNS]
    for number, raw in parsed.rows:
        cells = {mapped[c]: v for c, v in raw.items() if mapped.get(c) and mapped[c] not in HUD_COLUMNS}
        clean, problems = _check_row(cells, usernames)
        if hud_keys:
            hud, hud_problems = hud_import.check({mapped[c]: raw[c] for c in hud_keys}, aliases)
            problems += hud_problems
            if hud:
                clean["hud"] = hud
        report.rows.append({"row": number, **clean})
        report.problems += [RowProblem(number, f, c) for f, c in problems]
    report.problems += [RowProblem(*p) for p in parsed.problems]  # rows the csv reader could not split
    report.problems.sort(key=lambda p: p.row)
    if not report.rows and not report.problems:
        report.file_problem = "no_rows"
    return report


def commit(
    engine: Engine,
    user: dict,
    data: bytes | str,
    today: dt.date | None = None,
    aliases: HudAliases = CODES_ONLY,
) -> int:
    """Import every row in one transaction, or none: any problem raises ImportRejected and writes nothing."""
    report = preview(engine, user, data, aliases)
    if not report.ok:
        raise ImportRejected(report)
    today = today or today_local()
    with transaction(engine) as s:
        pairs = []
        for row in report.rows:
            values = {k: v for k, v in row.items() if k not in ("row", "hud")}
            values.setdefault("opened_on", today)
            values.setdefault("counselor_id", None)
            hh = Household(office_id=user["office_id"], **values)
            derive_fields(hh)
            s.add(hh)
            pairs.append((hh, row.get("hud")))
        s.flush()
        s.add_all(hud_import.profile_rows(pairs, user.get("id")))
        s.flush()
        audit.record(s, user, "households_imported", "household", None, f"rows={len(report.rows)}")
    return len(report.rows)


def export_columns(include_sensitive: bool) -> list[str]:
    """The export's header: household columns, then HUD's client fields; sensitive ones only on request."""
    return [c for c in (*EXPORT_COLUMNS, *HUD_COLUMNS) if include_sensitive or c not in EXPORT_SENSITIVE]


def caseload(
    engine: Engine,
    user: dict,
    *,
    include_sensitive: bool = False,
    household_ids: list[int] | None = None,
    office_id: int | None = None,
    label=None,
) -> tuple[list[str], list[list]]:
    """The caseload the user may see (or just `household_ids` of it, or of one office), as a header and rows.

    Sensitive columns only for an admin who asks. HUD answers are codes, or `label(field, code)` text.
    """
    if include_sensitive and (not user or user.get("role") != "admin"):
        raise AccessDenied("sensitive export is for administrators")
    columns = export_columns(include_sensitive)
    own = [c for c in columns if c not in HUD_COLUMNS]
    hud_at = [HUD_COLUMNS.index(c) for c in columns if c in HUD_COLUMNS]
    stmt = (
        households_visible_to(user)
        .add_columns(User.username, HudClientProfile)
        .outerjoin(User, User.id == Household.counselor_id)
        .outerjoin(HudClientProfile, HudClientProfile.household_id == Household.id)
        .order_by(Household.id)
    )
    if household_ids is not None:
        stmt = stmt.where(Household.id.in_(household_ids))
    if office_id is not None:  # narrows the user's scope, never widens it
        stmt = stmt.where(Household.office_id == office_id)
    rows = []
    with transaction(engine) as s:
        for hh, counselor, profile in s.execute(stmt.execution_options(yield_per=2000)):
            hud = hud_import.export_values(profile, label)
            rows.append(
                [(counselor or "") if c == "counselor" else getattr(hh, c) for c in own] + [hud[i] for i in hud_at]
            )
        audit.record(
            s, user, "caseload_exported", "household", None, f"rows={len(rows)};sensitive={include_sensitive}"
        )
    return columns, rows


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return neutralize(printable(value)) if isinstance(value, str) else value


def to_csv(columns: list[str], rows: Iterable[list]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows accents (Núñez, Nguyễn) correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([_cell(c) for c in columns])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(columns: list[str], rows: Iterable[list]) -> bytes:
    """An .xlsx workbook with one sheet; text cells are neutralized the same way as in CSV."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("caseload")
    sheet.append([_cell(c) for c in columns])
    for row in rows:
        sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_csv() -> bytes:
    """An empty import file with every accepted column, to fill in a spreadsheet."""
    return to_csv([*IMPORT_COLUMNS, *HUD_COLUMNS], [])
