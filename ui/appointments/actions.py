"""One appointment: its details and history, print its card, reschedule, cancel, no-show, or kept."""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from calculators import InputError
from db import appointments as appts
from db.appointments import reminder_data, reminder_queue
from db.appointments.views import AppointmentView
from i18n import file_names
from reminders import config
from reports.appointments.card import card_pdf
from ui.appointments.common import MODE_LABELS, STATUS_LABELS, TIMES, chooser_of, clock, day_name, error_text
from ui.db import engine
from ui.labels import PURPOSE_LABELS, label
from ui.text import _
from ui.widget_text import date_format


def pick(items: list[AppointmentView]) -> int | None:
    if not items:
        return None
    names = {
        a.id: f"{day_name(a.starts.date())} {clock(a.starts)} · {a.household_name} · {a.counselor_name}"
        for a in items
    }
    return st.selectbox(
        _("Appointment"),
        list(names),
        format_func=names.get,
        key="appt_pick",
        placeholder=_("Choose an option"),
    )


def who_tells(user: dict, household_id: int) -> str:
    """After a move or cancel: whether the family is told by email or text (consent and a configured
    channel), or must be called."""
    state = reminder_data.consent(engine(), user, household_id)
    ways = [
        name
        for since, name, on in (
            (state.email_since, _("email"), config.smtp() is not None),
            (state.text_since, _("text message"), config.text() is not None),
        )
        if since and on
    ]
    if not ways:
        return _("The family gets no email or text notice: please call them.")
    if len(ways) == 2:
        ways = [_("{first} and {second}").format(first=ways[0], second=ways[1])]
    return _("The family will be told by {ways}.").format(ways=ways[0])


def _run(action, done: str) -> None:
    try:
        action()
    except InputError as err:
        st.error(error_text(err), icon=":material/error:")
    else:
        st.session_state["appt_flash"] = done
        st.rerun()


def panel(user: dict, appointment_id: int) -> None:
    a = appts.get(engine(), user, appointment_id)
    lines = [
        (_("When"), f"{day_name(a.starts.date())}, {clock(a.starts)}–{clock(a.ends)}"),
        (_("Household"), a.household_name),
        (_("Counselor"), a.counselor_name),
        (_("How"), f"{label(MODE_LABELS, a.mode)} · {a.place}"),
        (_("Purpose"), label(PURPOSE_LABELS, a.purpose)),
        (_("Status"), label(STATUS_LABELS, a.status)),
    ]  # labels outside f-strings, so the catalog extractor sees them
    st.text("\n".join(f"{name}: {value}" for name, value in lines))
    large = st.toggle(_("Large print"), key=f"appt_large_{a.id}")
    details = reminder_queue.details(engine(), user, a.id)
    st.download_button(
        _("Print appointment card (PDF)"),
        data=partial(card_pdf, details, large_print=large),  # built when pressed, not on every rerun
        on_click="ignore",  # a rerun would register the PDF anew and could drop the one being fetched
        file_name=file_names.file_name(file_names.APPOINTMENT, details.language, a.id),
        mime="application/pdf",
        key=f"appt_card_{a.id}",
    )
    chain = appts.history(engine(), user, a.id)
    if len(chain) > 1:
        with st.expander(_("History ({n} changes)").format(n=len(chain) - 1)):
            for old in chain:
                st.text(
                    f"{day_name(old.starts.date())} {clock(old.starts)} · {old.counselor_name} · {label(STATUS_LABELS, old.status)}"
                )
    if a.status != "booked":
        return
    started = a.starts <= dt.datetime.now(a.starts.tzinfo)
    if started:
        left, right = st.columns(2)
        if left.button(_("Kept: log the session"), key=f"appt_kept_{a.id}", type="primary"):
            _run(
                lambda: appts.mark_kept(engine(), user, a.id), _("The session was added to the client file.")
            )
        if right.button(_("No-show"), key=f"appt_noshow_{a.id}"):
            _run(lambda: appts.mark_no_show(engine(), user, a.id), _("The no-show was recorded."))
    with st.expander(_("Reschedule")), st.form(f"appt_rform_{a.id}", border=False, enter_to_submit=False):
        left, right = st.columns(2)
        day = left.date_input(
            _("New day"), value=a.starts.date(), key=f"appt_rday_{a.id}", format=date_format()
        )
        start = a.starts.time().replace(tzinfo=None)
        at = right.selectbox(
            _("New time"),
            TIMES,
            index=TIMES.index(start) if start in TIMES else 0,
            format_func=chooser_of(TIMES, clock),
            key=f"appt_rtime_{a.id}",
            placeholder=_("Choose an option"),
        )
        staff = {c.id: c.name for c in appts.counselors(engine(), user, a.office_id)}
        staff.setdefault(a.counselor_id, a.counselor_name)
        who = st.selectbox(  # a colleague of the same office may take it
            _("Counselor"),
            list(staff),
            index=list(staff).index(a.counselor_id),
            format_func=staff.get,
            key=f"appt_rwho_{a.id}",
            placeholder=_("Choose an option"),
        )
        if st.form_submit_button(_("Reschedule"), key=f"appt_rgo_{a.id}", type="primary"):
            _run(
                lambda: appts.reschedule(engine(), user, a.id, day=day, start_time=at, counselor_id=who),
                _("Rescheduled to {day} at {time}.").format(day=day_name(day), time=clock(at))
                + " "
                + who_tells(user, a.household_id),
            )
    with st.expander(_("Cancel")):
        note = st.text_input(_("Reason (optional)"), key=f"appt_cnote_{a.id}")
        if st.button(_("Cancel appointment"), key=f"appt_cgo_{a.id}"):
            _run(
                lambda: appts.cancel(engine(), user, a.id, note),
                _("The appointment was cancelled.") + " " + who_tells(user, a.household_id),
            )
