"""The follow-up stages on the Follow-up page: who is due, tries logged, the letter, and closing.

Rules and queries live in db.follow_up; the letter is reports.follow_up_letter. Household names are
shown only in tables and selectboxes (plain text), never as Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from db import activity, codes, follow_up
from db.local_time import today_local
from db.scope import AccessDenied
from i18n import file_names
from reports.follow_up_letter import letter_pdf
from ui.clients import open_household
from ui.db import engine
from ui.errors import FieldErrors, Refusal, show_refusal, take_refusal
from ui.households.labels import frozen
from ui.labels import CLOSE_REASON_LABELS, LANGUAGE_LABELS, OUTCOME_LABELS, chooser, label
from ui.saving import save_in_callback
from ui.text import N_, NO_VALUE, _, date, ngettext
from ui.widget_text import date_format

STAGE_LABELS = {
    "due": N_("Due: no contact in 60 days"),
    "attempt_1": N_("Try 1 logged"),
    "attempt_2": N_("Try 2 logged: send the letter"),
    "letter_sent": N_("Letter sent: waiting for an answer"),
    "ready_to_close": N_("Ready to close"),
}
METHOD_LABELS = {
    "phone": N_("Phone call"),
    "text": N_("Text message"),
    "email": N_("E-mail"),
    "in_person": N_("Visit"),
    "mail": N_("Mail"),
}
RESULT_LABELS = {
    "no_answer": N_("No answer"),
    "left_message": N_("Left a message"),
    "wrong_number": N_("Wrong number or address"),
    "reached": N_("Reached the family"),
    "sent": N_("Sent"),
}
KIND_LABELS = {"attempt": N_("Try"), "letter": N_("Letter")}
ERRORS = {
    "invalid_choice": N_("Please choose one of the options."),
    "date_in_future": N_("This date is in the future."),
    "before_opened": N_("This date is before the file was opened."),
    "already_closed": N_("This file is already closed."),
}
FLASH = "fu_flash"
PICK = "fu_pick"  # the household worked on (its id)
REFUSED = "fu_refused"  # the ui.errors.Refusal of a save refused in its callback
OUT_OF_REACH = N_("You do not have access to this household.")  # a save's household gone to another office
CLIENT_FILE = "app_pages/household.py"


def _day(value) -> str:
    return date(value, "medium") if value else "—"


def stage_table(rows: list[follow_up.FollowUpRow]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("Name"): [r.display_name for r in rows],
            _("Phone"): [r.phone for r in rows],
            _("Follow-up stage"): [label(STAGE_LABELS, r.stage) for r in rows],
            _("Days without contact"): [r.days_silent for r in rows],
            _("Tries logged"): [r.tries for r in rows],
            _("Letter sent"): [_day(r.letter_on) for r in rows],
            _("Answer due by"): [_day(r.answer_by) for r in rows],
            _("Language"): [label(LANGUAGE_LABELS, r.preferred_language) for r in rows],
            _("Counselor"): [r.counselor_name for r in rows],
        }
    )


def stage_counts(rows: list[follow_up.FollowUpRow]) -> None:
    columns = st.columns(len(follow_up.STAGES))
    for column, stage in zip(columns, follow_up.STAGES, strict=True):
        column.metric(_(STAGE_LABELS[stage]), sum(1 for r in rows if r.stage == stage))


def show_flash() -> None:
    """The last step's confirmation, shown after the rerun (the household may have left the list)."""
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH), icon=":material/check_circle:")


def _save_button(
    label: str, box: str, action: Callable[[], str], errors: FieldErrors, refused: Refusal | None
) -> None:
    """The box's button, saving in its callback (ui.saving); below it, or at its field, the last refusal."""
    # Each action saves for the household picked at the press (PICK), not the one of the last drawing: a
    # pick and a quick press can arrive before the page was drawn again.
    st.button(
        label,
        key=f"fu_{box}_save",
        type="primary",
        on_click=save_in_callback,
        args=(REFUSED, FLASH, box, action, OUT_OF_REACH),
    )
    show_refusal(refused, box, errors, ERRORS)


def _try_box(user: dict, row: follow_up.FollowUpRow, refused: Refusal | None) -> None:
    errors = FieldErrors()
    st.date_input(_("Day of the try"), value=today_local(), key="fu_try_on", format=date_format())
    errors.slot("made_on")
    a, b = st.columns(2)
    methods = follow_up.ATTEMPT_METHODS
    a.selectbox(
        _("How"), methods, format_func=frozen(methods, chooser(METHOD_LABELS)), key="fu_try_method",
        placeholder=_("Choose an option"),
    )
    results = follow_up.ATTEMPT_RESULTS
    b.selectbox(
        _("Result"), results, format_func=frozen(results, chooser(RESULT_LABELS)), key="fu_try_result",
        placeholder=_("Choose an option"),
    )
    _save_button(_("Log this try"), "try", partial(_log_try, user), errors, refused)


def _log_try(user: dict) -> str:
    state = st.session_state
    follow_up.log_attempt(
        engine(),
        user,
        state.get(PICK),
        made_on=state.get("fu_try_on"),
        method=state.get("fu_try_method"),
        result=state.get("fu_try_result"),
    )
    return _("Try logged.")


def _letter_box(user: dict, row: follow_up.FollowUpRow, refused: Refusal | None) -> None:
    errors = FieldErrors()
    if row.tries < follow_up.TRIES_BEFORE_LETTER and row.letter_on is None:
        st.caption(_("HUD's guide: send the letter after two tries that did not reach the family."))
    languages = follow_up.LETTER_LANGUAGES
    st.selectbox(
        _("Language of the letter"),
        languages,
        index=languages.index(row.preferred_language) if row.preferred_language in languages else 0,
        format_func=frozen(languages, chooser(LANGUAGE_LABELS)),
        key=f"fu_letter_lang_{row.household_id}",
        placeholder=_("Choose an option"),
    )
    st.date_input(_("Day the letter is sent"), value=today_local(), key="fu_letter_on", format=date_format())
    errors.slot("sent_on")
    methods = follow_up.LETTER_METHODS
    st.selectbox(
        _("Sent by"), methods, format_func=frozen(methods, chooser(METHOD_LABELS)), key="fu_letter_method",
        placeholder=_("Choose an option"),
    )
    state = st.session_state
    language = state.get(f"fu_letter_lang_{row.household_id}")
    sent_on = state.get("fu_letter_on") or today_local()
    if st.button(_("Prepare the letter (PDF)"), key="fu_letter_make"):
        data = follow_up.letter_data(engine(), user, row.household_id, sent_on=sent_on, language=language)
        state["fu_letter_pdf"] = (row.household_id, language, letter_pdf(data))
    ready = state.get("fu_letter_pdf")
    if ready and ready[0] == row.household_id and ready[1] == language:
        st.download_button(
            _("Download the letter"),
            ready[2],
            file_name=file_names.file_name(file_names.FOLLOW_UP_LETTER, language),
            mime="application/pdf",
            key="fu_letter_download",
        )
    _save_button(_("Record the letter as sent"), "letter", partial(_record_letter, user), errors, refused)


def _record_letter(user: dict) -> str:
    state = st.session_state
    household_id = state.get(PICK)
    answer_by = follow_up.record_letter(
        engine(),
        user,
        household_id,
        sent_on=state.get("fu_letter_on") or today_local(),
        method=state.get("fu_letter_method"),
        language=state.get(f"fu_letter_lang_{household_id}"),
    )
    return _("Letter recorded. The family has until {day} to answer.").format(day=date(answer_by))


def _outcome_box(user: dict, row: follow_up.FollowUpRow, refused: Refusal | None) -> None:
    errors = FieldErrors()
    st.caption(_("An outcome the family tells you about at a follow-up counts in the HUD-9902, section 10."))
    st.selectbox(
        _("Outcome (HUD-9902 section 10)"),
        codes.OUTCOME,
        format_func=frozen(codes.OUTCOME, chooser(OUTCOME_LABELS)),
        key="fu_outcome",
        placeholder=_("Choose an option"),
    )
    errors.slot("outcome")
    st.date_input(_("Day confirmed"), value=today_local(), key="fu_outcome_on", format=date_format())
    errors.slot("achieved_on")
    _save_button(_("Save the outcome"), "outcome", partial(_confirm_outcome, user), errors, refused)


def _confirm_outcome(user: dict) -> str:
    state = st.session_state
    follow_up.confirm_outcome(
        engine(), user, state.get(PICK), state.get("fu_outcome"), state.get("fu_outcome_on")
    )
    return _("Outcome saved. Talking with the family counts as contact.")


def _close_box(user: dict, row: follow_up.FollowUpRow, refused: Refusal | None) -> None:
    errors = FieldErrors()
    if row.stage != "ready_to_close":
        st.caption(_("HUD's guide: close for no contact after the letter's 30 days have passed."))
    reasons = codes.CLOSE_REASON
    st.selectbox(
        _("Reason for closing (HUD)"),
        reasons,
        index=reasons.index("no_contact"),
        format_func=frozen(reasons, chooser(CLOSE_REASON_LABELS)),
        key="fu_close_reason",
        placeholder=_("Choose an option"),
    )
    errors.slot("close_reason")
    st.date_input(_("Closing date"), value=today_local(), key="fu_close_on", format=date_format())
    errors.slot("closed_on")
    _save_button(_("Close the file"), "close", partial(_close_file, user), errors, refused)


def _close_file(user: dict) -> str:
    state = st.session_state
    activity.close(engine(), user, state.get(PICK), state.get("fu_close_reason"), state.get("fu_close_on"))
    return _("The file is closed.")


def _history(user: dict, household_id: int) -> None:
    rows = follow_up.contacts_for(engine(), user, household_id)
    if not rows:
        st.caption(_("No tries or letters logged yet."))
        return
    st.dataframe(
        pd.DataFrame(
            {
                _("Date"): [_day(r["made_on"]) for r in rows],
                _("What"): [label(KIND_LABELS, r["kind"]) for r in rows],
                _("How"): [label(METHOD_LABELS, r["method"]) for r in rows],
                _("Result"): [label(RESULT_LABELS, r["result"]) for r in rows],
                _("Answer due by"): [_day(r["answer_by"]) for r in rows],
                _("Logged by"): [r["recorded_by"] for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )


def work_on(user: dict, rows: list[follow_up.FollowUpRow]) -> None:
    """Pick one household from the list and log its next follow-up step."""
    refused = take_refusal(REFUSED)  # the last save's refusal, shown in this run only
    if refused is not None and refused.error is None:  # its household is out of reach: said above the boxes
        st.error(refused.message)
        refused = None
    if not rows:
        return
    by_id = {r.household_id: r for r in rows}
    if st.session_state.get("fu_pick") not in by_id:
        st.session_state["fu_pick"] = rows[0].household_id
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.selectbox(
        _("Work on a household"), list(by_id), format_func=lambda hid: by_id[hid].display_name, key="fu_pick",
        placeholder=_("Choose an option"),
    )
    row = by_id[st.session_state["fu_pick"]]
    if right.button(_("Open client file"), key="fu_open"):
        open_household(row.household_id)
        st.switch_page(CLIENT_FILE)
    st.caption(
        ngettext(
            "{stage}. {days} day without contact (since {day}).",
            "{stage}. {days} days without contact (since {day}).",
            row.days_silent,
        ).format(stage=label(STAGE_LABELS, row.stage), days=row.days_silent, day=date(row.last_contact))
    )
    tabs = st.tabs([_("Log a try"), _("Follow-up letter"), _("Outcome at follow-up"), _("Close the file")])
    try:
        with tabs[0]:
            _try_box(user, row, refused)
        with tabs[1]:
            _letter_box(user, row, refused)
        with tabs[2]:
            _outcome_box(user, row, refused)
        with tabs[3]:
            _close_box(user, row, refused)
    except AccessDenied:
        st.error(_("You do not have access to this household."))
        return
    st.markdown(_("**Tries and letters**"))
    _history(user, row.household_id)
