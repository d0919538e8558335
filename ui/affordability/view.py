"""Show affordability results in plain words: the monthly breakdown, ratios, issues, limits and sources."""

from __future__ import annotations

import streamlit as st

from ui import staleness
from ui.affordability.costs import COSTS_LABEL
from ui.affordability.figures import day, rate
from ui.affordability.inputs import DEBTS, LOAN_LABELS
from ui.text import N_, _, date, money, number, percent

MODES = {
    "afford": N_("What can we afford?"),
    "home": N_("Can we afford this home?"),
    "compare": N_("Compare loans"),
    "rent": N_("Rent or buy?"),
    "target": N_("What would it take?"),
}
PART_LABELS = {
    "principal_interest": N_("Principal and interest"),
    "property_tax": N_("Property tax"),
    "insurance": N_("Homeowners insurance"),
    "mortgage_insurance": N_("Mortgage insurance"),
    "hoa": N_("Condo or HOA dues"),
}
# Plain-language explanations of each issue code from calculators.affordability.
ISSUE_TEXT = {
    "front_dti_over_limit": N_("The home payment is too high for the income: it passes the housing limit."),
    "back_dti_over_limit": N_(
        "The home payment plus other debts is too high for the income: it passes the total-debt limit."
    ),
    "down_payment_below_minimum": N_("The down payment is less than this loan requires."),
    "loan_over_limit": N_("The loan is larger than this program allows in this area."),
    "cash_short": N_(
        "The savings do not cover the down payment and closing costs (after what is kept back)."
    ),
    "credit_score_below_minimum": N_("The credit score is below this loan's minimum."),
    "ssn_required": N_("This loan needs a Social Security number. An ITIN is not enough."),
    "residency_ineligible": N_(
        "Since May 25, 2025, FHA loans are only for U.S. citizens and permanent residents (green card)."
    ),
    "va_eligibility_required": N_("VA loans are for veterans and service members with VA eligibility."),
    "usda_area_check": N_(
        "USDA loans are only for homes in rural areas. Most of DC and the close-in suburbs do not qualify: check the address on USDA's map."
    ),
    "credit_score_unknown": N_(
        "The credit score is not known yet. The minimum down payment can depend on it."
    ),
    "itin_lender_overlay": N_(
        "Fannie Mae accepts an ITIN with proof of lawful presence, but many lenders still ask for a Social Security number. Ask the lender."
    ),
    "loan_limit_unknown": N_(
        "We have no confirmed loan limit for this year and area. Verify it with the lender."
    ),
    "mortgage_insurance_unknown": N_(
        "We have no mortgage insurance rate for this down payment and credit score. Ask the lender for it and enter it below."
    ),
}
BINDING_TEXT = {
    "front_dti": N_(
        "What stops a higher price: the home payment would pass {limit} of the income. "
        "(Front-end DTI: the part of the income that goes to the home payment.)"
    ),
    "back_dti": N_(
        "What stops a higher price: the home payment plus other debts would pass {limit} of the income. "
        "(Back-end DTI: the part of the income that goes to all debts.)"
    ),
    "cash": N_(
        "What stops a higher price: the savings. They cover the down payment and closing costs only up to this price."
    ),
    "down_payment": N_(
        "What stops a higher price: the down payment chosen is less than this loan requires ({rate})."
    ),
    "loan_limit": N_(
        "What stops a higher price: the largest loan this program allows in this area ({amount})."
    ),
    "ineligible": N_("This loan is not available to this household. The reasons are below."),
}
LEVER_TEXT = {
    "pay_off_debt": N_("Paying off {name} ({amount} a month) raises the price by about {change}."),
    "more_cash": N_("Saving {amount} more raises the price by about {change}."),
    "more_income": N_("Earning {amount} more a month raises the price by about {change}."),
    "lower_rate": N_("An interest rate {amount} lower raises the price by about {change}."),
}
FIELD_LABELS = {
    "term_years": N_("Loan term (years)"),
    "monthly_debts": N_("Monthly debt payments"),
    "monthly_hoa": N_("Condo or HOA dues (monthly)"),
    "seller_credit": N_("Seller credit"),
    "assistance": N_("Down-payment assistance"),
    "jurisdiction": N_("Area"),
    "id_type": N_("Tax ID"),
    "residency": N_("Immigration status"),
    "as_of": N_("Rules as of"),
    "property_tax_rate": N_("Property tax rate"),
    "homestead_deduction": N_("Homestead deduction"),
    "annual_insurance": N_("Homeowners insurance (a year)"),
    "closing_cost_rate": N_("Closing costs"),
    "min_down_rate": N_("Minimum down payment"),
    "front_limit": N_("Housing limit (front-end DTI)"),
    "back_limit": N_("Total-debt limit (back-end DTI)"),
    "loan_limit": N_("Loan limit"),
    "fha_upfront_mip": N_("FHA upfront mortgage insurance (added to the loan)"),
    "fha_annual_mip": N_("FHA yearly mortgage insurance"),
    "va_funding_fee": N_("VA funding fee (added to the loan)"),
    "usda_fees": N_("USDA fees"),
    "pmi_rate": N_("Mortgage insurance rate"),
}
# Codes this page raises beyond ui.errors.MESSAGES.
EXTRA_ERRORS = {
    "needs_value": N_(
        "We have no figure on file for this. Please enter it (check with the county, lender or program)."
    ),
    "unknown_loan_type": N_("Please choose a type of loan."),
    "unknown_jurisdiction": N_("Please choose where the home is."),
    "not_a_boolean": N_("Please check this box or leave it empty."),
}
RATE_FIELDS = {
    "property_tax_rate",
    "closing_cost_rate",
    "min_down_rate",
    "front_limit",
    "back_limit",
    "fha_upfront_mip",
    "fha_annual_mip",
    "va_funding_fee",
    "pmi_rate",
}
MONEY_FIELDS = {
    "monthly_debts",
    "monthly_hoa",
    "seller_credit",
    "assistance",
    "homestead_deduction",
    "annual_insurance",
    "loan_limit",
}


def about(amount: float) -> str:
    """A rounded figure for 'about' sentences: to the $1,000 above $10,000, else to the $100."""
    step = 1000 if abs(amount) >= 10_000 else 100
    return money(round(amount / step) * step, cents=False)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table from our own labels and formatted figures (cheaper to send than a dataframe)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def breakdown(analysis: dict) -> None:
    """The monthly cost in its five parts and the total, as a small table."""
    monthly = analysis["monthly"]
    rows = [[_(label), money(monthly[part])] for part, label in PART_LABELS.items()]
    rows.append(["**" + _("Total a month") + "**", "**" + money(monthly["total"]) + "**"])
    st.markdown(markdown_table([_("Part"), _("Monthly")], rows))


def _limit_text(value) -> str:
    return percent(value) if value is not None else _("no limit set")


def ratios(analysis: dict) -> None:
    """Both debt-to-income ratios next to the limit in use and the program maximum."""
    limits = analysis["limits"]
    front, back = st.columns(2)
    front.metric(
        _("Housing ratio (front-end DTI)"),
        percent(analysis["front_dti"]),
        help=_("The part of the income that goes to the home payment."),
    )
    front.caption(
        _("Limit used: {limit} · program maximum: {maximum}").format(
            limit=_limit_text(limits["front"]), maximum=_limit_text(limits["front_max"])
        )
    )
    back.metric(
        _("Total-debt ratio (back-end DTI)"),
        percent(analysis["back_dti"]),
        help=_("The part of the income that goes to the home payment plus all other debts."),
    )
    back.caption(
        _("Limit used: {limit} · program maximum: {maximum}").format(
            limit=_limit_text(limits["back"]), maximum=_limit_text(limits["back_max"])
        )
    )


def cash(analysis: dict) -> None:
    left, middle, right = st.columns(3)
    left.metric(_("Down payment"), money(analysis["down_payment"], cents=False))
    middle.metric(_("Closing costs"), money(analysis["closing_costs"], cents=False))
    right.metric(_("Cash needed to close"), money(analysis["cash_to_close"], cents=False))
    if analysis["financed_fees"] > 0:
        st.caption(
            _("The loan is {loan}: {base} plus {fees} in program fees added to it.").format(
                loan=money(analysis["loan_amount"], cents=False),
                base=money(analysis["base_loan"], cents=False),
                fees=money(analysis["financed_fees"], cents=False),
            )
        )


def issues(analysis: dict) -> None:
    """Every blocker and warning, in plain words; a clear 'fits' message when there is none."""
    found = analysis["issues"]
    if analysis["eligible"]:
        st.success(_("This fits the limits used."), icon=":material/check_circle:")
    for issue in found:
        text = _(ISSUE_TEXT.get(issue["code"], N_("Please check this with the lender.")))
        if issue["severity"] == "blocker":
            st.error(text, icon=":material/block:")
        else:
            st.warning(text, icon=":material/info:")


def _value(entry: dict) -> str:
    value, field = entry["value"], entry["field"]
    if value is None:
        return _("none on file: verify")
    if field == "usda_fees" and isinstance(value, dict):
        return _("{upfront} at the start (added to the loan) · {annual} a year").format(
            upfront=rate(value["upfront"]), annual=rate(value["annual"])
        )
    if isinstance(value, dict):
        return ", ".join(rate(v) for v in value.values())
    if field in RATE_FIELDS:
        return rate(value)
    if field in MONEY_FIELDS:
        return money(value, cents=False)
    if field == "as_of":
        return day(value)
    if field == "jurisdiction":
        from ui.labels import JURISDICTION_LABELS

        return _(JURISDICTION_LABELS.get(value, value))
    return str(value)


def assumptions(analysis: dict) -> None:
    """Every default the calculator filled in, with its value, source and the date it was checked."""
    with st.expander(_("Defaults used and their sources"), key="aff_sources", on_change="rerun") as panel:
        if not panel.open:
            return
        rows = []
        for entry in analysis["assumptions"]:
            if entry["field"] in ("id_type", "residency"):
                continue
            url = entry.get("source_url")
            rows.append(
                [
                    _(FIELD_LABELS.get(entry["field"], entry["field"])),
                    _value(entry),
                    _("[Source]({url})").format(url=url) if url else _("plain default"),
                    date(entry["verified_on"]) if entry.get("verified_on") else "",
                ]
            )
        st.markdown(markdown_table([_("Item"), _("Value"), _("Source"), _("Checked on")], rows))
        if any(entry.get("stale") for entry in analysis["assumptions"]):
            st.warning(
                _("Some of these figures were checked over a year ago. Verify them before relying on them.")
            )


def figure_to_enter(field: str) -> str:
    """Where the answer's side of the page points when a figure must be typed: which one, and where."""
    return _("To see the answer, fill in “{figure}” under “{panel}”.").format(
        figure=_(FIELD_LABELS[field]) if field in FIELD_LABELS else field, panel=_(COSTS_LABEL)
    )


def analysis_panel(analysis: dict) -> None:
    """Everything about one price: monthly total and parts, ratios, cash, issues, defaults."""
    st.metric(_("Total a month"), money(analysis["monthly"]["total"]))
    staleness.affordability_note(analysis)
    breakdown(analysis)
    ratios(analysis)
    cash(analysis)
    issues(analysis)
    assumptions(analysis)


def binding(result: dict) -> None:
    """Why the price stops where it does, in plain words."""
    analysis = result["analysis"]
    limits = analysis["limits"]
    code = result["binding_constraint"]
    limit = limits["front"] if code == "front_dti" else limits["back"]
    st.info(
        _(BINDING_TEXT[code]).format(
            limit=percent(limit) if limit is not None else "",
            rate=percent(limits["min_down_rate"]),
            amount=money(limits["loan_limit"] or 0, cents=False),
        ),
        icon=":material/lightbulb:",
    )


def levers(found: list[dict]) -> None:
    """What would move the highest price, largest first."""
    if not found:
        return
    st.subheader(_("What would raise it"))
    for lever in found:
        if lever["kind"] == "pay_off_debt":
            name = _(DEBTS.get(lever["name"], lever["name"]))
            amount = money(lever["amount"], cents=False)
        elif lever["kind"] == "lower_rate":
            name, amount = "", _("{points} points").format(points=number(lever["amount"] * 100, 1))
        else:
            name, amount = "", money(lever["amount"], cents=False)
        st.markdown(
            "- "
            + _(LEVER_TEXT[lever["kind"]]).format(name=name, amount=amount, change=about(lever["change"]))
        )


def loan_label(code: str) -> str:
    return _(LOAN_LABELS.get(code, code))
