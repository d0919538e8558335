"""Starting values of each calculator: the open file, its latest saved scenario, and what this visit typed.

A calculator's widgets are filled when the page is arrived at (its widgets are not in the session yet):
first from the household context (intake, the newest budget or affordability), then the widgets of the
latest saved scenario of that calculator, then the amounts typed in another calculator during this visit
(debts, income, savings, price) — which also works for a logged-out visitor. Values live in the session
only and never go into the URL (a widget bound to the URL writes only what a person types there);
a link's own values win over the file's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from db.household_context import DEBT_KINDS, VISIT, HouseholdContext, Sourced
from db.local_time import local_date
from ui.session_flow.visit import ARRIVED_KEY

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
        Slot("current_rent", "rent"),  # "Rent or buy?": the rent of the family's budget
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
    "tenant_checklist": (Slot("jurisdiction", "tr_place", _code(PLACES)), Slot("current_rent", "tr_rent")),
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


# The widgets each amount a calculator hands on is read from: an amount goes on only when one of them
# holds the family's value (filled from the file or this visit, or typed here), never a page's example.
FACT_WIDGETS = {
    "affordability": {
        "monthly_income": ("income",),
        "debts": DEBT_KINDS,
        "savings": ("cash",),
        "price": ("price",),
    },
    "assistance": {
        "annual_income": ("dpa_income",),
        "household_size": ("dpa_size",),
        "savings": ("dpa_assets",),
        "debts": ("dpa_debts",),
        "price": ("dpa_price",),
    },
    "budget": {"savings": ("savings",), "credit_score": ("credit_score",)},
}


PAGE_FACTS = {  # a household fact a calculator can update -> the amount of FACT_WIDGETS it is read from
    "annual_income": ("monthly_income", "annual_income"),
    "household_size": ("household_size",),
    "monthly_debts": ("debts",),
    "savings": ("savings",),
}


def family_facts(kind: str, widgets: dict, page_facts: dict, theirs: dict | None = None) -> dict:
    """The facts a save may offer to write on the household's record: only those on screen that are the
    family's (from the file or this visit, or typed here), never an example the counselor did not touch."""
    touched(kind, widgets)
    table = FACT_WIDGETS.get(kind, {})
    out = {}
    for key, value in page_facts.items():
        names = [name for name in PAGE_FACTS.get(key, ()) if name in table or name in (theirs or {})]
        if any(
            (theirs or {}).get(name) or (name in table and _theirs(kind, widgets, table[name]))
            for name in names
        ):
            out[key] = value
    return out


def _theirs(kind: str, widgets: dict, keys) -> bool:
    seeded = st.session_state.get(SEEDED_KEY.format(kind=kind)) or {}
    first = st.session_state.get(BASELINE_KEY.format(kind=kind)) or {}
    return any(key in seeded or (key in widgets and widgets[key] != first.get(key)) for key in keys)


def _origin(kind: str, widgets: dict, keys) -> tuple[str, object] | None:
    """(source, date) of an amount whose widgets still hold what the file or the visit gave them."""
    seeded = st.session_state.get(SEEDED_KEY.format(kind=kind)) or {}
    first = st.session_state.get(BASELINE_KEY.format(kind=kind)) or {}
    given = [seeded[key] for key in keys if key in seeded]
    unchanged = all(
        widgets.get(key) == (seeded[key].value if key in seeded else first.get(key)) for key in keys
    )
    return (given[0].source, given[0].on) if given and unchanged else None


def remember(kind: str, widgets: dict, theirs: dict | None = None, **values) -> None:
    """Amounts of this calculator for the next one in the visit (session only).

    Only the family's: each amount goes on when a widget it comes from was filled from the file or
    typed here (FACT_WIDGETS); `theirs` says so for an amount read from elsewhere (the budget's tables).
    A page still showing its examples hands nothing on.
    """
    touched(kind, widgets)  # the first drawing after arriving is what "typed here" is measured against
    kept = carried()
    typed = (f"{VISIT}:{kind}", None)
    given = {}
    for name, value in values.items():
        if value is None or (isinstance(value, (int, float)) and value < 0):
            continue
        keys = FACT_WIDGETS.get(kind, {}).get(name)
        if (theirs or {}).get(name) or (keys is not None and _theirs(kind, widgets, keys)):
            # Passed on untouched, a value keeps saying where it came from ("from intake, …").
            given[name] = (keys and _origin(kind, widgets, keys)) or typed
            kept[name] = Sourced(value, *given[name])
    # An income typed a month is also a year's, and the reverse; one passed on untouched is not worked out
    # again (the file's own figure stays: $62,000 a year, not 12 x $5,166.67).
    if given.get("monthly_income") == typed and "annual_income" not in given:
        kept["annual_income"] = Sourced(round(values["monthly_income"] * 12, 2), *typed)
    if given.get("annual_income") == typed and "monthly_income" not in given:
        kept["monthly_income"] = Sourced(values["annual_income"] / 12, *typed)
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
        day = local_date(created) if isinstance(created, dt.datetime) else created
        for key, value in scenario.widgets.items():
            out[key] = Sourced(value, kind, day)
    _fill(out, kind, carried())
    return out


def arrived(kind: str) -> bool:
    """True on the first run of the page in a visit to it (another page ran last, or its first widget is not
    in the session yet)."""
    noted = bool(
        st.session_state.pop(ARRIVED_KEY, False)
    )  # read once: a later run of this page is no arrival
    return noted or PAGES[kind][0].key not in st.session_state


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
