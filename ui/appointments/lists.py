"""Tomorrow's call list, reminders that failed, and the office's reminder settings."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from calculators import InputError
from db.appointments import reminder_data
from db.local_time import now_utc, today_local
from reminders import config
from ui.appointments.common import (
    CHANNEL_LABELS,
    REASON_LABELS,
    REMINDER_STATUS_LABELS,
    chooser_of,
    clock,
    day_name,
    error_text,
)
from ui.db import engine
from ui.labels import label
from ui.text import NO_VALUE, _
from ui.widget_text import date_format

OFFSET_CHOICES = (10080, 4320, 2880, 1440, 240, 120, 60)


def offset_label(minutes: int) -> str:
    if minutes % 1440 == 0:
        return _("{n} days before").format(n=minutes // 1440) if minutes > 1440 else _("1 day before")
    return _("{n} hours before").format(n=minutes // 60) if minutes > 60 else _("1 hour before")


def call_list(user: dict, office_id: int, counselor_id: int | None) -> None:
    st.subheader(_("Call list"))
    st.caption(
        _("Families with an appointment that get no email or text reminder: call them the day before.")
    )
    day = st.date_input(
        _("Appointments on"),
        value=today_local() + dt.timedelta(days=1),
        key="appt_call_day",
        format=date_format(),
    )
    items = reminder_data.call_list(engine(), user, day, counselor_id=counselor_id, office_id=office_id)
    if not items:
        st.success(_("Nobody to call for this day."))
        return
    table = pd.DataFrame(
        {
            _("Time"): [clock(c.appointment.starts) for c in items],
            _("Household"): [c.appointment.household_name for c in items],
            _("Phone"): [c.phone for c in items],
            _("Counselor"): [c.appointment.counselor_name for c in items],
            _("Why"): [label(REASON_LABELS, c.reason) for c in items],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", placeholder=NO_VALUE)


def failed(user: dict, office_id: int, counselor_id: int | None) -> None:
    rows = reminder_data.failed_reminders(
        engine(), user, now_utc(), counselor_id=counselor_id, office_id=office_id
    )
    if not rows:
        return
    st.warning(_("Some reminders could not be sent. Call these families."), icon=":material/warning:")
    table = pd.DataFrame(
        {
            _("Appointment"): [
                f"{day_name(f.appointment.starts.date())} {clock(f.appointment.starts)}" for f in rows
            ],
            _("Household"): [f.appointment.household_name for f in rows],
            _("Reminder"): [label(CHANNEL_LABELS, f.channel) for f in rows],
            _("Status"): [label(REMINDER_STATUS_LABELS, f.status) for f in rows],
            _("Tries"): [f.attempts for f in rows],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", placeholder=NO_VALUE)


def settings(user: dict, office_id: int) -> None:
    st.subheader(_("Reminder settings"))
    current = reminder_data.settings_for(engine(), office_id)
    if config.smtp() is None:
        st.info(_("Email is not set up on this server, so no email reminders go. Ask your administrator."))
    if config.text() is None:
        st.info(
            _("Text messages are not set up on this server, so no text reminders go. Ask your administrator.")
        )
    if user["role"] not in ("admin", "lead"):
        st.caption(
            _("Reminders go {times}.").format(times=", ".join(offset_label(m) for m in current.offsets))
        )
        return
    with st.form("appt_settings", enter_to_submit=False):
        offsets = st.multiselect(
            _("Send reminders"), OFFSET_CHOICES, default=[m for m in current.offsets if m in OFFSET_CHOICES],
            format_func=chooser_of(OFFSET_CHOICES, offset_label), key="appt_offsets",
            placeholder=_("Choose options"),
        )  # fmt: skip
        email_on = st.checkbox(_("By email"), value=current.email_on, key="appt_email_on")
        text_on = st.checkbox(_("By text message"), value=current.text_on, key="appt_text_on")
        saved = st.form_submit_button(_("Save reminder settings"))
    if saved:
        try:
            reminder_data.save_settings(engine(), user, office_id, offsets, email_on, text_on)
        except InputError as err:
            st.error(_("Choose one to four reminder times.") if err.field == "offsets" else error_text(err))
        else:
            st.success(_("Reminder settings saved."))
