"""Dated rule tables: every figure a law, program or agency sets, with its source and the day it was checked.

A rule file is TOML whose top-level keys are tables; each table is an array of rows, and every row
carries `effective_from`, `source_url` and `verified_on` (and optionally `effective_to`, exclusive).
`rule(file, table, as_of)` returns the row in force on a date.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from pathlib import Path

from calculators import InputError
from calculators.clock import today

RULES_DIR = Path(__file__).resolve().parent
REQUIRED_FIELDS = ("effective_from", "source_url", "verified_on")
STALE_AFTER_DAYS = 365


def as_date(value) -> dt.date:
    """Turn an ISO string, date or datetime into a date; InputError for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InputError("bad_date", detail=value) from None
    raise InputError("bad_date")


def validate_rows(name: str, data: dict) -> list[str]:
    """Problems with one parsed rule file, as readable sentences (empty when it is fine)."""
    problems = []
    for table, rows in data.items():
        if table == "meta":
            continue
        if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
            problems.append(f"{name}: [{table}] must be an array of tables ([[{table}]])")
            continue
        for i, row in enumerate(rows):
            for field in REQUIRED_FIELDS:
                if field not in row:
                    problems.append(f"{name}: [{table}] row {i + 1} lacks {field}")
            for field in ("effective_from", "effective_to", "verified_on"):
                if field in row and not isinstance(row[field], dt.date):
                    problems.append(f"{name}: [{table}] row {i + 1} {field} is not a TOML date")
            url = row.get("source_url", "")
            if "source_url" in row and not str(url).startswith("http"):
                problems.append(f"{name}: [{table}] row {i + 1} source_url is not a web address")
            start, end = row.get("effective_from"), row.get("effective_to")
            if isinstance(start, dt.date) and isinstance(end, dt.date) and end <= start:
                problems.append(f"{name}: [{table}] row {i + 1} ends before it starts")
    return problems


def load_file(path: Path, name: str | None = None) -> dict:
    """Parse and validate one rule file; a broken file raises InputError('invalid_rule_file')."""
    name = name or path.stem
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise InputError("invalid_rule_file", detail=f"{name}: {err}") from None
    problems = validate_rows(name, data)
    if problems:
        raise InputError("invalid_rule_file", detail="; ".join(problems))
    return data


@cache
def shipped(name: str) -> dict:
    """Parse and validate `calculators/rules/<name>.toml` (name may contain a folder, e.g. 'assistance/dc_hpap')."""
    path = RULES_DIR / f"{name}.toml"
    if not path.is_file():
        raise InputError("unknown_rule_file", detail=name)
    return load_file(path, name)


def load(name: str) -> dict:
    """The rule file as the calculators use it: the shipped tables with the agency's rows laid over them."""
    from calculators.rules.overlay import active

    data = shipped(name)
    overlay = active()
    if overlay is None or name not in overlay.files():
        return data
    return overlay.merged(name, data)


def rows_in_force(rows: list[dict], as_of=None) -> list[dict]:
    """The rows whose [effective_from, effective_to) window contains `as_of` (default today)."""
    day = as_date(as_of) if as_of is not None else today()
    return [
        r
        for r in rows
        if r["effective_from"] <= day and (r.get("effective_to") is None or day < r["effective_to"])
    ]


def rule(name: str, table: str, as_of=None, **match) -> dict:
    """The row of `table` in force on `as_of` whose keys equal `match`; the latest-starting one wins."""
    data = load(name)
    if table not in data:
        raise InputError("unknown_rule_table", detail=f"{name}.{table}")
    rows = [r for r in rows_in_force(data[table], as_of) if all(r.get(k) == v for k, v in match.items())]
    if not rows:
        raise InputError("no_rule_in_force", detail=f"{name}.{table} {match} {as_of}")
    return max(rows, key=lambda r: r["effective_from"])


def is_stale(row: dict, on=None) -> bool:
    """True when the row was last verified more than a year before `on` (default today)."""
    day = as_date(on) if on is not None else today()
    return (day - row["verified_on"]).days > STALE_AFTER_DAYS


def source_of(row: dict) -> dict:
    """The citation part of a row, for `assumptions` lists and the UI."""
    out = {
        "source_url": row["source_url"],
        "effective_from": row["effective_from"].isoformat(),
        "verified_on": row["verified_on"].isoformat(),
    }
    if row.get("effective_to"):
        out["effective_to"] = row["effective_to"].isoformat()
    if row.get("set_by_agency"):
        out["set_by_agency"] = True
    return out


def all_rule_files() -> list[str]:
    """Names of every rule file under calculators/rules, for the checker and the rules page."""
    return sorted(str(p.relative_to(RULES_DIR).with_suffix("")) for p in RULES_DIR.rglob("*.toml"))
