"""The HUD-9902 report written out: JSON, CSV and XLSX, from one flat table of the form's rows."""

from __future__ import annotations

import csv
import io
import json

from reports.hud9902.form import SECTION_CODES, Report

FORMATS = ("json", "csv", "xlsx")


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
