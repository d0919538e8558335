"""python -m reports.hud9902: write a quarter's HUD-9902 from the database as JSON, CSV or XLSX."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import select
from sqlalchemy.engine import Engine

from db.engine import make_engine, reading
from db.models import Office
from reports.hud9902.counting import build, build_with_hud_column
from reports.hud9902.writers import FORMATS, render

# The command's one-line description, as it was when the report was one module.
DESCRIPTION = "HUD-9902 (FY2022+ form) sections 3-10 for a fiscal-year quarter, counted in SQL, with CSV/XLSX/JSON writers."


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
    parser = argparse.ArgumentParser(prog="python -m reports.hud9902", description=DESCRIPTION)
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
