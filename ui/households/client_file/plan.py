"""The client file's Action plan tab: goals, and steps with who does them, due dates and status."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculators import InputError
from db import activity, codes
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import FieldErrors
from ui.households.client_file.state import current_user, flash, remember_error, show_error, show_flash
from ui.households.labels import frozen
from ui.labels import OWNER_LABELS, STEP_STATUS_LABELS, chooser, label
from ui.text import NO_VALUE, _, date
from ui.widget_text import date_format


@signed_in_only
def _add_goal(hid: int) -> None:
    try:
        activity.add_goal(engine(), current_user(), hid, st.session_state.get("goal_text", ""))
    except InputError as err:
        remember_error("plan", err)
        return
    st.session_state["goal_text"] = ""
    flash("plan", _("Goal added."))


@signed_in_only
def _add_step(hid: int) -> None:
    state = st.session_state
    try:
        activity.add_step(
            engine(),
            current_user(),
            hid,
            state.get("step_text", ""),
            state.get("step_owner"),
            state.get("step_due"),
        )
    except InputError as err:
        remember_error("plan", err)
        return
    state["step_text"] = ""
    flash("plan", _("Step added."))


@signed_in_only
def _set_step() -> None:
    state = st.session_state
    if state.get("step_pick") is None:
        return
    try:
        activity.set_step_status(
            engine(),
            current_user(),
            state["step_pick"],
            state.get("step_status"),
            expected_version=state.get("step_versions", {}).get(state["step_pick"]),
        )
    except activity.ListConflict:
        flash(
            "plan", _("Someone else changed this step just now. Nothing was saved; check it and try again.")
        )
        return
    flash("plan", _("Step updated."))


def _highlight_overdue(frame: pd.DataFrame, overdue: list[bool]):
    def style(row):
        color = "background-color: #fde2e1; color: #8a1c12" if overdue[row.name] else ""
        return [color] * len(row)

    return frame.style.apply(style, axis=1)


def section(hh: dict) -> None:
    show_flash("plan")
    errors = FieldErrors()
    plan = activity.plan_for(engine(), current_user(), hh["id"])
    st.markdown(_("**Goals**"))
    for goal in plan["goals"]:
        st.text("• " + goal["text"])
    if not plan["goals"]:
        st.caption(_("No goals yet."))
    with st.form("add_goal", border=False):
        st.text_input(_("New goal"), key="goal_text")
        errors.slot("text")
        st.form_submit_button(_("Add goal"), on_click=_add_goal, args=(hh["id"],))
    st.markdown(_("**Steps**"))
    steps = plan["steps"]
    overdue = [s["overdue"] for s in steps]
    if steps:
        if any(overdue):
            st.error(
                _("{n} step(s) are past their due date.").format(n=sum(overdue)), icon=":material/schedule:"
            )
        frame = pd.DataFrame(
            {
                _("Step"): [s["text"] for s in steps],
                _("Who"): [label(OWNER_LABELS, s["owner"]) for s in steps],
                _("Due"): [date(s["due_date"], "medium") if s["due_date"] else "" for s in steps],
                _("Status"): [
                    _("Overdue") if s["overdue"] else label(STEP_STATUS_LABELS, s["status"]) for s in steps
                ],
            }
        )
        st.dataframe(
            _highlight_overdue(frame, overdue), hide_index=True, width="stretch", placeholder=NO_VALUE
        )
        texts = {s["id"]: s["text"] for s in steps}
        st.session_state["step_versions"] = {s["id"]: s["version"] for s in steps}
        a, b, c = st.columns([3, 2, 1], vertical_alignment="bottom")
        a.selectbox(
            _("Step"), list(texts), format_func=texts.get, key="step_pick", placeholder=_("Choose an option")
        )
        b.selectbox(
            _("Status"),
            codes.STEP_STATUS,
            format_func=frozen(codes.STEP_STATUS, chooser(STEP_STATUS_LABELS)),
            key="step_status",
            placeholder=_("Choose an option"),
        )
        c.button(_("Update step"), key="step_update", on_click=_set_step)
    else:
        st.caption(_("No steps yet."))
    with st.form("add_step", border=True):
        st.markdown(_("**Add a step**"))
        st.text_input(_("What will be done"), key="step_text")
        errors.slot("text")
        a, b = st.columns(2)
        a.selectbox(
            _("Who does it"),
            codes.STEP_OWNER,
            format_func=frozen(codes.STEP_OWNER, chooser(OWNER_LABELS)),
            key="step_owner",
            placeholder=_("Choose an option"),
        )
        b.date_input(_("Due date"), value=None, key="step_due", format=date_format())
        st.form_submit_button(_("Add step"), on_click=_add_step, args=(hh["id"],))
    show_error("plan", errors)
