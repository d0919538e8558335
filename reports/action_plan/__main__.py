"""python -m reports.action_plan: print a household's action plan, or a fictional one, as PDF.

    python -m reports.action_plan --household 12 --lang es --out plan.pdf
    python -m reports.action_plan --demo --out demo.pdf      # a fictional household on a temporary database
"""

from __future__ import annotations

import argparse
import sys

from calculators import clock
from reports.action_plan.build import build_pdf

LANGS = ("es", "en", "both")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print a household's action plan as PDF.")
    parser.add_argument("--household", type=int, help="household id")
    parser.add_argument(
        "--lang", choices=LANGS, default=None, help="es, en or both (default: the household's)"
    )
    parser.add_argument("--large-print", action="store_true")
    parser.add_argument("--out", required=True, help="PDF file to write")
    parser.add_argument(
        "--demo", action="store_true", help="render a fictional household on a temporary database"
    )
    parser.add_argument("--user", default="", help="username printing the plan (default: an administrator)")
    args = parser.parse_args(argv)
    if not args.demo and args.household is None:
        parser.error("give --household ID or --demo")

    from reports.action_plan.demo import demo_plan, plan_from_database

    if args.demo:
        plan = demo_plan()
    else:
        try:
            plan = plan_from_database(args.household, args.user)
        except LookupError as err:
            print(str(err), file=sys.stderr)
            return 2
    data = build_pdf(plan, args.lang, args.large_print)
    with open(args.out, "wb") as f:
        f.write(data)
    print(f"wrote {args.out} ({len(data)} bytes) on {clock.today().isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
