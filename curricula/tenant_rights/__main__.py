"""`python -m curricula.tenant_rights lint [--as-of YYYY-MM-DD]`: print content problems and warnings."""

from __future__ import annotations

import sys

from curricula.tenant_rights import all_items, lint


def main(argv: list[str]) -> int:
    """Print every problem and warning; exit 1 when there is a problem (warnings never fail)."""
    if not argv or argv[0] != "lint":
        print("usage: python -m curricula.tenant_rights lint [--as-of YYYY-MM-DD]")
        return 2
    as_of = argv[argv.index("--as-of") + 1] if "--as-of" in argv else None
    report = lint(as_of=as_of)
    for warning in report.warnings:
        print(f"warning: {warning}")
    for problem in report.problems:
        print(f"PROBLEM: {problem}")
    print(f"{len(all_items())} items, {len(report.problems)} problems, {len(report.warnings)} warnings")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
