"""Checking a row an agency types in, field by field, against the kind of its rule table.

A table's kind is read from its shipped rows: each field's type (date, yes/no, whole number, number,
text, list of numbers, bilingual text), which fields every row has (required), the choices a naming
field takes (jurisdiction, group, program ...) and the length of fixed lists (8 household sizes).
`parse_row` turns the form's text into a row, or returns one error code per field; nothing is saved
until every field is right. `to_toml` writes rows in the shipped file format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import tomli_w

from calculators import clock
from calculators.rules import REQUIRED_FIELDS, shipped
from calculators.rules.overlay import AGENCY_MARK, KEY_FIELDS

DATES = ("effective_from", "effective_to", "verified_on")
SHARE_WORDS = ("rate", "ceiling", "plus", "front", "back", "share")


@dataclass(frozen=True)
class FieldKind:
    name: str
    kind: str  # date, bool, int, float, text, numbers, texts, bilingual
    required: bool
    choices: tuple[str, ...] = ()
    length: int | None = None
    share: bool = False  # a fraction from 0 to 1 (0.045 is 4.5%)


@dataclass(frozen=True)
class TableKind:
    file: str
    table: str
    fields: tuple[FieldKind, ...]
    template: dict = field(default_factory=dict)

    def get(self, name: str) -> FieldKind | None:
        return next((f for f in self.fields if f.name == name), None)


def _kind_of(value) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, list):
        return "numbers" if all(isinstance(v, (int, float)) for v in value) else "texts"
    if isinstance(value, dict):
        return "bilingual"
    return "text"


def table_kind(file: str, table: str) -> TableKind:
    """What a row of `file`.`table` holds, from the shipped rows (KeyError for an unknown table)."""
    rows = shipped(file)[table]
    names: list[str] = []
    for row in rows:
        names += [k for k in row if k not in names and k != AGENCY_MARK]
    out = []
    for name in names:
        values = [r[name] for r in rows if name in r]
        kinds = {_kind_of(v) for v in values}
        kind = "float" if kinds <= {"int", "float"} and "float" in kinds else kinds.pop()
        if name in DATES:
            kind = "date"
        required = name in REQUIRED_FIELDS or (name != "note" and all(name in r for r in rows))
        choices = tuple(sorted({str(v) for v in values})) if name in KEY_FIELDS and kind == "text" else ()
        lengths = {len(v) for v in values if isinstance(v, list)}
        length = lengths.pop() if kind == "numbers" and len(lengths) == 1 else None
        share = kind == "float" and any(w in name for w in SHARE_WORDS) and all(0 <= v <= 1 for v in values)
        out.append(FieldKind(name, kind, required and name != "effective_to", choices, length, share))
    template = max(rows, key=lambda r: r["effective_from"])
    return TableKind(file, table, tuple(out), template)


def shown(value) -> str:
    """A stored value as the form shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _number(text: str, whole: bool):
    try:
        value = float(text.replace(",", "").replace("$", "").strip())
    except ValueError:
        return None, "not_a_number"
    if value != value or value in (float("inf"), float("-inf")):
        return None, "not_a_number"
    if whole:
        if not value.is_integer():
            return None, "not_a_whole_number"
        return int(value), None
    return value, None


def _parse(kind: FieldKind, text: str, today: dt.date):
    """(value, error code) for one field's text."""
    if kind.kind == "date":
        try:
            value = dt.date.fromisoformat(text)
        except ValueError:
            return None, "not_a_date"
        if kind.name == "verified_on" and value > today:
            return None, "checked_in_the_future"
        return value, None
    if kind.kind == "bool":
        low = text.lower()
        if low in ("yes", "true", "sí", "si", "1"):
            return True, None
        if low in ("no", "false", "0"):
            return False, None
        return None, "not_yes_no"
    if kind.kind in ("int", "float"):
        value, err = _number(text, kind.kind == "int")
        if err:
            return None, err
        if value < 0 or (kind.share and value > 1):
            return None, "share_out_of_range" if kind.share else "negative_amount"
        return value, None
    if kind.kind == "numbers":
        parts = [p for p in text.replace(";", ",").split(",") if p.strip()]
        values = []
        for part in parts:
            value, err = _number(part, False)
            if err or value < 0:
                return None, "not_a_list_of_numbers"
            values.append(int(value) if value.is_integer() else value)
        if kind.length is not None and len(values) != kind.length:
            return None, "wrong_length"
        return values, None
    if kind.name == "source_url" and not text.startswith(("https://", "http://")):
        return None, "not_a_web_address"
    if kind.choices and text not in kind.choices:
        return None, "unknown_choice"
    return text, None


@dataclass
class Parsed:
    row: dict
    errors: dict[str, str]  # field -> error code

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_row(kind: TableKind, values: dict[str, str], today: dt.date | None = None) -> Parsed:
    """Check every field the form sent; fields the form cannot edit (bilingual text, lists of text) come
    from the table's latest shipped row."""
    today = today or clock.today()
    row: dict = {}
    errors: dict[str, str] = {}
    for name in values:
        if kind.get(name) is None:
            errors[name] = "unknown_field"
    for fk in kind.fields:
        if fk.kind in ("bilingual", "texts"):
            if fk.name in kind.template:
                row[fk.name] = kind.template[fk.name]
            continue
        text = str(values.get(fk.name, "") or "").strip()
        if not text:
            if fk.required:
                errors[fk.name] = "required"
            continue
        value, err = _parse(fk, text, today)
        if err:
            errors[fk.name] = err
        else:
            row[fk.name] = value
    start, end = row.get("effective_from"), row.get("effective_to")
    if start and end and end <= start:
        errors["effective_to"] = "ends_before_it_starts"
    return Parsed(row if not errors else {}, errors)


def to_toml(rows: list[tuple[str, dict]]) -> str:
    """Rows as TOML in the shipped format: `[[table]]` arrays, dates as TOML dates, no agency mark."""
    out = []
    for table, row in rows:
        clean = {k: v for k, v in row.items() if k != AGENCY_MARK}
        out.append(tomli_w.dumps({table: [clean]}))
    return "\n".join(out)
