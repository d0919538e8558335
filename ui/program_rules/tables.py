"""The program rules page's tables: every rule row with its dates, source and an 'over 12 months old' flag."""

from __future__ import annotations

import pandas as pd

from calculators.rules import is_stale, load
from calculators.rules.overlay import AGENCY_MARK
from ui.program_rules.labels import field_name
from ui.text import _, date, lang

CITATION = ("effective_from", "effective_to", "source_url", "verified_on")


def _figures(row: dict) -> str:
    """The row's own values in one readable cell, each named for people (bilingual text in the page's language)."""
    parts = []
    for key, value in row.items():
        if key in CITATION or key == AGENCY_MARK:
            continue
        if isinstance(value, dict) and set(value) == {"en", "es"}:
            value = value[lang()]
        parts.append(f"{field_name(key)} = {value}")
    return "; ".join(parts)


def table_frame(rows: list[dict]) -> pd.DataFrame:
    """One table's rows as a frame a lead can read and sort."""
    return pd.DataFrame(
        {
            _("From"): [date(r["effective_from"]) for r in rows],
            _("Until"): [date(r["effective_to"]) if r.get("effective_to") else "" for r in rows],
            _("Checked on"): [date(r["verified_on"]) for r in rows],
            _("Verify: over 12 months old"): ["⚠" if is_stale(r) else "" for r in rows],
            _("Source"): [r["source_url"] for r in rows],
            _("Figures"): [_figures(r) for r in rows],
            _("Set by"): [_("your agency") if r.get(AGENCY_MARK) else _("Camino") for r in rows],
        }
    )


def file_tables(name: str) -> dict[str, list[dict]]:
    """The rule tables of one file (the optional [meta] table is not a rule)."""
    return {table: rows for table, rows in load(name).items() if table != "meta" and isinstance(rows, list)}


def stale_count(name: str) -> int:
    return sum(is_stale(r) for rows in file_tables(name).values() for r in rows)
