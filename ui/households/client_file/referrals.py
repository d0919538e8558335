"""The client file's Referrals tab: referrals to other agencies, with a date to check that it happened."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculators import InputError
from db import activity
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import FieldErrors
from ui.households.client_file.state import current_user, flash, remember_error, show_error, show_flash
from ui.households.labels import REFERRAL_STATUS_LABELS, frozen
from ui.labels import chooser, label
from ui.text import NO_VALUE, _, date
from ui.widget_text import date_format


@signed_in_only
def _add_referral(hid: int) -> None:
    state = st.session_state
    try:
        activity.add_referral(
            engine(),
            current_user(),
            hid,
            agency=state.get("ref_agency", ""),
            reason=state.get("ref_reason", ""),
            contact=state.get("ref_contact", ""),
            follow_up_on=state.get("ref_follow_up"),
        )
    except InputError as err:
        remember_error("referral", err)
        return
    for key in ("ref_agency", "ref_reason", "ref_contact"):
        state[key] = ""
    flash("referral", _("Referral added."))


@signed_in_only
def _set_referral() -> None:
    state = st.session_state
    if state.get("ref_pick") is None:
        return
    try:
        activity.set_referral_status(
            engine(),
            current_user(),
            state["ref_pick"],
            state.get("ref_status"),
            expected_version=state.get("ref_versions", {}).get(state["ref_pick"]),
        )
    except activity.ListConflict:
        flash("referral", _("Someone else changed this referral just now. Nothing was saved; try again."))
        return
    flash("referral", _("Referral updated."))


def section(hh: dict) -> None:
    show_flash("referral")
    errors = FieldErrors()
    rows = activity.referrals_for(engine(), current_user(), hh["id"])
    if rows:
        due = [r["follow_up_due"] for r in rows]
        if any(due):
            st.warning(_("Check on {n} referral(s): the follow-up date has come.").format(n=sum(due)))
        st.dataframe(
            pd.DataFrame(
                {
                    _("Agency"): [r["agency"] for r in rows],
                    _("Reason"): [r["reason"] for r in rows],
                    _("Referred on"): [date(r["referred_on"], "medium") for r in rows],
                    _("Check by"): [
                        date(r["follow_up_on"], "medium") if r["follow_up_on"] else "" for r in rows
                    ],
                    _("Status"): [label(REFERRAL_STATUS_LABELS, r["status"]) for r in rows],
                }
            ),
            hide_index=True,
            width="stretch",
            placeholder=NO_VALUE,
        )
        names = {r["id"]: r["agency"] for r in rows}
        st.session_state["ref_versions"] = {r["id"]: r["version"] for r in rows}
        a, b, c = st.columns([3, 2, 1], vertical_alignment="bottom")
        a.selectbox(
            _("Referral"),
            list(names),
            format_func=names.get,
            key="ref_pick",
            placeholder=_("Choose an option"),
        )
        b.selectbox(
            _("Status"),
            activity.REFERRAL_STATUS,
            format_func=frozen(activity.REFERRAL_STATUS, chooser(REFERRAL_STATUS_LABELS)),
            key="ref_status",
            placeholder=_("Choose an option"),
        )
        c.button(_("Update referral"), key="ref_update", on_click=_set_referral)
    with st.form("add_referral", border=True):
        st.markdown(_("**Refer to another agency**"))
        st.text_input(_("Agency or program"), key="ref_agency")
        errors.slot("agency")
        st.text_input(_("Reason"), key="ref_reason")
        st.text_input(_("Contact at the agency"), key="ref_contact")
        st.date_input(_("Check that it happened by"), value=None, key="ref_follow_up", format=date_format())
        st.form_submit_button(_("Add referral"), on_click=_add_referral, args=(hh["id"],))
    show_error("referral", errors)
