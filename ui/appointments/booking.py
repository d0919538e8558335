"""Book a household: find it, choose the counselor, day, time, length, how and where; its reminder consent."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from calculators import InputError
from db import appointments as appts
from db import codes, households
from db.appointments.views import Counselor
from db.local_time import today_local
from db.scope import AccessDenied
from ui.appointments import consent
from ui.appointments.common import (
    FLASH,
    LENGTHS,
    MODE_LABELS,
    TIMES,
    chooser_of,
    clock,
    error_text,
    minutes_label,
)
from ui.auth import signed_in_only
from ui.clients import selected_household_id
from ui.db import engine
from ui.errors import refuse, show_refusal, take_refusal
from ui.labels import PURPOSE_LABELS, chooser
from ui.text import _
from ui.widget_text import date_format

REFUSED = "appt_book_refused"  # the Refusal of the last Book press, shown by the next run only
BOOK = ("book",)  # the box of that refusal: the booking form


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


@signed_in_only  # an ended session (idle, 12 hours, account changed) books nothing
def _book(user: dict) -> None:
    """The Book button's callback: booked before the run, so the run draws the calendar once, on that day.

    The household and the form's fields are read from session state as they were at the press. A refusal
    is kept for the run, which shows it in the form; a disabled account books nothing (db.scope checks the
    account in every write), and the run then logs it out.
    """
    state = st.session_state
    try:
        appts.book(
            engine(), user, state.get("appt_household"), counselor_id=state.get("appt_counselor"),
            day=state.get("appt_day"), start_time=state.get("appt_time"), minutes=state.get("appt_len"),
            mode=state.get("appt_mode"), purpose=state.get("appt_purpose"), place=state.get("appt_place", ""),
            bring=state.get("appt_bring", ""),
        )  # fmt: skip
    except InputError as err:
        refuse(REFUSED, BOOK, message=error_text(err))
    except AccessDenied:
        refuse(REFUSED, BOOK, message=_("You do not have access to this household."))
    else:
        state[FLASH] = _("The appointment was booked.")
        state["appt_view_day"] = state.get("appt_day")  # the calendar opens on the day booked


def booking_form(user: dict, staff: list[Counselor], default_place: str) -> None:
    """The booking form; the Book button books in its callback (`_book`)."""
    refused = take_refusal(REFUSED)  # the last press's refusal, shown in this run only
    st.subheader(_("Book an appointment"))
    household_id = find_household(user)
    if household_id is None:
        return
    consent.show(user, household_id, key="appt")
    names = {c.id: c.name for c in staff}
    mine = user["id"] if user["id"] in names else (staff[0].id if staff else None)
    with st.form("appt_book", enter_to_submit=False):  # Enter picks a filtered option; it never books
        st.selectbox(
            _("Counselor"), list(names), index=list(names).index(mine) if mine in names else 0,
            format_func=names.get, key="appt_counselor",
            placeholder=_("Choose an option"),
        )  # fmt: skip
        left, right = st.columns(2)
        left.date_input(
            _("Day"), value=today_local() + dt.timedelta(days=1), key="appt_day", format=date_format()
        )
        right.selectbox(
            _("Time"),
            TIMES,
            index=TIMES.index(dt.time(10)),
            format_func=chooser_of(TIMES, clock),
            key="appt_time",
            placeholder=_("Choose an option"),
        )
        left, right = st.columns(2)
        left.selectbox(
            _("Length"),
            LENGTHS,
            index=LENGTHS.index(60),
            format_func=chooser_of(LENGTHS, minutes_label),
            key="appt_len",
            placeholder=_("Choose an option"),
        )
        right.radio(
            _("How"), list(MODE_LABELS), format_func=chooser(MODE_LABELS), horizontal=True, key="appt_mode"
        )
        st.selectbox(
            _("Purpose (never shown in reminders)"), list(codes.COUNSELING_PURPOSE),
            index=codes.COUNSELING_PURPOSE.index("prepurchase"), format_func=chooser(PURPOSE_LABELS), key="appt_purpose",
            placeholder=_("Choose an option"),
        )  # fmt: skip
        st.text_input(_("Place"), value=default_place, key="appt_place")
        st.text_area(
            _("What to bring"), key="appt_bring", placeholder=_("For example: last two pay stubs, ID")
        )
        show_refusal(refused, BOOK)
        st.form_submit_button(_("Book"), type="primary", on_click=_book, args=(user,))
