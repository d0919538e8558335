"""Fees and funding page: the fee schedule to print for the family, and (admins) the schedule and funders.

Rules in db.funding; the printed schedule is reports.fee_schedule_pdf.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from db import funding
from db.local_time import today_local
from i18n import file_names
from reports.fee_schedule_pdf import fee_schedule_pdf
from ui.db import engine
from ui.errors import FieldErrors, show_refusal, take_refusal
from ui.households.labels import frozen
from ui.hud_file.labels import HUD_GRANT
from ui.labels import LANGUAGE_LABELS, chooser
from ui.saving import save_in_callback
from ui.text import N_, NO_VALUE, _, date, lang, money
from ui.widget_text import date_format

ERRORS = {
    "too_long": N_("This text is too long."),
    "invalid_choice": N_("Please choose one of the options."),
    "negative_amount": N_("The fee cannot be negative."),
}
FLASH = "fees_flash"
REFUSED = "fees_refused"  # the ui.errors.Refusal of a save refused in its callback
GRANT_CHOICES = ("", *funding.HUD_GRANT_TYPES)


def show_flash() -> None:
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH), icon=":material/check_circle:")


def _save_button(where, label: str, box: str, action: Callable[[], str], errors: FieldErrors, **kw) -> None:
    """The button, saving in its callback (ui.saving); then its last refusal, at its field, this run only."""
    saving = (REFUSED, FLASH, box, action)
    where.button(label, key=f"fees_{box}", on_click=save_in_callback, args=saving, **kw)
    show_refusal(take_refusal(REFUSED, box), box, errors, ERRORS)


def schedule_section(agency_name: str) -> None:
    """The schedule in force today, and its PDF in the family's language."""
    schedule = funding.schedule_on(engine())
    st.subheader(_("Fee schedule for the family"))
    st.caption(_("HUD asks that fees be posted and given to the family before any service (24 CFR 214.313)."))
    if schedule is None:
        st.info(_("No fee schedule saved yet. An administrator can save one below."))
    else:
        st.caption(_("In force from {day}.").format(day=date(schedule.effective_from)))
        st.dataframe(
            pd.DataFrame(
                {
                    _("Service"): [line.service(lang()) for line in schedule.lines],
                    _("Fee"): [_("Free") if line.amount == 0 else money(line.amount) for line in schedule.lines],
                }
            ),
            hide_index=True,
            width="stretch",
            placeholder=NO_VALUE,
        )
    languages = ("es", "en")
    chosen = st.selectbox(
        _("Language of the printed list"),
        languages,
        format_func=frozen(languages, chooser(LANGUAGE_LABELS)),
        key="fees_lang",
        placeholder=_("Choose an option"),
    )
    st.download_button(
        _("Download the fee schedule (PDF)"),
        partial(fee_schedule_pdf, schedule, agency_name, chosen, today_local()),  # built when pressed
        file_name=file_names.file_name(file_names.FEE_SCHEDULE, chosen),
        mime="application/pdf",
        key="fees_pdf",
        on_click="ignore",  # a rerun would register the PDF anew and could drop the one being fetched
    )


def edit_schedule(user: dict) -> None:
    errors = FieldErrors()
    st.subheader(_("Change the fee schedule"))
    st.caption(_("Each save is a new dated list; earlier lists stay on record."))
    st.date_input(_("In force from"), value=today_local(), key="fees_from", format=date_format())
    errors.slot("effective_from")
    current = funding.schedule_on(engine())
    if "fees_rows" not in st.session_state:
        lines = current.lines if current else ()
        st.session_state["fees_rows"] = pd.DataFrame(
            {
                "en": [x.en for x in lines] or [""],
                "es": [x.es for x in lines] or [""],
                "amount": [x.amount for x in lines] or [0.0],
            }
        )
    st.data_editor(
        st.session_state["fees_rows"],
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key="fees_editor",
        column_config={
            "en": st.column_config.TextColumn(_("Service (English)"), max_chars=funding.NAME_LIMIT),
            "es": st.column_config.TextColumn(_("Service (Spanish)"), max_chars=funding.NAME_LIMIT),
            "amount": st.column_config.NumberColumn(_("Fee ($)"), min_value=0.0, max_value=funding.MAX_FEE),
        },
        placeholder=NO_VALUE,
    )
    errors.slot("lines")
    st.text_area(_("Note (English)"), value=current.note_en if current else "", key="fees_note_en")
    st.text_area(_("Note (Spanish)"), value=current.note_es if current else "", key="fees_note_es")
    _save_button(
        st, _("Save the fee schedule"), "save", partial(_save_schedule, user), errors, type="primary"
    )


def _save_schedule(user: dict) -> str:
    """The schedule as edited, read from session state (the callback runs before the page is drawn)."""
    state = st.session_state
    frame = _edited(state["fees_rows"], state.get("fees_editor") or {})
    funding.save_schedule(
        engine(),
        user,
        effective_from=state.get("fees_from"),
        lines=frame.to_dict("records"),
        note_en=state.get("fees_note_en", ""),
        note_es=state.get("fees_note_es", ""),
    )
    state.pop("fees_rows", None)  # the editor starts again from the saved list
    return _("Fee schedule saved.")


def _edited(base: pd.DataFrame, changes: dict) -> pd.DataFrame:
    """The editor's table with its edits, added rows and deleted rows applied."""
    frame = base.copy()
    for index, values in (changes.get("edited_rows") or {}).items():
        for column, value in values.items():
            frame.loc[int(index), column] = value
    added = pd.DataFrame(changes.get("added_rows") or [], columns=frame.columns)
    frame = frame.drop(index=[int(i) for i in changes.get("deleted_rows") or []], errors="ignore")
    frame = pd.concat([frame, added], ignore_index=True)
    return frame.astype(object).where(frame.notna(), None)


def sources_section(user: dict) -> None:
    errors = FieldErrors()
    st.subheader(_("Funding sources"))
    st.caption(_("Sessions and workshops record which of these paid. HUD grants count in the HUD-9902's HUD column."))
    listed = funding.sources(engine(), active_only=False)
    if listed:
        st.dataframe(
            pd.DataFrame(
                {
                    _("Name"): [s.name(lang()) for s in listed],
                    _("HUD grant"): [_(HUD_GRANT[s.hud_grant]) if s.hud_grant else "—" for s in listed],
                    _("In use"): [_("Yes") if s.active else _("No") for s in listed],
                }
            ),
            hide_index=True,
            width="stretch",
            placeholder=NO_VALUE,
        )
    a, b = st.columns(2)
    a.text_input(_("Name (English)"), key="fees_src_en", max_chars=funding.NAME_LIMIT)
    with a:
        errors.slot("name_en")
    b.text_input(_("Name (Spanish)"), key="fees_src_es", max_chars=funding.NAME_LIMIT)
    grant_labels = {"": _("Not a HUD grant"), **{k: _(HUD_GRANT[k]) for k in funding.HUD_GRANT_TYPES}}
    st.selectbox(
        _("Is it a HUD grant?"), GRANT_CHOICES, format_func=frozen(GRANT_CHOICES, grant_labels.get),
        key="fees_src_grant",
        placeholder=_("Choose an option"),
    )
    _save_button(st, _("Add funding source"), "src_add", partial(_add_source, user), errors)
    active = [s for s in listed if s.active]
    if active:
        names = {s.id: s.name(lang()) for s in active}
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.selectbox(
            _("Stop using a source"), list(names), format_func=names.get, key="fees_src_retire",
            placeholder=_("Choose an option"),
        )
        _save_button(right, _("Stop using it"), "src_retire_go", partial(_retire_source, user), errors)


def _add_source(user: dict) -> str:
    """The funder typed in, read from session state (the callback runs before the page is drawn)."""
    state = st.session_state
    funding.add_source(
        engine(),
        user,
        name_en=state.get("fees_src_en", ""),
        name_es=state.get("fees_src_es", ""),
        hud_grant=state.get("fees_src_grant", ""),
    )
    return _("Funding source added.")


def _retire_source(user: dict) -> str:
    """The source chosen when the button was pressed (its session state), not the one of the last drawing."""
    funding.set_active(engine(), user, st.session_state["fees_src_retire"], False)
    return _("That source is no longer offered. Past sessions keep it.")
