"""How the assistance finder shows programs: ✓/✗, the amount, plain reasons, schedules and hints."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import staleness
from ui.text import N_, NO_VALUE, _, date, money, number, pick

REASONS = {
    "wrong_area": N_("Not offered where the home is."),
    "program_closed": N_("Not taking applications now."),
    "employer_required": N_("Only for people who work for the DC government."),
    "not_first_time_buyer": N_("Only for first-time buyers (no home owned in the last 3 years)."),
    "income_over_limit": N_("The income is over the program's limit."),
    "income_below_minimum": N_("The income is under the program's minimum."),
    "price_over_limit": N_("The price is over the program's limit."),
    "assets_over_limit": N_("Savings and other cash are more than the program allows."),
    "credit_score_below_minimum": N_("The credit score is under the program's minimum."),
    "ssn_required": N_("Needs a Social Security number. An ITIN is not enough."),
    "residency_ineligible": N_("Not open to this immigration status."),
    "id_rule_unknown": N_(
        "We do not know if this program accepts an ITIN. Ask the program before counting on it."
    ),
    "loan_type_not_allowed": N_("Does not work with this kind of first mortgage."),
    "income_limit_unknown": N_("The income limit for this area is not on file. Verify with the program."),
    "credit_score_needed": N_("Has a minimum credit score. Enter the score to check it."),
    "amount_unknown": N_("The amount is not on file. Verify with the program."),
    "amount_needs_price": N_("Enter a price to see the amount."),
    "amount_needs_loan": N_("Enter the first-mortgage amount to see the amount."),
    "referral_only": N_("Not cash help: we refer the family to the program."),
}
KINDS = {
    "deferred_loan": N_("Loan with no monthly payments: repaid when you sell, refinance or move out"),
    "forgivable_loan": N_("Loan that is forgiven little by little if you stay in the home"),
    "grant": N_("Grant: it is not repaid"),
    "amortizing_loan": N_("Loan with no payments at first, then monthly payments"),
    "shared_appreciation_loan": N_("Loan repaid with a share of the home's gain in value"),
    "referral": N_("Referral to a program"),
}
HINTS = {
    "household_size": N_("With {value} people in the household"),
    "first_time_buyer": N_("If the household counts as first-time buyers (no home owned in 3 years)"),
    "price": N_("At a price of {value} or less"),
}


def reason_text(code: str) -> str:
    return _(REASONS.get(code, N_("Verify with the program.")))


def amount_line(entry: dict) -> str:
    """'Up to $X', or why there is no figure."""
    if entry["kind"] == "referral":
        return _(KINDS["referral"])
    if entry["amount"] is None:
        return _("Amount: verify with the program.")
    return _("Up to {amount}").format(amount=money(entry["amount"], cents=False))


def program_card(entry: dict) -> None:
    """One eligible program: amount, kind, payments, contribution, ID rule, notes and source."""
    with st.container(border=True):
        st.markdown("✓ **{name}**".format(name=pick(entry["name"])))
        st.markdown(amount_line(entry))
        st.caption(_(KINDS.get(entry["kind"], KINDS["referral"])))
        if entry["monthly_payment"]:
            years = entry["repayment"].get("deferred_years", 0)
            st.markdown(
                _("Monthly payment of {payment} starting in year {year}.").format(
                    payment=money(entry["monthly_payment"]), year=years + 1
                )
            )
        if entry.get("contribution"):
            st.markdown(
                _("The buyer puts in at least {amount} of their own money.").format(
                    amount=money(entry["contribution"], cents=False)
                )
            )
        for code in entry["reasons"]:
            st.info(reason_text(code), icon=":material/info:")
        st.markdown(_("ID and immigration: {rule}").format(rule=pick(entry["id_rule"])))
        if pick(entry["note"]):
            st.caption(pick(entry["note"]))
        source_caption(entry)


def source_caption(entry: dict) -> None:
    """Where the figures come from and when they were checked."""
    if entry.get("source_url"):
        st.caption(
            _("Source: {url} (rules from {start}, checked {checked})").format(
                url=entry["source_url"],
                start=date(entry["effective_from"]),
                checked=date(entry["verified_on"]),
            )
        )
        staleness.program_note(entry)


def not_eligible_list(entries: list[dict]) -> None:
    """Every program that does not fit, with its reasons; other areas last and short."""
    here = [e for e in entries if "wrong_area" not in e["reasons"]]
    elsewhere = [e for e in entries if "wrong_area" in e["reasons"]]
    for entry in here:
        with st.container(border=True):
            st.markdown("✗ **{name}**".format(name=pick(entry["name"])))
            for code in entry["reasons"]:
                st.markdown("- " + reason_text(code))
            if "income_over_limit" in entry["reasons"] and entry.get("income_limit"):
                st.caption(_("Income limit: {limit}").format(limit=money(entry["income_limit"], cents=False)))
            if "price_over_limit" in entry["reasons"] and entry.get("price_limit"):
                st.caption(_("Price limit: {limit}").format(limit=money(entry["price_limit"], cents=False)))
            st.caption(_("ID and immigration: {rule}").format(rule=pick(entry["id_rule"])))
    if elsewhere:
        names = ", ".join(pick(e["name"]) for e in elsewhere)
        st.caption(_("Programs for other areas: {names}").format(names=names))


def hints_panel(hints: list[dict], names: dict) -> None:
    """What would change the answer, in plain words."""
    st.subheader(_("What would change the answer"))
    if not hints:
        st.caption(
            _("Changing the household size, first-time status or price would not open another program.")
        )
        return
    for hint in hints:
        value = hint["value"]
        shown = money(value, cents=False) if hint["change"] == "price" else number(value)
        lead = _(HINTS[hint["change"]]).format(value=shown)
        st.markdown(
            "- {lead}: {programs}".format(lead=lead, programs=", ".join(names[p] for p in hint["programs"]))
        )


def stack_panel(stacked: dict, names: dict, sell_year: int) -> None:
    """The programs used together, their total, what is owed on a sale, and the year-by-year table."""
    st.metric(_("Assistance that can be combined"), money(stacked["total"], cents=False))
    if stacked["programs"]:
        st.markdown(
            _("Counted together: {names}").format(names=", ".join(names[p] for p in stacked["programs"]))
        )
    for skipped in stacked["skipped"]:
        st.warning(
            _(
                "{name} was not added: the rules on file do not say it combines with {others}. Ask the programs."
            ).format(
                name=names[skipped["program"]], others=", ".join(names[p] for p in skipped["conflicts_with"])
            ),
            icon=":material/call_split:",
        )
    if stacked["monthly_payment"]:
        st.markdown(
            _("Assistance payments once they start: {payment} a month.").format(
                payment=money(stacked["monthly_payment"])
            )
        )
    if not stacked["schedule"]:
        return
    row = stacked["schedule"][sell_year - 1]
    st.markdown(
        _("If you sell after year {year}, you repay {owed}.").format(
            year=sell_year, owed=money(row["owed_if_sold"], cents=False)
        )
    )
    with st.expander(_("Year by year")):
        table = pd.DataFrame(
            {
                _("Year"): [r["year"] for r in stacked["schedule"]],
                _("Paid so far"): [money(r["paid_so_far"], cents=False) for r in stacked["schedule"]],
                _("Repaid if you sell"): [money(r["owed_if_sold"], cents=False) for r in stacked["schedule"]],
            }
        )
        st.dataframe(table, hide_index=True, placeholder=NO_VALUE)


def compare_panel(without: dict, with_help: dict, total: float) -> None:
    """Highest price and monthly cost with and without the assistance, side by side."""
    left, right = st.columns(2)
    for column, title, result in (
        (left, _("Without assistance"), without),
        (right, _("With assistance"), with_help),
    ):
        with column:
            st.markdown(f"**{title}**")
            st.metric(_("Highest price"), money(result["price"], cents=False))
            analysis = result["analysis"]
            st.metric(_("Monthly cost"), money(analysis["monthly"]["total"], cents=False))
            st.metric(_("Cash to close"), money(analysis["cash_to_close"], cents=False))
    st.caption(
        _(
            "Assistance counted: {total}, the amounts at the price entered above. An estimate, not a loan approval."
        ).format(total=money(total, cents=False))
    )
