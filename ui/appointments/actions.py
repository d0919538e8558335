"""One appointment: its details and history, print its card, reschedule, cancel, no-show, or kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

import streamlit as st

from calculators import InputError
from db import appointments as appts
from db.appointments import reminder_data, reminder_queue
from db.appointments.views import AppointmentView
from db.scope import AccessDenied
from i18n import file_names
from reminders import config
from reports.appointments.card import card_pdf
from ui.appointments.common import (
    FLASH,
    MODE_LABELS,
    STATUS_LABELS,
    TIMES,
    chooser_of,
    clock,
    day_name,
    error_text,
)
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import ERROR_ICON, Refusal, refuse, show_refusal, take_refusal
from ui.labels import PURPOSE_LABELS, label
from ui.text import _
from ui.widget_text import date_format

REFUSED = "appt_refused"  # the Refusal of the last press on an appointment, shown by the next run only


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


def _kept(user: dict, appointment_id: int) -> str:
    appts.mark_kept(engine(), user, appointment_id)
    return _("The session was added to the client file.")


def _no_show(user: dict, appointment_id: int) -> str:
    appts.mark_no_show(engine(), user, appointment_id)
    return _("The no-show was recorded.")


def _reschedule(user: dict, appointment_id: int, household_id: int) -> str:
    """Moved to the day, time and counselor in the form at the press (read from session state)."""
    state = st.session_state
    told = who_tells(user, household_id)
    day, at = state.get(f"appt_rday_{appointment_id}"), state.get(f"appt_rtime_{appointment_id}")
    who = state.get(f"appt_rwho_{appointment_id}")
    appts.reschedule(engine(), user, appointment_id, day=day, start_time=at, counselor_id=who)
    return _("Rescheduled to {day} at {time}.").format(day=day_name(day), time=clock(at)) + " " + told


def _cancel(user: dict, appointment_id: int, household_id: int) -> str:
    told = who_tells(user, household_id)
    appts.cancel(engine(), user, appointment_id, st.session_state.get(f"appt_cnote_{appointment_id}", ""))
    return _("The appointment was cancelled.") + " " + told


@signed_in_only  # an ended session (idle, 12 hours, account changed) saves nothing
def _save(box: tuple, action: Callable[[], str]) -> None:
    """A button's callback: saved before the run, so the run draws the calendar once, as it now is.

    Saved inside the run, a press needed st.rerun() and the page was drawn twice. `action` returns the
    confirmation (shown at the top); a refusal is kept for the run, at its box. A disabled account saves
    nothing (db.scope checks the account in every write), and the run then logs it out.
    """
    try:
        st.session_state[FLASH] = action()
    except InputError as err:
        refuse(REFUSED, box, message=error_text(err))
    except AccessDenied:
        refuse(REFUSED, box, message=_("You do not have access to this household."))


def chosen_panel(user: dict, items: list[AppointmentView]) -> None:
    """The appointment chosen in the list and its panel; the last press's refusal is shown in this run only."""
    refused = take_refusal(REFUSED)
    above = st.empty()  # the refusal of an appointment not in the panel (moved or cancelled meanwhile)
    chosen = pick(items)
    if refused is not None and refused.box[1] != chosen:
        above.error(refused.message, icon=ERROR_ICON)
        refused = None
    if chosen is not None:
        panel(user, chosen, refused)


def _boxes(a: AppointmentView, started: bool) -> set[tuple]:
    """The boxes of this appointment's panel that have a button, so a refusal is shown at its own."""
    if a.status != "booked":
        return set()
    return {("reschedule", a.id), ("cancel", a.id)} | ({("status", a.id)} if started else set())


def panel(user: dict, appointment_id: int, refused: Refusal | None = None) -> None:
    """One appointment's details, card and history; while booked, its buttons, each saving in its callback."""
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
    started = a.starts <= dt.datetime.now(a.starts.tzinfo)
    if refused is not None and refused.box not in _boxes(a, started):
        st.error(refused.message, icon=ERROR_ICON)  # its button is gone: the appointment changed
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
    if started:
        left, right = st.columns(2)
        status = ("status", a.id)
        left.button(
            _("Kept: log the session"),
            key=f"appt_kept_{a.id}",
            type="primary",
            on_click=_save,
            args=(status, partial(_kept, user, a.id)),
        )
        right.button(
            _("No-show"),
            key=f"appt_noshow_{a.id}",
            on_click=_save,
            args=(status, partial(_no_show, user, a.id)),
        )
        show_refusal(refused, status)
    with st.expander(_("Reschedule")), st.form(f"appt_rform_{a.id}", border=False, enter_to_submit=False):
        left, right = st.columns(2)
        left.date_input(_("New day"), value=a.starts.date(), key=f"appt_rday_{a.id}", format=date_format())
        start = a.starts.time().replace(tzinfo=None)
        right.selectbox(
            _("New time"),
            TIMES,
            index=TIMES.index(start) if start in TIMES else 0,
            format_func=chooser_of(TIMES, clock),
            key=f"appt_rtime_{a.id}",
            placeholder=_("Choose an option"),
        )
        staff = {c.id: c.name for c in appts.counselors(engine(), user, a.office_id)}
        staff.setdefault(a.counselor_id, a.counselor_name)
        st.selectbox(  # a colleague of the same office may take it
            _("Counselor"),
            list(staff),
            index=list(staff).index(a.counselor_id),
            format_func=staff.get,
            key=f"appt_rwho_{a.id}",
            placeholder=_("Choose an option"),
        )
        st.form_submit_button(
            _("Reschedule"),
            key=f"appt_rgo_{a.id}",
            type="primary",
            on_click=_save,
            args=(("reschedule", a.id), partial(_reschedule, user, a.id, a.household_id)),
        )
        show_refusal(refused, ("reschedule", a.id))
    with st.expander(_("Cancel")):
        st.text_input(_("Reason (optional)"), key=f"appt_cnote_{a.id}")
        st.button(
            _("Cancel appointment"),
            key=f"appt_cgo_{a.id}",
            on_click=_save,
            args=(("cancel", a.id), partial(_cancel, user, a.id, a.household_id)),
        )
        show_refusal(refused, ("cancel", a.id))
