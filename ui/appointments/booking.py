"""Book a household: find it, choose the counselor, day, time, length, how and where; its reminder consent."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from calculators import InputError
from db import appointments as appts
from db import codes, households
from db.appointments.views import Counselor
from db.local_time import today_local
from ui.appointments import consent
from ui.appointments.common import LENGTHS, MODE_LABELS, TIMES, chooser_of, clock, error_text, minutes_label
from ui.clients import selected_household_id
from ui.db import engine
from ui.labels import PURPOSE_LABELS, chooser
from ui.text import _, date
from ui.widget_text import date_format


def find_household(user: dict) -> int | None:
    """A search box and the matching households of the office; the open client file comes first."""
    text = st.text_input(_("Find a household (name or phone)"), key="appt_find")
    found = households.search(engine(), user, text=text, per_page=20).rows if text.strip() else []
    names = {row["id"]: f"{row['display_name']} · {row['phone']}" for row in found}
    current = selected_household_id()
    if current is not None and current not in names:
        try:
            row = households.get(engine(), user, current)
            names = {current: f"{row['display_name']} · {row.get('phone', '')}", **names}
        except Exception:  # a file of another office or one that was removed: just leave it out
            pass
    if not names:
        st.caption(_("Type part of a name or phone number to find the household."))
        return None
    return st.selectbox(
        _("Household"),
        list(names),
        format_func=names.get,
        key="appt_household",
        placeholder=_("Choose an option"),
    )


def booking_form(user: dict, staff: list[Counselor], default_place: str) -> int | None:
    """The booking form; returns the new appointment's id once booked."""
    st.subheader(_("Book an appointment"))
    household_id = find_household(user)
    if household_id is None:
        return None
    consent.show(user, household_id, key="appt")
    names = {c.id: c.name for c in staff}
    mine = user["id"] if user["id"] in names else (staff[0].id if staff else None)
    with st.form("appt_book", enter_to_submit=False):  # Enter picks a filtered option; it never books
        counselor = st.selectbox(
            _("Counselor"), list(names), index=list(names).index(mine) if mine in names else 0,
            format_func=names.get, key="appt_counselor",
            placeholder=_("Choose an option"),
        )  # fmt: skip
        left, right = st.columns(2)
        day = left.date_input(
            _("Day"), value=today_local() + dt.timedelta(days=1), key="appt_day", format=date_format()
        )
        at = right.selectbox(
            _("Time"),
            TIMES,
            index=TIMES.index(dt.time(10)),
            format_func=chooser_of(TIMES, clock),
            key="appt_time",
            placeholder=_("Choose an option"),
        )
        left, right = st.columns(2)
        minutes = left.selectbox(
            _("Length"),
            LENGTHS,
            index=LENGTHS.index(60),
            format_func=chooser_of(LENGTHS, minutes_label),
            key="appt_len",
            placeholder=_("Choose an option"),
        )
        mode = right.radio(
            _("How"), list(MODE_LABELS), format_func=chooser(MODE_LABELS), horizontal=True, key="appt_mode"
        )
        purpose = st.selectbox(
            _("Purpose (never shown in reminders)"), list(codes.COUNSELING_PURPOSE),
            index=codes.COUNSELING_PURPOSE.index("prepurchase"), format_func=chooser(PURPOSE_LABELS), key="appt_purpose",
            placeholder=_("Choose an option"),
        )  # fmt: skip
        place = st.text_input(_("Place"), value=default_place, key="appt_place")
        bring = st.text_area(
            _("What to bring"), key="appt_bring", placeholder=_("For example: last two pay stubs, ID")
        )
        errors = st.empty()
        submitted = st.form_submit_button(_("Book"), type="primary")
    if not submitted:
        return None
    try:
        new_id = appts.book(
            engine(), user, household_id, counselor_id=counselor, day=day, start_time=at, minutes=minutes,
            mode=mode, purpose=purpose, place=place, bring=bring,
        )  # fmt: skip
    except InputError as err:
        errors.error(error_text(err), icon=":material/error:")
        return None
    st.success(_("Booked for {day} at {time}.").format(day=date(day), time=clock(at)))
    return new_id
