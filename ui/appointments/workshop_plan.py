"""Plan a workshop for a time: topic, title, language, day, time, length, place and who leads it.

Shown on the appointments page (front desk) and the attendance page (trainers), so the workshop is on
the office calendar and its leader is not booked over it. Attendance is recorded on it once held.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from calculators import InputError
from db.appointments import workshop_plans as workshop_schedule
from db.codes import EDUCATION_TYPE
from db.local_time import today_local
from db.scope import AccessDenied
from ui.appointments.common import LENGTHS, TIMES, chooser_of, clock, day_name, error_text, minutes_label
from ui.db import engine
from ui.labels import EDUCATION_LABELS, LANGUAGE_LABELS, chooser, label
from ui.text import _, date
from ui.widget_text import date_format

LANGUAGES = ("es", "en")


def plan_form(user: dict, *, key: str = "wsp", default_place: str = "") -> int | None:
    """The planning form; returns the new workshop's id once planned (and shows where it stands)."""
    staff = dict(workshop_schedule.leaders(engine(), user))
    mine = user["id"] if user["id"] in staff else next(iter(staff), None)
    with st.form(f"{key}_form", enter_to_submit=False):
        title = st.text_input(
            _("Workshop title"), key=f"{key}_title", max_chars=workshop_schedule.TITLE_LIMIT
        )
        left, right = st.columns(2)
        education_type = left.selectbox(
            _("HUD-9902 education type"), EDUCATION_TYPE, format_func=chooser(EDUCATION_LABELS),
            key=f"{key}_type", placeholder=_("Choose an option"),
        )  # fmt: skip
        language = right.selectbox(
            _("Language of the workshop"), LANGUAGES, format_func=chooser(LANGUAGE_LABELS),
            key=f"{key}_lang", placeholder=_("Choose an option"),
        )  # fmt: skip
        left, middle, right = st.columns(3)
        day = left.date_input(
            _("Day of the workshop"),
            value=today_local() + dt.timedelta(days=7),
            key=f"{key}_day",
            format=date_format(),
        )
        at = middle.selectbox(
            _("Starts at"), TIMES, index=TIMES.index(dt.time(18)), format_func=chooser_of(TIMES, clock),
            key=f"{key}_time", placeholder=_("Choose an option"),
        )  # fmt: skip
        minutes = right.selectbox(
            _("Length"), LENGTHS, index=LENGTHS.index(120), format_func=chooser_of(LENGTHS, minutes_label),
            key=f"{key}_len", placeholder=_("Choose an option"),
        )  # fmt: skip
        place = st.text_input(_("Place"), value=default_place, key=f"{key}_place")
        leader = st.selectbox(
            _("Led by"), list(staff), index=list(staff).index(mine) if mine in staff else 0,
            format_func=staff.get, key=f"{key}_leader", placeholder=_("Choose an option"),
        )  # fmt: skip
        errors = st.empty()
        submitted = st.form_submit_button(_("Plan workshop"), type="primary")
    if not submitted:
        return None
    try:
        event_id = workshop_schedule.plan(
            engine(), user, day=day, start_time=at, minutes=minutes, place=place, leader_id=leader,
            education_type=education_type, title=title, language=language,
        )  # fmt: skip
    except InputError as err:
        errors.error(error_text(err), icon=":material/error:")
        return None
    except AccessDenied:
        errors.error(_("You do not have access to plan workshops."), icon=":material/error:")
        return None
    st.success(_("Workshop planned for {day} at {time}.").format(day=date(day), time=clock(at)))
    return event_id


def upcoming(user: dict, days: int = 60) -> None:
    """The office's planned workshops of the coming weeks, each with a button to take it off the calendar."""
    from db import appointments as appts

    items = [w for w in appts.workshops(engine(), user, today_local(), days) if w.starts is not None]
    st.subheader(_("Planned workshops"))
    if not items:
        st.caption(_("No workshops planned in the coming weeks."))
        return
    for w in items:
        left, right = st.columns([4, 1])
        left.text(
            " · ".join(
                part
                for part in (
                    f"{day_name(w.starts.date())} {clock(w.starts)}–{clock(w.ends)}",
                    label(EDUCATION_LABELS, w.education_type),
                    w.place,
                    w.leader_name,
                )
                if part
            )
        )
        if right.button(_("Cancel workshop"), key=f"wsp_cancel_{w.id}"):
            try:
                workshop_schedule.cancel(engine(), user, w.id)
            except InputError as err:
                st.error(error_text(err), icon=":material/error:")
            except AccessDenied:
                st.error(_("You do not have access to plan workshops."), icon=":material/error:")
            else:
                st.session_state["appt_flash"] = _("The workshop was cancelled; its leader is free again.")
                st.rerun()
