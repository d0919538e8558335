"""`python -m calculators.rules check`: validate every rule file, plus the schema of the DPA program files.
`python -m calculators.rules coverage [--on DATE] [--days N]`: figures with no row in force on DATE, and
rows whose period ends within N days (60) with nothing after them.

`check` exits 1 with one readable line per problem, so `make test` stops on a broken table.
`coverage` exits 0 when every table has a figure on DATE, 1 when some have none.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from calculators import InputError
from calculators.rules import RULES_DIR, all_rule_files, load_file

KINDS = {
    "deferred_loan",
    "forgivable_loan",
    "grant",
    "amortizing_loan",
    "shared_appreciation_loan",
    "referral",
}
REPAYMENTS = {
    "grant",
    "deferred",
    "forgivable",
    "deferred_then_amortizing",
    "shared_appreciation",
    "referral",
}
JURISDICTIONS = {"dc", "montgomery_md", "prince_georges_md", "arlington_va", "fairfax_va", "alexandria_va"}
PROGRAM_FIELDS = ("id", "name", "jurisdictions", "status", "kind", "id_rule", "combines_with")
# what each repayment type needs to draw its schedule
REPAYMENT_FIELDS = {
    "forgivable": ("forgive_years",),
    "deferred_then_amortizing": ("deferred_years", "amortize_years"),
}


def _bilingual(value) -> bool:
    return isinstance(value, dict) and bool(value.get("en")) and bool(value.get("es"))


def _program_problems(name: str, i: int, row: dict, program_ids: set[str]) -> list[str]:
    where = f"{name}: [program] row {i}"
    out = [f"{where} lacks {f}" for f in PROGRAM_FIELDS if f not in row]
    if row.get("id") != Path(name).name:
        out.append(f"{where} id {row.get('id')!r} does not match the file name")
    for field in ("name", "id_rule"):
        if field in row and not _bilingual(row[field]):
            out.append(f"{where} {field} needs both en and es text")
    if not set(row.get("jurisdictions", [])) <= JURISDICTIONS:
        out.append(f"{where} has an unknown jurisdiction")
    if row.get("status") not in (None, "open", "closed"):
        out.append(f"{where} status must be open or closed")
    if "kind" in row and row["kind"] not in KINDS:
        out.append(f"{where} kind {row['kind']!r} is not one of {sorted(KINDS)}")
    for part in [row, *row.get("tiers", [])]:
        kind = part.get("repayment")
        if kind is not None and kind not in REPAYMENTS:
            out.append(f"{where} repayment {kind!r} is not one of {sorted(REPAYMENTS)}")
        for field in REPAYMENT_FIELDS.get(kind, ()):
            if field not in part:
                out.append(f"{where} repayment {kind} needs {field}")
    if "repayment" not in row and "tiers" not in row:
        out.append(f"{where} lacks repayment")
    for other in row.get("combines_with", []):
        if other not in program_ids:
            out.append(f"{where} combines_with names an unknown program {other!r}")
    return out


def _limits_problems(name: str, i: int, row: dict) -> list[str]:
    where = f"{name}: [limits] row {i}"
    out = []
    if row.get("jurisdiction") not in JURISDICTIONS:
        out.append(f"{where} needs a known jurisdiction")
    table = row.get("income_limits")
    if table is not None:
        if len(table) != 8 or any(not isinstance(x, (int, float)) or x <= 0 for x in table):
            out.append(f"{where} income_limits needs 8 positive figures (household sizes 1 to 8)")
        elif list(table) != sorted(table):
            out.append(f"{where} income_limits must not fall as the household grows")
    return out


def assistance_problems(name: str, data: dict, program_ids: set[str]) -> list[str]:
    """Schema problems of one DPA program file (beyond the row fields every rule file needs)."""
    out = []
    if not data.get("program"):
        return [f"{name}: needs a [[program]] table"]
    for i, row in enumerate(data["program"], 1):
        out += _program_problems(name, i, row, program_ids)
    for i, row in enumerate(data.get("limits", []), 1):
        out += _limits_problems(name, i, row)
    return out


def check(root: Path = RULES_DIR) -> list[str]:
    """Every problem in every rule file under `root`, as sentences (empty when all is well)."""
    problems = []
    names = sorted(str(p.relative_to(root).with_suffix("")) for p in root.rglob("*.toml"))
    program_ids = {Path(n).name for n in names if n.startswith("assistance/")}
    for name in names:
        try:
            data = load_file(root / f"{name}.toml", name)
        except InputError as err:
            problems.append(err.detail or str(err))
            continue
        if name.startswith("assistance/"):
            problems += assistance_problems(name, data, program_ids)
    return problems


def coverage_main(args: list[str]) -> int:
    from calculators.rules import as_date
    from calculators.rules.coverage import HORIZON_DAYS, coverage, report_lines

    parser = argparse.ArgumentParser(prog="python -m calculators.rules coverage")
    parser.add_argument("--on", default=None, help="the date to check (YYYY-MM-DD; default today)")
    parser.add_argument("--days", type=int, default=HORIZON_DAYS, help="how far ahead 'ends soon' looks")
    opts = parser.parse_args(args)
    try:
        day = as_date(opts.on) if opts.on else None
    except InputError:
        parser.error(f"--on must be a date like 2027-01-01, not {opts.on!r}")
    result = coverage(day, opts.days)
    print("\n".join(report_lines(result)))
    return 1 if result.missing else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["coverage"]:
        return coverage_main(args[1:])
    if args[:1] != ["check"]:
        print("usage: python -m calculators.rules check | coverage [--on DATE] [--days N]", file=sys.stderr)
        return 2
    problems = check()
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in the rule files", file=sys.stderr)
        return 1
    print(f"{len(all_rule_files())} rule files OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
