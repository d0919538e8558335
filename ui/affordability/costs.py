"""The affordability page's cost panel: taxes, insurance, closing costs, HOA, credits and the DTI limits.

Each default is shown with its source and can be overridden; the values live in the URL even while the
panel is closed (amounts only).
"""

from __future__ import annotations

import streamlit as st

from calculators import InputError
from calculators.affordability.inputs import defaults
from ui.affordability.figures import rate
from ui.errors import FieldErrors
from ui.text import N_, _, date, money, percent
from ui.url_inputs import coded_choice, labels

LIMIT_CHOICES = {"guideline": N_("Counseling guideline"), "maximum": N_("Program maximum")}
COSTS_LABEL = N_("Taxes, insurance and other costs (defaults and their sources)")


# Overridable defaults: widget key, scenario field, label, kind (percent / money), step
OVERRIDES = [
    ("tax", "property_tax_rate", N_("Property tax rate (% of price a year)"), "percent", 0.01),
    (
        "homestead",
        "homestead_deduction",
        N_("Homestead deduction (taken off the price before tax)"),
        "money",
        1000.0,
    ),
    ("ins", "annual_insurance", N_("Homeowners insurance (a year)"), "money", 100.0),
    ("closing", "closing_cost_rate", N_("Closing costs (% of price)"), "percent", 0.25),
    ("min_down", "min_down_rate", N_("Minimum down payment (% of price)"), "percent", 0.5),
]


def missing_figures(table: dict) -> list[str]:
    """Overridable figures the rules have no value for today and nobody has typed: the answer needs them."""
    return [
        field
        for key, field, *_rest in OVERRIDES
        if field != "homestead_deduction"  # no deduction on file counts as none
        and field in table
        and table[field].get("value") is None
        and _kept_number(key) in (None, "")
    ]


def _shown(value, kind: str) -> str:
    return rate(value) if kind == "percent" else money(value, cents=False)


def source_caption(entry: dict) -> None:
    """'Default: X · source · checked on <date>', or a request to enter the figure when none is on file."""
    if entry["value"] is None:
        st.caption(
            _("No figure on file for this. Please enter it (verify with the county, lender or program).")
        )
        return
    parts = []
    if entry.get("source_url"):
        parts.append(_("[Source]({url})").format(url=entry["source_url"]))
    if entry.get("verified_on"):
        parts.append(_("checked on {date}").format(date=date(entry["verified_on"])))
    if entry.get("stale"):
        parts.append(_("over a year old: verify"))
    st.caption(" · ".join(parts))


PMI_LABEL = N_("Mortgage insurance rate (% of the loan a year)")
# The cost panel's amounts (0 unless entered): widget key, scenario field, label, step
AMOUNTS = [
    ("hoa", "monthly_hoa", N_("Condo or HOA dues (monthly)"), 10.0),
    ("seller", "seller_credit", N_("Seller credit toward closing"), 500.0),
    ("dpa", "assistance", N_("Down-payment assistance (DPA) toward closing"), 1000.0),
]


def _kept_number(key: str):
    """A cost input's value: the one on screen (or just left), else the one in the link."""
    if key in st.session_state:
        return st.session_state[key]
    raw = st.query_params.get(key)
    try:
        return float(raw) if raw not in (None, "") else None
    except ValueError:
        return None


def _kept_choice(key: str, options, default):
    """A coded choice's value in a run where it is not drawn (its code stays in the URL)."""
    value = st.session_state.get(key, st.query_params.get(key, default))
    return value if value in options else default


def _costs_changed() -> bool:
    keys = [key for key, *_ in OVERRIDES] + [key for key, *_ in AMOUNTS] + ["pmi"]
    if _kept_choice("limits", LIMIT_CHOICES, "guideline") != "guideline":
        return True
    return any(_kept_number(key) not in (None, 0, 0.0) for key in keys)


def _chosen_limits(which: str, table: dict) -> dict:
    """The program maximums when chosen (the calculator applies the guideline by default)."""
    if which != "maximum":
        return {}
    front_max = table.get("front_max", {}).get("value")
    back_max = table.get("back_max", {}).get("value")
    back = table.get("back_limit", {}).get("value")
    # A program with no front-end maximum gets none (100%); no back-end maximum keeps the guideline.
    return {
        "front_limit": front_max if front_max is not None else 1.0,
        "back_limit": back_max if back_max is not None else (back if back is not None else 1.0),
    }


def _costs(scenario: dict, table: dict, number, limits) -> dict:
    """The panel's fields as scenario values, from `number(key, field, label, step, entry, kind)` and `limits()`."""
    found = {}
    for key, field, label, kind, step in OVERRIDES:
        entry = table.get(field, {"value": None})
        value = number(key, field, label, step, entry, kind)
        if value is not None:
            found[field] = value / 100.0 if kind == "percent" else value
        elif field == "homestead_deduction" and entry["value"] is not None:
            found[field] = float(entry["value"])
    for key, field, label, step in AMOUNTS:
        found[field] = number(key, field, label, step, None, "money") or 0.0
    if scenario["loan_type"] == "conventional":
        pmi = number("pmi", "pmi_rate", PMI_LABEL, 0.05, None, "percent")
        if pmi is not None:
            found["pmi_rate"] = pmi / 100.0
    found.update(_chosen_limits(limits(), table))
    return found


def _url_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _kept(key, *_ignored):
    """`number` for _costs while the panel is closed: nothing drawn, the values kept in the link used."""
    return _kept_number(key)


def linked_number(label: str, key: str, value, errors: FieldErrors, field: str, **kwargs):
    """A number input for a panel that is not always drawn: its value lives in the URL, written by hand.

    Streamlit's bind="query-params" drops a parameter from the URL as soon as its input is not drawn, which
    would lose a changed cost from the shared link whenever the panel is closed. Here the URL is read to
    seed the input and written back when the value differs from the default.
    """
    if key not in st.session_state:
        seeded = _kept_number(key)
        st.session_state[key] = value if seeded is None else seeded
    result = st.number_input(label, key=key, **kwargs)
    if result is None or result == value:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != _url_number(result):
        st.query_params[key] = _url_number(result)
    errors.slot(field)
    return result


def _drawn(errors: FieldErrors):
    """`number` for _costs that draws each input, with its default and source under overridable ones."""

    def number(key, field, label, step, entry, kind):
        if entry is None:  # amounts start at 0; the insurance rate starts empty (from the table)
            empty = field == "pmi_rate"
            hint = _("From the table by down payment and credit") if empty else None
            return linked_number(
                _(label), key, None if empty else 0.0, errors, field, step=step, placeholder=hint
            )
        default = entry["value"]
        placeholder = (
            _("Default: {value}").format(value=_shown(default, kind))
            if default is not None
            else _("Enter a value")
        )
        value = linked_number(_(label), key, None, errors, field, step=step, placeholder=placeholder)
        source_caption(entry)
        return value

    return number


def cost_inputs(errors: FieldErrors, scenario: dict) -> dict:
    """Taxes, insurance, closing costs, HOA, credits and limits: each default shown with its source, each overridable.

    The panel's dozen inputs are only built while it is open (it opens by itself when a link or an earlier
    change set one of them), which keeps every other change on the page quick.
    """
    try:
        table = defaults(scenario["loan_type"], scenario["jurisdiction"], scenario.get("credit_score"))
    except InputError:
        table = {}
    label = _(COSTS_LABEL)
    # Opens by itself when a figure was changed, or when one is missing, so its box is there to fill in.
    expanded = _costs_changed() or bool(missing_figures(table))
    with st.expander(label, expanded=expanded, key="aff_costs", on_change="rerun") as panel:
        if not panel.open:
            found = _costs(scenario, table, _kept, lambda: _kept_choice("limits", LIMIT_CHOICES, "guideline"))
        else:
            st.caption(_("Leave a box empty to use the default shown in it."))
            found = _costs(scenario, table, _drawn(errors), lambda: _limit_choice(table))
    return {k: v for k, v in found.items() if v is not None}


def _limit_choice(table: dict) -> str:
    """Guideline or program maximum, with both sets of limits spelled out under the choice."""
    limit_labels = labels(LIMIT_CHOICES)
    which = coded_choice(
        st.segmented_control,
        _("Debt-to-income limits to use"),
        list(LIMIT_CHOICES),
        "limits",
        "guideline",
        format_func=limit_labels.get,
        required=True,
    )
    front = table.get("front_limit", {}).get("value")
    back = table.get("back_limit", {}).get("value")
    front_max = table.get("front_max", {}).get("value")
    back_max = table.get("back_max", {}).get("value")
    st.caption(
        _(
            "Counseling guideline: {front} housing / {back} total. Program maximum: {front_max} / {back_max}."
        ).format(
            front=percent(front) if front else _("none"),
            back=percent(back) if back else _("none"),
            front_max=percent(front_max) if front_max else _("none"),
            back_max=percent(back_max) if back_max else _("set by the lender"),
        )
    )
    return which
