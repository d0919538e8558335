"""Day and week views of one counselor's or a whole office's calendar (workshops on the office's)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from db.appointments.views import AppointmentView, WorkshopItem
from ui.appointments.common import MODE_LABELS, STATUS_LABELS, clock, day_name
from ui.labels import EDUCATION_LABELS, label
from ui.text import NO_VALUE, _, plain


def _line(a: AppointmentView, with_counselor: bool) -> str:
    parts = [f"{clock(a.starts)}–{clock(a.ends)}", a.household_name]
    if with_counselor:
        parts.append(a.counselor_name)
    if a.status != "booked":
        parts.append(label(STATUS_LABELS, a.status))
    return " · ".join(parts)


def _workshop_line(w: WorkshopItem) -> str:
    """'6:00 PM–8:00 PM · Workshop: … · Community room · Led by Ana' (by date only when it has no time)."""
    topic = _("Workshop: {topic}").format(topic=label(EDUCATION_LABELS, w.education_type))
    if w.starts is None or w.ends is None:
        return topic
    parts = [f"{clock(w.starts)}–{clock(w.ends)}", topic]
    if w.place:
        parts.append(w.place)
    if w.leader_name:
        parts.append(_("Led by {name}").format(name=w.leader_name))
    return " · ".join(parts)


def day_view(
    day: dt.date, items: list[AppointmentView], workshops: list[WorkshopItem], with_counselor: bool
) -> None:
    st.subheader(day_name(day))
    for w in workshops:
        st.info(plain(_workshop_line(w)), icon=":material/co_present:")  # place and names are typed text
    if not items:
        st.caption(_("No appointments on this day."))
        return
    table = pd.DataFrame(
        {
            _("Time"): [f"{clock(a.starts)}–{clock(a.ends)}" for a in items],
            _("Household"): [a.household_name for a in items],
            _("Counselor"): [a.counselor_name for a in items],
            _("How"): [label(MODE_LABELS, a.mode) for a in items],
            _("Status"): [label(STATUS_LABELS, a.status) for a in items],
        }
    )
    if not with_counselor:
        table = table.drop(columns=[_("Counselor")])
    st.dataframe(table, hide_index=True, width="stretch", placeholder=NO_VALUE)


def week_view(
    monday: dt.date, items: list[AppointmentView], workshops: list[WorkshopItem], with_counselor: bool
) -> None:
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    st.subheader(_("Week of {day}").format(day=day_name(monday)))
    columns = st.columns(7)
    for column, day in zip(columns, days, strict=True):
        with column:
            st.markdown(f"**{plain(day_name(day).split(',')[0])}**  \n{plain(str(day.day))}")
            for w in (w for w in workshops if w.event_date == day):
                st.caption(plain(_workshop_line(w)))
            today = [a for a in items if a.starts.date() == day]
            for a in today:
                st.markdown(plain(_line(a, with_counselor)))
            if not today:
                st.caption("—")
