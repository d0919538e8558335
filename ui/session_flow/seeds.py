"""Starting values of each calculator: the open file, its latest saved scenario, and what this visit typed.

A calculator's widgets are filled when the page is arrived at (its widgets are not in the session yet):
first from the household context (intake, the newest budget or affordability), then the widgets of the
latest saved scenario of that calculator, then the amounts typed in another calculator during this visit
(debts, income, savings, price) — which also works for a logged-out visitor. Values live in the session
only and never go into the URL (a widget bound to the URL writes only what a person types there);
a link's own values win over the file's.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from db.household_context import DEBT_KINDS, VISIT, HouseholdContext, Sourced

CARRY_KEY = "sf_carry"  # fact -> Sourced(value, "visit", kind) typed during this visit
SEEDED_KEY = "sf_seeded_{kind}"  # widget key -> Sourced, what the page started from
BASELINE_KEY = "sf_baseline_{kind}"  # the widgets as first drawn after arriving (to tell a touched page)
RESIDENCY_FOR_CALCULATORS = {
    "citizen": "citizen",
    "permanent_resident": "permanent_resident",
    "non_permanent_resident": "non_permanent_resident",
    "undocumented": "non_permanent_resident",
}
PLACES = {
    "dc": "dc",
    "montgomery_md": "montgomery_md",
    "prince_georges_md": "prince_georges_md",
    "arlington_va": "virginia",
    "fairfax_va": "virginia",
    "alexandria_va": "virginia",
}


def _money(value) -> float:
    return round(float(value), 2)


def _whole(value) -> int:
    return int(round(float(value)))


def _code(table: dict):
    return lambda value: table.get(value)


def _id(value):
    return value if value in ("ssn", "itin") else None


def _total(value) -> float:
    return _money(sum(float(v or 0) for v in value.values())) if isinstance(value, dict) else _money(value)


@dataclass(frozen=True)
class Slot:
    """One widget a fact fills: the fact's name, the widget key, and the widget's type of value."""

    fact: str
    key: str
    convert: object = _money
    part: str | None = None  # for debts: one kind of debt


PAGES: dict[str, tuple[Slot, ...]] = {
    "affordability": (
        Slot("monthly_income", "income"),
        *(Slot("debts", kind, part=kind) for kind in DEBT_KINDS),
        Slot("credit_score", "credit", _whole),
        Slot("jurisdiction", "area", lambda v: v),
        Slot("id_type", "aff_id_type", _id),
        Slot("residency", "aff_residency", _code(RESIDENCY_FOR_CALCULATORS)),
        Slot("savings", "cash"),
        Slot("price", "price"),
    ),
    "assistance": (
        Slot("household_size", "dpa_size", _whole),
        Slot("jurisdiction", "dpa_area", lambda v: v),
        Slot("annual_income", "dpa_income"),
        Slot("savings", "dpa_assets"),
        Slot("first_time_buyer", "dpa_first", bool),
        Slot("id_type", "dpa_id", _id),
        Slot("residency", "dpa_status", _code(RESIDENCY_FOR_CALCULATORS)),
        Slot("credit_score", "dpa_credit", _whole),
        Slot("debts", "dpa_debts", _total),
        Slot("price", "dpa_price"),
    ),
    "budget": (Slot("savings", "savings"), Slot("credit_score", "credit_score", float)),
    "tenant_checklist": (Slot("jurisdiction", "tr_place", _code(PLACES)),),
}


def facts(ctx: HouseholdContext) -> dict[str, Sourced]:
    """The context's values by fact name, with the monthly income worked out from the yearly one."""
    found = dict(ctx.sources())
    if "annual_income" in found:
        yearly = found["annual_income"]
        found["monthly_income"] = Sourced(float(yearly.value) / 12, yearly.source, yearly.on)
    return found


def carried() -> dict[str, Sourced]:
    return dict(st.session_state.get(CARRY_KEY) or {})


def touched(kind: str, widgets: dict) -> bool:
    """True once a widget differs from how the page was first drawn after arriving (its examples or seeds)."""
    key = BASELINE_KEY.format(kind=kind)
    if key not in st.session_state:
        st.session_state[key] = dict(widgets)
    return widgets != st.session_state[key]


def remember(kind: str, widgets: dict, **values) -> None:
    """Amounts of this calculator for the next one in the visit (session only).

    Only once they are the family's: filled from the file or typed here; a page still showing its
    examples hands nothing on.
    """
    if not (st.session_state.get(SEEDED_KEY.format(kind=kind)) or touched(kind, widgets)):
        return
    kept = carried()
    source = f"{VISIT}:{kind}"
    for name, value in values.items():
        if value is not None and not (isinstance(value, (int, float)) and value < 0):
            kept[name] = Sourced(value, source)
    if values.get("monthly_income") is not None and values.get("annual_income") is None:
        kept["annual_income"] = Sourced(round(values["monthly_income"] * 12, 2), source)
    if values.get("annual_income") is not None and values.get("monthly_income") is None:
        kept["monthly_income"] = Sourced(values["annual_income"] / 12, source)
    st.session_state[CARRY_KEY] = kept


def forget() -> None:
    """Drop what this visit carried (switching between the file's values and blank ones starts over)."""
    st.session_state.pop(CARRY_KEY, None)


def _fill(out: dict, kind: str, layer: dict) -> None:
    for slot in PAGES[kind]:
        found = layer.get(slot.fact)
        if found is None:
            continue
        value = found.value
        if slot.part is not None:
            value = value.get(slot.part, 0.0) if isinstance(value, dict) else None
        value = None if value is None else slot.convert(value)
        if value is not None:
            out[slot.key] = Sourced(value, found.source, found.on)


def starting_values(kind: str, ctx: HouseholdContext) -> dict[str, Sourced]:
    """Widget key -> starting value (with its source): the file, then its latest scenario, then this visit."""
    out: dict[str, Sourced] = {}
    _fill(out, kind, facts(ctx))
    saved = ctx.latest.get(kind)
    if saved and saved[1] is not None:
        _id, scenario, created = saved
        day = created.date() if hasattr(created, "date") else created
        for key, value in scenario.widgets.items():
            out[key] = Sourced(value, kind, day)
    _fill(out, kind, carried())
    return out


def arrived(kind: str) -> bool:
    """True on the first run of the page in a visit to it (its first widget is not in the session yet)."""
    return PAGES[kind][0].key not in st.session_state


def apply(kind: str, ctx: HouseholdContext, *, blank: bool = False) -> dict[str, Sourced]:
    """Fill the page's widgets on arrival; returns what it started from (kept for the banner and the save)."""
    key = SEEDED_KEY.format(kind=kind)
    if not arrived(kind):
        return st.session_state.get(key, {})
    st.session_state.pop(BASELINE_KEY.format(kind=kind), None)
    values = starting_values(kind, ctx) if not blank else {}
    seeded = {}
    for widget, found in values.items():
        if widget in st.query_params:
            continue  # a link's amounts were chosen on purpose: they win
        st.session_state[widget] = found.value
        seeded[widget] = found
    st.session_state[key] = seeded
    return seeded
