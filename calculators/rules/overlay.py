"""Agency rows: figures an agency sets itself, laid over the shipped rule tables from their own date.

The calculators stay pure: they never read the database. The UI reads the agency's rows and hands them
over as an `Overlay`; `use(overlay)` makes it the one `calculators.rules.load()` merges for the current
context (a Streamlit script run, a test). Outside `use()` the shipped tables are used as they are.

Merging: an agency row replaces the shipped rows of the same *series* (same identifying fields, e.g. the
same jurisdiction and group) for its own period [effective_from, effective_to); shipped rows before it
end on its first day, and shipped rows after its end start again there.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

# Fields that name which figure a row is (not the figure itself). Rows of a table with equal values for
# these fields form one series: one row in force at a time, each year a new row.
KEY_FIELDS = (
    "id",
    "program",
    "area",
    "jurisdiction",
    "jurisdictions",
    "group",
    "reason",
    "loan_type",
    "credit_min",
    "long_term",
    "large_loan",
    "ltv_over",
    "building",
    "step",
)
AGENCY_MARK = "set_by_agency"


def series_key(row: dict) -> tuple[tuple[str, str], ...]:
    """The identifying fields of a row, as a sortable tuple of (field, value text)."""
    out = []
    for name in KEY_FIELDS:
        if name in row:
            value = row[name]
            text = ",".join(sorted(map(str, value))) if isinstance(value, list) else str(value)
            out.append((name, text))
    return tuple(out)


def key_label(key: tuple[tuple[str, str], ...]) -> str:
    """'jurisdiction=dc group=standard' (empty for a table with a single series)."""
    return " ".join(f"{k}={v}" for k, v in key)


@dataclass(frozen=True)
class AgencyRow:
    """One row an agency saved: which rule file and table, the row's fields, and its database id."""

    file: str
    table: str
    row: dict
    row_id: int | None = None


@dataclass(frozen=True, eq=False)
class Overlay:
    """The agency rows in force for a deployment; merged tables are computed once per overlay."""

    rows: tuple[AgencyRow, ...] = ()
    _merged: dict = field(default_factory=dict, repr=False, compare=False)

    def files(self) -> set[str]:
        return {r.file for r in self.rows}

    def merged(self, name: str, shipped: dict) -> dict:
        if name not in self._merged:
            self._merged[name] = merge(shipped, [r for r in self.rows if r.file == name])
        return self._merged[name]


_ACTIVE: contextvars.ContextVar[Overlay | None] = contextvars.ContextVar("camino_rule_overlay", default=None)


def active() -> Overlay | None:
    return _ACTIVE.get()


def install(overlay: Overlay | None) -> None:
    """Make `overlay` the one in force for the rest of this context (a Streamlit script run)."""
    _ACTIVE.set(overlay)


@contextmanager
def use(overlay: Overlay | None) -> Iterator[Overlay | None]:
    """Use `overlay` inside the block, then restore what was in force before."""
    token = _ACTIVE.set(overlay)
    try:
        yield overlay
    finally:
        _ACTIVE.reset(token)


def _trim(row: dict, start: dt.date, end: dt.date | None) -> list[dict]:
    """What is left of a shipped row once the agency's period [start, end) is cut out of it."""
    r_start, r_end = row["effective_from"], row.get("effective_to")
    left = []
    if r_start < start:
        left.append({**row, "effective_to": min(r_end, start) if r_end else start})
    if end is not None and (r_end is None or r_end > end):
        left.append({**row, "effective_from": max(r_start, end)})
    overlaps = r_start < (end or dt.date.max) and (r_end is None or r_end > start)
    return left if overlaps else [row]


def merge(shipped: dict, agency: list[AgencyRow]) -> dict:
    """The shipped tables with agency rows laid over them (shipped data is never changed in place)."""
    out = {table: list(rows) if isinstance(rows, list) else rows for table, rows in shipped.items()}
    for item in sorted(agency, key=lambda a: a.row["effective_from"]):
        row = {**item.row, AGENCY_MARK: True}
        key = series_key(row)
        start, end = row["effective_from"], row.get("effective_to")
        kept = []
        for other in out.get(item.table, []):
            kept += _trim(other, start, end) if series_key(other) == key else [other]
        out[item.table] = [*kept, row]
    return out
