"""Inline tenant-law calculators: deposit cap, deposit-return dates, rent-increase check, notice periods, DC TOPA.

Inputs bind to query parameters (a scenario is a shareable URL); none of them identifies a client.
"""

from __future__ import annotations

import streamlit as st

from calculators import InputError, tenancy
from calculators.rules import as_date, is_stale
from db.local_time import today_local
from ui.errors import FieldErrors
from ui.tenant_rights.view import choice
from ui.text import N_, _, date, money, percent
from ui.widget_text import date_format

EXTRA_MESSAGES = {
    "no_notice_rule": N_(
        "Our notes have no notice period for this reason here. Verify with a lawyer or the agency."
    ),
    "no_rule_in_force": N_(
        "We have no rule on file for that date. Please verify with a lawyer or the agency."
    ),
}
RETURN_STEPS = {
    "return_or_notice": N_("Return the deposit with interest, or tell you in writing what they will keep"),
    "return_with_list": N_("Return the deposit, with a written list of any costs"),
    "itemized_refund": N_("Refund the rest, with a list of costs"),
    "contractor_extension": N_("Only if a contractor is needed and you were told in time"),
}
REASONS = {
    "nonpayment": N_("Unpaid rent"),
    "lease_violation": N_("Breaking a lease rule"),
    "owner_use": N_("Owner wants the home to live in or sell"),
    "month_to_month_end": N_("Ending a month-to-month rental"),
}
BUILDINGS = {
    "single_family": N_("Single-family house"),
    "two_to_four": N_("Building with 2 to 4 homes"),
    "five_plus": N_("Building with 5 or more homes"),
}
TOPA_STEPS = {
    "claim_status": N_("Tell the owner you are elderly or disabled (after the owner asks)"),
    "statement_of_interest": N_("Send the statement of interest (letter saying you want to buy)"),
    "individual_statement_of_interest": N_("Last day for one tenant alone to send the statement of interest"),
    "negotiation": N_("Time to negotiate with the owner (at least)"),
    "settlement": N_("Time to close the purchase (at least)"),
    "registration": N_("Form and register the tenant association"),
    "registration_existing_org": N_("Register, if the tenant association already exists"),
    "offer_lapses": N_("The offer ends if there is no sale"),
    "cooling_off_before_assignment": N_("Wait before selling (assigning) your rights"),
}
COUNTED_FROM = {
    "statement_of_interest": N_("counted from your statement of interest"),
    "registration": N_("counted from the registration"),
    "contract": N_("counted from the purchase contract"),
    "status_inquiry": N_("counted from the owner's notice asking about your status"),
    "unconfirmed": N_("start of the count not confirmed: verify"),
}
# whom to ask for this year's rent-increase figure when none is on file
RENT_AGENCY = {
    "dc": N_("DC's Rental Accommodations Division or the Office of the Tenant Advocate"),
    "montgomery_md": N_("Montgomery County's Department of Housing and Community Affairs (DHCA)"),
    "prince_georges_md": N_(
        "Prince George's County's Department of Permitting, Inspections and Enforcement (DPIE)"
    ),
    "takoma_park_md": N_("the City of Takoma Park's housing office"),
}

EXEMPT = {
    "new_building": N_("the building is new enough to be exempt"),
    "subsidized": N_("the home is subsidized"),
    "registered_exemption": N_("the owner registered a small-landlord exemption"),
}


def rule_caption(result: dict) -> None:
    """Where a figure comes from, when it was checked, and a warning when it is old or uncertain."""
    st.caption(
        _("Rule: {citation}. In force since {start}. Checked on {checked}. [Source]({url})").format(
            citation=result["citation"],
            start=date(result["effective_from"]),
            checked=date(result["verified_on"]),
            url=result["source_url"],
        )
    )
    if is_stale({"verified_on": as_date(result["verified_on"])}):
        # the figure named by its law, and whom to ask (the rent office where there is one)
        whom = RENT_AGENCY.get(result.get("jurisdiction", ""), N_("a tenant lawyer or the housing agency"))
        st.warning(
            _("{figure} last checked {date}; verify with {whom}.").format(
                figure=result["citation"] or _("This rule"), date=date(result["verified_on"]), whom=_(whom)
            ),
            icon=":material/update:",
        )
    if "UNCERTAIN" in result.get("note", ""):
        st.warning(
            _("Our sources for this figure are uncertain. Verify it with a lawyer or the agency."),
            icon=":material/help:",
        )


def deposit(place: str) -> dict | None:
    """'My landlord wants $3,000 on a $1,500 rent: is that allowed?'"""
    errors = FieldErrors()
    rent = st.number_input(
        _("Monthly rent"), min_value=0.0, value=1500.0, step=50.0, key="tr_rent", bind="query-params"
    )
    errors.slot("monthly_rent")
    asked = st.number_input(
        _("Deposit the landlord asks for"),
        min_value=0.0,
        value=1500.0,
        step=50.0,
        key="tr_deposit",
        bind="query-params",
    )
    errors.slot("deposit")
    signed = st.date_input(
        _("Date the lease was (or will be) signed"),
        value=today_local(),
        key="tr_lease_date",
        bind="query-params",
        format=date_format(),
    )
    errors.slot("lease_signed")
    try:
        result = tenancy.check_deposit(place, rent, asked, signed)
    except InputError as err:
        errors.show(err, EXTRA_MESSAGES)
        return None
    st.metric(_("Most the landlord may ask"), money(result["max_deposit"]))
    if result["allowed"]:
        st.success(_("This deposit is within the limit."), icon=":material/check_circle:")
    else:
        st.error(
            _("This deposit is {excess} over the limit.").format(excess=money(result["excess"])),
            icon=":material/flag:",
        )
    rule_caption(result)
    return result


def deposit_return(place: str) -> list[dict] | None:
    """The dates the landlord has to return the deposit after move-out."""
    errors = FieldErrors()
    moved = st.date_input(
        _("Move-out date"),
        value=today_local(),
        key="tr_move_out",
        bind="query-params",
        format=date_format(),
    )
    errors.slot("move_out")
    try:
        steps = tenancy.deposit_return_steps(place, moved)
    except InputError as err:
        errors.show(err, EXTRA_MESSAGES)
        return None
    two_step = any(s["step"] == "itemized_refund" for s in steps)
    for step in steps:
        key = step["step"] if two_step or step["step"] != "return_or_notice" else "return_with_list"
        st.markdown(_("**By {date}:** {what}").format(date=date(step["date"]), what=_(RETURN_STEPS[key])))
    rule_caption(steps[0])
    return steps


def _rent_facts(place: str) -> dict:
    """The questions a rent cap depends on, only those that matter in this place."""
    facts: dict = {}
    year = st.number_input(
        _("Year the building was built (if known)"),
        min_value=1800,
        max_value=2100,
        value=None,
        step=1,
        key="tr_year_built",
        bind="query-params",
    )
    if year is not None:
        facts["year_built"] = int(year)
    if place == "dc":
        facts["elderly_or_disabled"] = st.checkbox(
            _("Tenant is 62 or older, or has a disability, and registered with the Rent Administrator"),
            key="tr_elderly",
            bind="query-params",
        )
        facts["subsidized"] = st.checkbox(
            _("The home is subsidized"), key="tr_subsidized", bind="query-params"
        )
        facts["registered_exemption"] = st.checkbox(
            _("The owner registered a small-landlord exemption"), key="tr_small_owner", bind="query-params"
        )
    if place == "prince_georges_md":
        facts["senior_housing"] = st.checkbox(
            _("Age-restricted senior housing"), key="tr_senior", bind="query-params"
        )
    index = st.number_input(
        _("Published price index for this year, in % (CPI, if you have it)"),
        min_value=-20.0,
        max_value=50.0,
        value=None,
        step=0.1,
        key="tr_index",
        bind="query-params",
    )
    if index is not None:
        facts["index_rate"] = index / 100
    return facts


def rent_increase(place: str) -> dict | None:
    """Compare a proposed increase with the rent limit in force on the day it starts."""
    errors = FieldErrors()
    old = st.number_input(
        _("Current rent"), min_value=0.0, value=1500.0, step=25.0, key="tr_old_rent", bind="query-params"
    )
    errors.slot("current_rent")
    new = st.number_input(
        _("New rent"), min_value=0.0, value=1560.0, step=25.0, key="tr_new_rent", bind="query-params"
    )
    errors.slot("new_rent")
    starts = st.date_input(
        _("Date the new rent starts"),
        value=today_local(),
        key="tr_increase_date",
        bind="query-params",
        format=date_format(),
    )
    errors.slot("effective_date")
    facts = _rent_facts(place)
    try:
        result = tenancy.check_rent_increase(place, starts, old, new, **facts)
    except InputError as err:
        errors.show(err, EXTRA_MESSAGES)
        return None
    rate = percent(result["increase_rate"], 1)
    verdict = result["verdict"]
    if verdict == "within_cap":
        st.success(
            _("This increase ({rate}) is within the limit of {limit}.").format(
                rate=rate, limit=percent(result["max_rate"], 1)
            ),
            icon=":material/check_circle:",
        )
    elif verdict == "over_cap" and result["max_rate"] is None:
        st.error(
            _(
                "This increase ({rate}) is over the highest limit the law allows ({limit}), whatever this "
                "year's figure is."
            ).format(rate=rate, limit=percent(result["ceiling"], 1)),
            icon=":material/flag:",
        )
    elif verdict == "over_cap":
        st.error(
            _(
                "This increase ({rate}) is over the limit of {limit}. The most the new rent could be: {rent}."
            ).format(rate=rate, limit=percent(result["max_rate"], 1), rent=money(result["max_rent"])),
            icon=":material/flag:",
        )
    elif verdict == "no_cap" and result["exempt"]:
        st.info(
            _("Rent limits may not apply here: {reason}. Check it with the agency.").format(
                reason=_(EXEMPT[result["exempt"]])
            )
        )
    elif verdict == "no_cap":
        st.info(_("There is no rent limit here. Check the notice you were given and your lease."))
    elif result["max_rate"] is not None:
        st.warning(
            _(
                "This increase ({rate}) is under the highest limit the law allows ({limit}), but this year's "
                "figure is not on file. Verify with the agency."
            ).format(rate=rate, limit=percent(result["max_rate"], 1)),
            icon=":material/help:",
        )
    else:
        st.warning(
            _(
                "This year's limit is unknown: no figure is on file for this date. Ask {agency} before you decide."
            ).format(agency=_(RENT_AGENCY.get(result["jurisdiction"], N_("the agency")))),
            icon=":material/help:",
        )
    rule_caption(result)
    return result


def eviction_notice(place: str) -> dict | None:
    """How many days of notice the landlord must give, by reason and notice date."""
    errors = FieldErrors()
    reason = choice(
        _("Reason given in the notice"), {r: _(label) for r, label in REASONS.items()}, "tr_reason"
    )
    errors.slot("reason")
    given = st.date_input(
        _("Date you got the notice"),
        value=today_local(),
        key="tr_notice_date",
        bind="query-params",
        format=date_format(),
    )
    errors.slot("notice_date")
    st.caption(_("A notice is not an eviction. Only a court can order you to leave."))
    try:
        result = tenancy.eviction_notice(place, reason, given)
    except InputError as err:
        if err.code == "no_rule_in_force" and err.field == "reason":
            err = InputError("no_notice_rule", "reason")
        errors.show(err, EXTRA_MESSAGES)
        return None
    st.metric(_("Days of notice"), str(result["days"]))
    st.markdown(_("The notice period ends on **{date}**.").format(date=date(result["ends_on"])))
    if result.get("cure_days"):
        st.markdown(
            _("You have {days} days to fix the problem before the lease can end.").format(
                days=result["cure_days"]
            )
        )
    rule_caption(result)
    return result


def topa(place: str) -> list[dict] | None:
    """DC TOPA dates from the owner's offer of sale."""
    if place != "dc":
        st.caption(_("TOPA (the tenant's right to buy first) is a DC law."))
        return None
    errors = FieldErrors()
    building = choice(_("Type of building"), {b: _(label) for b, label in BUILDINGS.items()}, "tr_building")
    errors.slot("building")
    offer = st.date_input(
        _("Date of the offer of sale"),
        value=today_local(),
        key="tr_offer_date",
        bind="query-params",
        format=date_format(),
    )
    errors.slot("offer_date")
    try:
        steps = tenancy.topa_deadlines(building, offer)
    except InputError as err:
        errors.show(err, EXTRA_MESSAGES)
        return None
    for step in steps:
        what = _(TOPA_STEPS.get(step["step"], step["step"]))
        if step["date"] is not None:
            st.markdown(_("**By {date}:** {what}").format(date=date(step["date"]), what=what))
        else:
            st.markdown(
                _("**{days} days:** {what} ({counted})").format(
                    days=step["days"], what=what, counted=_(COUNTED_FROM[step["counted_from"]])
                )
            )
    st.caption(_("The owner's delays can add days. Deadlines are strict: get help early."))
    rule_caption(steps[0])
    return steps


CALCULATORS = {
    N_("Deposit limit"): deposit,
    N_("Deposit return"): deposit_return,
    N_("Rent increase"): rent_increase,
    N_("Eviction notice"): eviction_notice,
    N_("TOPA dates"): topa,
}
DC_ONLY = (N_("TOPA dates"),)
TAB_KEY = "tr_calc_tab"
FIRST_TAB_KEY = "tr_calc_first_tab"
# A link that carries a calculator's input opens on that calculator (the others are not built until opened).
LINKED_TABS = {
    "tr_move_out": N_("Deposit return"),
    **dict.fromkeys(
        (
            "tr_old_rent",
            "tr_new_rent",
            "tr_increase_date",
            "tr_year_built",
            "tr_elderly",
            "tr_subsidized",
            "tr_small_owner",
            "tr_senior",
            "tr_index",
        ),
        N_("Rent increase"),
    ),
    "tr_reason": N_("Eviction notice"),
    "tr_notice_date": N_("Eviction notice"),
    "tr_building": N_("TOPA dates"),
    "tr_offer_date": N_("TOPA dates"),
}


def first_tab(place: str) -> str:
    """The tab a visit opens on: the calculator a shared link is about, else the first (kept per session)."""
    if FIRST_TAB_KEY not in st.session_state:
        st.session_state[FIRST_TAB_KEY] = next(
            (tab for key, tab in LINKED_TABS.items() if key in st.query_params), next(iter(CALCULATORS))
        )
    wanted = st.session_state[FIRST_TAB_KEY]
    return wanted if place == "dc" or wanted not in DC_ONLY else next(iter(CALCULATORS))


@st.fragment
def all_calculators(place: str) -> None:
    """The calculators as tabs, so a counselor can answer 'is that allowed?' without leaving the checklist.

    Only the open tab's calculator is built (a tab switch reruns this fragment, not the page), and typing
    into a calculator reruns only this fragment: the checklist above is not drawn again.
    """
    names = [name for name in CALCULATORS if place == "dc" or name not in DC_ONLY]
    tabs = st.tabs([_(name) for name in names], default=_(first_tab(place)), key=TAB_KEY, on_change="rerun")
    for name, tab in zip(names, tabs, strict=True):
        if tab.open:
            with tab:
                CALCULATORS[name](place)
