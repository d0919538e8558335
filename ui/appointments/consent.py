"""A household's consent to reminders by email and by text, with the day it was given: shown and recorded.

Drawn on the appointments page (next to booking) and in the client file's Intake tab, next to the
household's contact details; both call `show`. Saving records both answers at once (audited, in
db.appointments.reminder_data.set_consents); an unchanged answer keeps the day the consent was first given.
"""

from __future__ import annotations

import streamlit as st

from calculators import InputError
from db.appointments import reminder_data
from db.local_time import today_local
from db.scope import AccessDenied
from ui.appointments.common import error_text
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import refuse, show_refusal, take_refusal
from ui.text import _, date
from ui.widget_text import date_format


def summary(state: reminder_data.Consent) -> str:
    """'Email: yes, since 2 Nov 2026; Text message: no' in the screen's language."""
    parts = []
    for since, name in ((state.email_since, _("Email")), (state.text_since, _("Text message"))):
        if since:
            parts.append(_("{channel}: yes, since {day}").format(channel=name, day=date(since)))
        else:
            parts.append(_("{channel}: no").format(channel=name))
    return _("Reminder consent — {state}").format(state="; ".join(parts))


@signed_in_only  # an ended session (idle, 12 hours, account changed) saves nothing
def _save(user: dict, household_id: int, key: str) -> None:
    """The form's callback: both answers are saved before the run, so the run shows the consent as it now is.

    `household_id` is the form's own (its key holds it), and the answers are read from session state. A
    refusal is kept for the run, which shows it in the form; a disabled account saves nothing (db.scope
    checks the account in every write), and the run then logs it out.
    """
    state = st.session_state
    answers = {"email": state.get(f"{key}_ce_{household_id}"), "text": state.get(f"{key}_ct_{household_id}")}
    try:
        reminder_data.set_consents(
            engine(), user, household_id, answers, state.get(f"{key}_con_{household_id}")
        )
    except InputError as err:
        refuse(f"{key}_consent_refused", (household_id,), message=error_text(err))
    except AccessDenied:
        refuse(
            f"{key}_consent_refused", (household_id,), message=_("You do not have access to this household.")
        )
    else:
        state[f"{key}_consent_saved_{household_id}"] = True


def show(user: dict, household_id: int, *, key: str = "appt", expanded: bool = False) -> None:
    """The household's consent and a small form to record the family's answer with its date.

    `key` keeps the widgets of two places apart ('appt' on the appointments page, 'hh' in the client file).
    """
    refused = take_refusal(f"{key}_consent_refused")  # the last press's, shown in this run only
    state = reminder_data.consent(engine(), user, household_id)
    st.caption(summary(state))
    if not (state.email_since or state.text_since):
        st.caption(
            _("Without consent this family gets no reminder; it appears on the call list the day before.")
        )
    if st.session_state.pop(f"{key}_consent_saved_{household_id}", False):
        st.success(_("Consent saved."))
    with (
        st.expander(_("Record reminder consent"), expanded=expanded),
        st.form(f"{key}_consent_{household_id}", enter_to_submit=False, border=False),
    ):
        st.checkbox(
            _("Agrees to reminders by email"), value=bool(state.email_since), key=f"{key}_ce_{household_id}"
        )
        st.checkbox(
            _("Agrees to reminders by text message"),
            value=bool(state.text_since),
            key=f"{key}_ct_{household_id}",
        )
        st.date_input(
            _("Date of the answer"),
            value=today_local(),
            key=f"{key}_con_{household_id}",
            format=date_format(),
        )
        show_refusal(refused, (household_id,))
        st.form_submit_button(_("Save consent"), on_click=_save, args=(user, household_id, key))
