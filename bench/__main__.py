"""`python -m bench [--json] [--households N] [--only NAME ...]`: measure and print the figures."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import traceback

# Each entry: module in bench/ and the function returning {figure name: figure dict}.
SUITES = [
    ("bench.calculators", "figures"),
    ("bench.reruns", "figures"),
    ("bench.reports", "figures"),
    ("bench.dashboards", "figures"),
    ("bench.server", "cold_start_and_sessions"),
]


def run(args) -> dict:
    figures: dict[str, dict] = {}
    errors: dict[str, str] = {}
    for module_name, func_name in SUITES:
        short = module_name.split(".")[-1]
        if args.only and short not in args.only:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            errors[short] = f"not available: {err}"
            continue
        func = getattr(module, func_name)
        try:
            kwargs = {"households": args.households} if short == "dashboards" else {}
            figures.update(func(**kwargs))
        except Exception as err:  # a failing suite must not hide the others' figures
            errors[short] = f"{type(err).__name__}: {err}"
            if args.verbose:
                traceback.print_exc()
    return {"figures": figures, "errors": errors}


def table(result: dict) -> str:
    lines = [f"{'figure':28} {'value':>12} {'unit':5} {'baseline':>12} {'ratio':>8}  baseline is"]
    for name, f in result["figures"].items():
        base = "" if f["baseline"] is None else f"{f['baseline']:.3f}"
        ratio = "" if f["ratio"] is None else f"{f['ratio']:.2f}x"
        lines.append(
            f"{name:28} {f['value']:>12.3f} {f['unit']:5} {base:>12} {ratio:>8}  {f.get('baseline_label', '')}"
        )
    for name, err in result["errors"].items():
        lines.append(f"{name}: {err}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--json", action="store_true", help="print {'figures': {...}} as JSON")
    parser.add_argument("--households", type=int, default=50_000, help="generated caseload for dashboards")
    parser.add_argument(
        "--only", nargs="*", help="suites to run: calculators reruns reports dashboards server"
    )
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    result = run(args)
    if args.json:
        print(
            json.dumps(
                {
                    "figures": {
                        k: {key: v[key] for key in ("value", "unit", "baseline", "ratio")}
                        for k, v in result["figures"].items()
                    },
                    "errors": result["errors"],
                },
                indent=2,
            )
        )
    else:
        print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
