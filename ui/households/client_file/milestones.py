"""The client file's Milestones tab: record one (asking before recording the same one twice), list, remove."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculators import InputError
from db import activity, codes
from db.local_time import today_local
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import FieldErrors
from ui.households.client_file.state import current_user, flash, remember_error, show_error, show_flash
from ui.households.labels import frozen
from ui.labels import MILESTONE_LABELS, chooser, label
from ui.text import NO_VALUE, _, date, number
from ui.widget_text import date_format

DUPLICATE_KEY = "ms_duplicate"  # (household id, code, day) waiting for "record it again"


@signed_in_only
def _add_milestone(hid: int, again: bool = False) -> None:
    state = st.session_state
    value = state.get("ms_value")
    code, on = state.get("ms_code"), state.get("ms_date")
    state.pop(DUPLICATE_KEY, None)
    if not again and any(
        r["code"] == code and r["achieved_on"] == on
        for r in activity.milestones_for(engine(), current_user(), hid)
    ):
        state[DUPLICATE_KEY] = (hid, code, on)  # the same milestone on the same day: ask first
        return
    try:
        activity.add_milestone(
            engine(),
            current_user(),
            hid,
            state.get("ms_code"),
            state.get("ms_date"),
            None if value is None else float(value),
            state.get("ms_evidence", ""),
        )
    except InputError as err:
        remember_error("milestone", err)
        return
    state["ms_value"] = None
    state["ms_evidence"] = ""
    flash("milestone", _("Milestone recorded. The stage was updated from the milestones."))


@signed_in_only
def _remove_milestone() -> None:
    choice = st.session_state.get("ms_remove")
    if choice is None:
        return
    try:
        activity.remove_milestone(engine(), current_user(), choice)
    except InputError as err:
        remember_error("milestone", err)
        return
    flash("milestone", _("Milestone removed. The stage was updated from the milestones."), "info")


def _duplicate_warning(hid: int) -> None:
    pending = st.session_state.get(DUPLICATE_KEY)
    if not pending or pending[0] != hid:
        return
    st.warning(
        _("{milestone} was already recorded on {day}. It was not recorded again.").format(
            milestone=label(MILESTONE_LABELS, pending[1]), day=date(pending[2], "medium")
        ),
        icon=":material/content_copy:",
    )
    st.button(_("Record it again anyway"), key="ms_again", on_click=_add_milestone, args=(hid, True))


def section(hh: dict) -> None:
    show_flash("milestone")
    errors = FieldErrors()
    st.session_state.setdefault("ms_date", today_local())
    with st.form("add_milestone", border=True, enter_to_submit=False):  # Enter in "Value" must not save
        st.markdown(_("**Record a milestone**"))
        a, b = st.columns(2)
        with a:
            st.selectbox(
                _("Milestone"),
                codes.MILESTONES,
                format_func=frozen(codes.MILESTONES, chooser(MILESTONE_LABELS)),
                key="ms_code",
                placeholder=_("Choose an option"),
            )
            errors.slot("code")
            st.date_input(_("Date reached"), key="ms_date", format=date_format())
            errors.slot("achieved_on")
        with b:
            st.number_input(
                _("Value (savings, score or amount), optional"),
                min_value=0.0,
                value=None,
                step=50.0,
                key="ms_value",
            )
            errors.slot("value")
            st.text_input(_("Evidence (what you saw)"), key="ms_evidence")
            errors.slot("evidence")
        st.form_submit_button(
            _("Record milestone"), type="primary", on_click=_add_milestone, args=(hh["id"],)
        )
    show_error("milestone", errors)
    _duplicate_warning(hh["id"])
    rows = activity.milestones_for(engine(), current_user(), hh["id"])
    if not rows:
        st.caption(_("No milestones yet. The stage stays at Intake until milestones are recorded."))
        return
    st.dataframe(
        pd.DataFrame(
            {
                _("Milestone"): [label(MILESTONE_LABELS, r["code"]) for r in rows],
                _("Date reached"): [date(r["achieved_on"], "medium") for r in rows],
                _("Value"): ["" if r["value"] is None else number(r["value"]) for r in rows],
                _("Evidence"): [r["evidence"] for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )
    names = {
        r["id"]: f"{label(MILESTONE_LABELS, r['code'])} — {date(r['achieved_on'], 'medium')}" for r in rows
    }
    with st.expander(_("Remove a milestone recorded by mistake")):
        st.selectbox(
            _("Milestone to remove"),
            list(names),
            format_func=names.get,
            key="ms_remove",
            placeholder=_("Choose an option"),
        )
        st.button(_("Remove milestone"), key="ms_remove_btn", on_click=_remove_milestone)
