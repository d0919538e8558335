"""Plan a workshop for a time: topic, title, language, day, time, length, place and who leads it.

Shown on the appointments page (front desk) and the attendance page (trainers), so the workshop is on
the office calendar and its leader is not booked over it. Attendance is recorded on it once held.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from calculators import InputError
from db.appointments import workshop_plans as workshop_schedule
from db.codes import EDUCATION_TYPE
from db.local_time import today_local
from db.scope import AccessDenied
from ui.appointments.common import (
    FLASH,
    LENGTHS,
    TIMES,
    chooser_of,
    clock,
    day_name,
    error_text,
    minutes_label,
)
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import refuse, show_refusal, take_refusal
from ui.labels import EDUCATION_LABELS, LANGUAGE_LABELS, chooser, label
from ui.text import _, date
from ui.widget_text import date_format

LANGUAGES = ("es", "en")
CANCEL_REFUSED = "wsp_cancel_refused"  # the last Cancel workshop press's Refusal, for the next run only


@dataclass(frozen=True)
class Planned:
    """A workshop planned in the form's callback, kept for the run: its id, and the sentence saying when."""

    event_id: int
    note: str


@signed_in_only  # an ended session (idle, 12 hours, account changed) plans nothing
def _plan(user: dict, key: str) -> None:
    """The form's callback: planned before the run, so the calendars drawn by the run show the workshop.

    The fields are read from session state as they were at the press; the run shows the confirmation, or
    the refusal, at the form (`plan_form`). A disabled account plans nothing (workshop_plans.plan checks the
    account), and the run then logs it out.
    """
    state = st.session_state
    day, at = state.get(f"{key}_day"), state.get(f"{key}_time")
    try:
        event_id = workshop_schedule.plan(
            engine(), user, day=day, start_time=at, minutes=state.get(f"{key}_len"),
            place=state.get(f"{key}_place", ""), leader_id=state.get(f"{key}_leader"),
            education_type=state.get(f"{key}_type"), title=state.get(f"{key}_title", ""),
            language=state.get(f"{key}_lang"),
        )  # fmt: skip
    except InputError as err:
        refuse(f"{key}_refused", (key,), message=error_text(err))
    except AccessDenied:
        refuse(f"{key}_refused", (key,), message=_("You do not have access to plan workshops."))
    else:
        note = _("Workshop planned for {day} at {time}.").format(day=date(day), time=clock(at))
        state[f"{key}_planned"] = Planned(event_id, note)


def plan_form(user: dict, *, key: str = "wsp", default_place: str = "", confirm: bool = True) -> int | None:
    """The planning form, planning in its callback (`_plan`); returns the new workshop's id in the run after.

    `confirm`: say under the form where the workshop stands (a page that confirms at its top says False).
    """
    refused = take_refusal(f"{key}_refused")  # the last press's, shown in this run only
    planned = st.session_state.pop(f"{key}_planned", None)
    staff = dict(workshop_schedule.leaders(engine(), user))
    mine = user["id"] if user["id"] in staff else next(iter(staff), None)
    with st.form(f"{key}_form", enter_to_submit=False):
        st.text_input(_("Workshop title"), key=f"{key}_title", max_chars=workshop_schedule.TITLE_LIMIT)
        left, right = st.columns(2)
        left.selectbox(
            _("HUD-9902 education type"), EDUCATION_TYPE, format_func=chooser(EDUCATION_LABELS),
            key=f"{key}_type", placeholder=_("Choose an option"),
        )  # fmt: skip
        right.selectbox(
            _("Language of the workshop"), LANGUAGES, format_func=chooser(LANGUAGE_LABELS),
            key=f"{key}_lang", placeholder=_("Choose an option"),
        )  # fmt: skip
        left, middle, right = st.columns(3)
        left.date_input(
            _("Day of the workshop"),
            value=today_local() + dt.timedelta(days=7),
            key=f"{key}_day",
            format=date_format(),
        )
        middle.selectbox(
            _("Starts at"), TIMES, index=TIMES.index(dt.time(18)), format_func=chooser_of(TIMES, clock),
            key=f"{key}_time", placeholder=_("Choose an option"),
        )  # fmt: skip
        right.selectbox(
            _("Length"), LENGTHS, index=LENGTHS.index(120), format_func=chooser_of(LENGTHS, minutes_label),
            key=f"{key}_len", placeholder=_("Choose an option"),
        )  # fmt: skip
        st.text_input(_("Place"), value=default_place, key=f"{key}_place")
        st.selectbox(
            _("Led by"), list(staff), index=list(staff).index(mine) if mine in staff else 0,
            format_func=staff.get, key=f"{key}_leader", placeholder=_("Choose an option"),
        )  # fmt: skip
        show_refusal(refused, (key,))
        st.form_submit_button(_("Plan workshop"), type="primary", on_click=_plan, args=(user, key))
    if planned is None:
        return None
    if confirm:
        st.success(planned.note)
    return planned.event_id


@signed_in_only
def _cancel(user: dict, event_id: int) -> None:
    """A Cancel workshop button's callback: taken off before the run, so the run draws the calendar without it."""
    state = st.session_state
    try:
        workshop_schedule.cancel(engine(), user, event_id)
    except InputError as err:
        refuse(CANCEL_REFUSED, (event_id,), message=error_text(err))
    except AccessDenied:
        refuse(CANCEL_REFUSED, (event_id,), message=_("You do not have access to plan workshops."))
    else:
        state[FLASH] = _("The workshop was cancelled; its leader is free again.")


def upcoming(user: dict, days: int = 60) -> None:
    """The office's planned workshops of the coming weeks, each with a button to take it off the calendar."""
    from db import appointments as appts

    refused = take_refusal(CANCEL_REFUSED)  # the last press's, shown in this run only
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
        right.button(_("Cancel workshop"), key=f"wsp_cancel_{w.id}", on_click=_cancel, args=(user, w.id))
        show_refusal(refused, (w.id,))
