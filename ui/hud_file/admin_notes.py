"""Admin notes in the Activity tab: for staff who may not record a counseling session, and for anyone
noting something that is not counseling. They never count in the HUD-9902 (db/admin_notes.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculators import InputError
from db import admin_notes
from db.local_time import today_local
from db.scope import AccessDenied
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import FieldErrors
from ui.text import N_, NO_VALUE, _, date
from ui.widget_text import date_format

ERRORS = {
    "future_date": N_("The date cannot be in the future."),
    "missing_field": N_("Please fill in this field."),
    "too_long": N_("This text is too long."),
}
FLASH = "note_flash"


@signed_in_only
def _add(hid: int) -> None:
    state = st.session_state
    try:
        admin_notes.add(engine(), state["user"], hid, state.get("note_date"), state.get("note_body", ""))
    except InputError as err:
        state[FLASH] = ("error", err.code, err.field)
        return
    except AccessDenied:
        state[FLASH] = ("error", "no_access", "")
        return
    state["note_body"] = ""
    state[FLASH] = ("success", "", "")


OPEN_KEY = "note_open"  # whether the admin notes are open (Streamlit keeps it for the expander)


def section(hh: dict, certified: bool) -> None:
    """An expander (open for staff who cannot record sessions) with the note form and the notes.

    Built only while open: closed, its date box, note box and table cost an old laptop ~100 ms on every
    opening of a file and every session added, for a counselor who rarely writes one (issue 28)."""
    st.session_state.setdefault("note_date", today_local())
    title = _("Admin notes (not counseling: not counted in the HUD-9902)")
    with st.expander(title, expanded=not certified, key=OPEN_KEY, on_change="rerun") as panel:
        if panel.open:
            _body(hh)


def _body(hh: dict) -> None:
    """The note form, its message and the notes so far."""
    errors = FieldErrors()
    with st.form("add_admin_note", border=False):
        st.date_input(_("Date"), key="note_date", format=date_format())
        errors.slot("noted_on")
        st.text_area(_("Admin note"), key="note_body", height=80)
        errors.slot("body")
        st.form_submit_button(_("Add admin note"), on_click=_add, args=(hh["id"],))
    flash = st.session_state.pop(FLASH, None)
    if flash and flash[0] == "success":
        st.success(_("Admin note added."))
    elif flash and flash[1] == "no_access":
        st.error(_("You do not have access to this household."))
    elif flash:
        errors.show(InputError(flash[1], flash[2]), ERRORS)
    try:
        notes = admin_notes.list_for(engine(), st.session_state["user"], hh["id"])
    except AccessDenied:
        return
    if notes:
        st.dataframe(
            pd.DataFrame(
                {
                    _("Date"): [date(n.noted_on, "medium") for n in notes],
                    _("By"): [n.author for n in notes],
                    _("Admin note"): [n.body for n in notes],
                }
            ),
            hide_index=True,
            width="stretch",
            placeholder=NO_VALUE,
        )
