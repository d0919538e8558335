"""The affordability page's inputs: widgets bound to the URL (amounts only, nothing identifying) -> scenario dicts."""

from __future__ import annotations

import streamlit as st

from calculators import InputError
from calculators.affordability.inputs import defaults
from calculators.pay import FREQUENCIES, monthly_income
from ui.errors import FieldErrors
from ui.labels import JURISDICTION_LABELS
from ui.text import N_, _, date, money, percent

LOAN_LABELS = {
    "conventional": N_("Conventional (HomeReady, Home Possible)"),
    "fha": N_("FHA"),
    "va": N_("VA (veterans)"),
    "usda": N_("USDA (rural areas)"),
    "itin": N_("ITIN loan (portfolio lender)"),
}
ID_LABELS = {"ssn": N_("Social Security number"), "itin": N_("ITIN")}
RESIDENCY_LABELS = {
    "citizen": N_("U.S. citizen"),
    "permanent_resident": N_("Permanent resident (green card)"),
    "non_permanent_resident": N_("Other lawful status (work permit, TPS, visa)"),
}
FREQUENCY_LABELS = {
    "hourly": N_("By the hour"),
    "weekly": N_("Every week"),
    "biweekly": N_("Every two weeks"),
    "semimonthly": N_("Twice a month"),
    "monthly": N_("Every month"),
    "yearly": N_("Per year"),
}
# Debts the household lists one by one, so the page can say what paying each off would do.
DEBTS = {
    "car": N_("the car loan"),
    "cards": N_("the credit cards"),
    "student": N_("the student loans"),
    "other_debt": N_("the other debts"),
}
DEBT_LABELS = {
    "car": N_("Car loan payment (monthly)"),
    "cards": N_("Credit card minimum payments (monthly)"),
    "student": N_("Student loan payment (monthly)"),
    "other_debt": N_("Other debt payments (monthly)"),
}
LIMIT_CHOICES = {"guideline": N_("Counseling guideline"), "maximum": N_("Program maximum")}


def labels(table: dict) -> dict:
    """Translated labels, looked up once per run (format_func must not depend on the session)."""
    return {code: _(text) for code, text in table.items()}


def coded_choice(widget, label: str, options: list, key: str, default, **kwargs):
    """A choice widget whose *code* (not its translated label) lives in the URL under `key`.

    Streamlit's bind="query-params" writes the shown label, which changes with the language, so a link
    made in Spanish would not open in English. Here the URL is read once to seed the widget and the
    code is written back; the default is left out to keep links short.
    """
    if key not in st.session_state:
        wanted = st.query_params.get(key)
        matches = [o for o in options if str(o) == wanted]
        st.session_state[key] = matches[0] if matches else default
    elif st.session_state[key] not in options:
        st.session_state[key] = default
    value = widget(label, options, key=key, **kwargs)
    if value == default or value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != str(value):
        st.query_params[key] = str(value)
    return value


def bound_number(label: str, key: str, value, errors: FieldErrors, field: str, **kwargs):
    """A number input whose value lives in the URL under `key`; its error slot sits right under it.

    No min/max on the widget: a bad value must reach the calculator and come back as a message here.
    """
    result = st.number_input(label, value=value, key=key, bind="query-params", **kwargs)
    errors.slot(field)
    return result


def _use_pay(amount_key: str, frequency_key: str, hours_key: str) -> None:
    """Copy the pay helper's result into the income field (a callback, before the field is drawn)."""
    try:
        st.session_state["income"] = round(
            monthly_income(
                st.session_state.get(amount_key) or 0.0,
                st.session_state.get(frequency_key, "monthly"),
                st.session_state.get(hours_key) or 0.0,
            ),
            2,
        )
    except InputError:
        st.session_state["pay_helper_error"] = True


def pay_helper() -> None:
    """Hourly, weekly or biweekly pay -> monthly income, for families paid by the hour or in cash."""
    # Lazy: the helper's widgets are only built while it is open, to keep every rerun light.
    with st.expander(_("Help: turn pay into monthly income"), key="pay_helper", on_change="rerun") as helper:
        if not helper.open:
            return
        st.caption(_("Enter one person's pay before taxes. Add each earner's monthly amount together."))
        amount = st.number_input(_("Pay amount"), value=0.0, step=1.0, key="pay_amount")
        frequency_labels = labels(FREQUENCY_LABELS)
        frequency = st.selectbox(
            _("How often"),
            list(FREQUENCIES),
            format_func=frequency_labels.get,
            key="pay_frequency",
            index=0,
            placeholder=_("Choose an option"),
        )
        if frequency == "hourly":
            st.number_input(_("Hours worked in a usual week"), value=40.0, step=1.0, key="pay_hours")
        if st.session_state.pop("pay_helper_error", False):
            st.error(_("Please check the pay and hours: they cannot be negative."))
        try:
            preview = monthly_income(amount or 0.0, frequency, st.session_state.get("pay_hours") or 40.0)
        except InputError:
            preview = None
        if preview is not None:
            st.caption(_("That is about {amount} a month.").format(amount=money(preview)))
        st.button(
            _("Use this as monthly income"),
            key="pay_use",
            on_click=_use_pay,
            args=("pay_amount", "pay_frequency", "pay_hours"),
        )


def household(errors: FieldErrors) -> dict:
    """Loan, income, debts, credit and eligibility facts shared by every mode."""
    loan_labels = labels(LOAN_LABELS)
    loan_type = coded_choice(
        st.selectbox,
        _("Type of loan"),
        list(LOAN_LABELS),
        "loan",
        "conventional",
        format_func=loan_labels.get,
    )
    errors.slot("loan_type")
    rate = bound_number(
        _("Interest rate (% a year)"), "rate", 6.5, errors, "annual_rate", step=0.125, format="%.3f"
    )
    term = bound_number(_("Loan term (years)"), "term", 30, errors, "term_years", step=5)
    income = bound_number(
        _("Household income before taxes (monthly)"),
        "income",
        6000.0,
        errors,
        "gross_monthly_income",
        step=100.0,
    )
    pay_helper()
    debt_labels = labels(DEBT_LABELS)
    debts = {}
    with st.expander(_("Monthly debt payments"), expanded=True):
        for key in DEBTS:
            debts[key] = bound_number(debt_labels[key], key, 0.0, errors, f"debt_{key}", step=10.0)
        errors.slot("monthly_debts")
    credit = bound_number(
        _("Credit score (0 if not known)"),
        "credit",
        0,
        errors,
        "credit_score",
        step=10,
        help=_("Write 0 if the family does not know it yet. Lenders usually need 620 or more."),
    )
    area_labels = labels(JURISDICTION_LABELS)
    area = coded_choice(
        st.selectbox,
        _("Where is the home?"),
        list(JURISDICTION_LABELS),
        "area",
        "dc",
        format_func=area_labels.get,
    )
    errors.slot("jurisdiction")
    # Kind of ID and immigration status are sensitive: kept on screen only, never put in the link.
    id_labels, residency_labels = labels(ID_LABELS), labels(RESIDENCY_LABELS)
    id_type = st.selectbox(
        _("Tax ID of the borrower"),
        list(ID_LABELS),
        format_func=id_labels.get,
        key="aff_id_type",
        placeholder=_("Choose an option"),
    )
    residency = st.selectbox(
        _("Immigration status of the borrower"),
        list(RESIDENCY_LABELS),
        format_func=residency_labels.get,
        key="aff_residency",
        placeholder=_("Choose an option"),
    )
    st.caption(_("ID type and status are not saved in the link."))
    scenario = {
        "loan_type": loan_type,
        "annual_rate": (rate or 0.0) / 100.0,
        "term_years": term,
        "gross_monthly_income": income or 0.0,
        "monthly_debts": sum(v or 0.0 for v in debts.values()),
        "jurisdiction": area,
        "id_type": id_type,
        "residency": residency,
    }
    if credit:
        scenario["credit_score"] = credit
    if loan_type == "va":
        scenario["veteran"] = st.checkbox(
            _("The borrower is a veteran or service member with VA eligibility"),
            key="vet",
            bind="query-params",
        )
        scenario["va_first_use"] = not st.checkbox(
            _("Has used a VA loan before"), key="va_used", bind="query-params"
        )
        scenario["va_exempt"] = st.checkbox(
            _("Exempt from the VA funding fee (for example, receives VA disability pay)"),
            key="va_exempt",
            bind="query-params",
        )
    return {"scenario": scenario, "debts": {k: v or 0.0 for k, v in debts.items()}}


def check_page_rules(scenario: dict, debts: dict) -> None:
    """Rules the page adds to the calculator's: a rate above 0%, and no negative debt payment."""
    for key, value in debts.items():
        if value < 0:
            raise InputError("negative_amount", f"debt_{key}")
    if scenario["annual_rate"] <= 0:
        raise InputError("rate_out_of_range", "annual_rate")


def cash_inputs(errors: FieldErrors, *, fixed_share: bool) -> dict:
    """Savings, what to keep back, and (for the highest price) an optional fixed down-payment share."""
    found = {
        "cash_available": bound_number(
            _("Savings for the purchase (down payment and closing)"),
            "cash",
            20000.0,
            errors,
            "cash_available",
            step=1000.0,
        ),
        "reserves": bound_number(
            _("Savings to keep back for emergencies"), "reserves", 0.0, errors, "reserves", step=500.0
        ),
    }
    if fixed_share:
        share = bound_number(
            _("Down payment as % of price (0 = put in all the savings)"),
            "dp_pct",
            0.0,
            errors,
            "down_payment_rate",
            step=0.5,
        )
        if share:
            found["down_payment_rate"] = share / 100.0
    return found


def home_inputs(errors: FieldErrors) -> dict:
    return {
        "price": bound_number(_("Home price"), "price", 350000.0, errors, "price", step=5000.0),
        "down_payment": bound_number(_("Down payment"), "down", 12250.0, errors, "down_payment", step=1000.0),
    }


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


def _shown(value, kind: str) -> str:
    return percent(value, 3) if kind == "percent" else money(value, cents=False)


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
    label = _("Taxes, insurance and other costs (defaults and their sources)")
    with st.expander(label, expanded=_costs_changed(), key="aff_costs", on_change="rerun") as panel:
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
