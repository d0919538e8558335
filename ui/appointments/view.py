"""The appointments page: choose office, counselor, day or week; calendar, booking, calls and settings."""

from __future__ import annotations

import streamlit as st

from db import appointments as appts
from db.local_time import today_local, week_start
from db.models import Office
from ui.appointments import actions, booking, calendar, lists, workshop_plan
from ui.appointments.common import FLASH
from ui.db import engine
from ui.text import _
from ui.widget_text import date_format


def _office_address(office_id: int) -> str:
    from db.engine import reading

    with reading(engine()) as s:
        office = s.get(Office, office_id)
        return office.address if office else ""


def render(user: dict) -> None:
    st.title(_("Appointments"))
    flash_slot = st.empty()  # always there, so the tabs below keep their place (and the open tab) on reruns
    flash = st.session_state.pop(FLASH, None)  # set by the last press's callback
    if flash:
        flash_slot.success(flash)
    offices = appts.offices(engine(), user)
    office_names = dict(offices)
    office_id = user["office_id"]
    if len(offices) > 1:
        office_id = st.selectbox(
            _("Office"), list(office_names), index=list(office_names).index(user["office_id"])
            if user["office_id"] in office_names else 0, format_func=office_names.get, key="appt_office",
            placeholder=_("Choose an option"),
        )  # fmt: skip
    staff = appts.counselors(engine(), user, office_id)
    names = {0: _("Whole office"), **{c.id: c.name for c in staff}}
    left, middle, right = st.columns([2, 2, 1])
    default = user["id"] if user["role"] == "counselor" and user["id"] in names else 0
    who = left.selectbox(
        _("Calendar of"),
        list(names),
        index=list(names).index(default),
        format_func=names.get,
        key="appt_who",
        placeholder=_("Choose an option"),
    )
    day = middle.date_input(_("Day"), value=today_local(), key="appt_view_day", format=date_format())
    span = right.segmented_control(
        _("View"), ["day", "week"], format_func={"day": _("Day"), "week": _("Week")}.get, default="day",
        key="appt_span", required=True,
    )  # fmt: skip
    counselor_id = who or None
    first, days = (day, 1) if span == "day" else (week_start(day), 7)
    items = appts.calendar(engine(), user, first, days, counselor_id=counselor_id, office_id=office_id)
    # The office's workshops on the office calendar; on a counselor's, the timed ones they lead.
    workshops = appts.workshops(engine(), user, first, days, office_id, leader_id=counselor_id)

    tab_names = [_("Calendar"), _("Book"), _("Workshops"), _("Call list"), _("Reminder settings")]
    cal_tab, book_tab, workshop_tab, call_tab, settings_tab = st.tabs(tab_names, key="appt_tabs")
    with cal_tab:
        lists.failed(user, office_id, counselor_id)
        if span == "day":
            calendar.day_view(day, items, workshops, counselor_id is None)
        else:
            calendar.week_view(first, items, workshops, counselor_id is None)
        actions.chosen_panel(user, items)
    with book_tab:
        booking.booking_form(user, staff, _office_address(office_id))  # booking opens the calendar on its day
    with workshop_tab:
        st.subheader(_("Plan a workshop"))
        if office_id != user["office_id"]:
            st.caption(_("Workshops are planned for your own office."))
        else:
            place = _office_address(office_id)
            if workshop_plan.plan_form(user, key="appt_ws", default_place=place, confirm=False):
                flash_slot.success(_("The workshop was planned; it is on the office calendar."))
            workshop_plan.upcoming(user)
    with call_tab:
        lists.call_list(user, office_id, counselor_id)
    with settings_tab:
        lists.settings(user, office_id)
