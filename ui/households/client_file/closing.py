"""The client file's Close or reopen tab: HUD's closing date and reason, and reopening a closed file."""

from __future__ import annotations

import streamlit as st

from calculators import InputError
from db import activity, codes
from db.local_time import today_local
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import FieldErrors
from ui.households.client_file.state import current_user, flash, remember_error, show_error, show_flash
from ui.households.labels import frozen
from ui.labels import CLOSE_REASON_LABELS, chooser, label
from ui.text import _, date
from ui.widget_text import date_format


@signed_in_only
def _close(hid: int) -> None:
    try:
        activity.close(
            engine(),
            current_user(),
            hid,
            st.session_state.get("close_reason"),
            st.session_state.get("close_on"),
        )
    except InputError as err:
        remember_error("close", err)
        return
    flash("close", _("The file is closed."))


@signed_in_only
def _reopen(hid: int) -> None:
    try:
        activity.reopen(engine(), current_user(), hid)
    except InputError as err:
        remember_error("close", err)
        return
    flash("close", _("The file is open again."))


def section(hh: dict) -> None:
    show_flash("close")
    errors = FieldErrors()
    if hh["status"] == "closed":
        st.info(
            _("Closed on {day}. Reason: {reason}.").format(
                day=date(hh["closed_on"]), reason=label(CLOSE_REASON_LABELS, hh["close_reason"])
            )
        )
        st.button(_("Reopen file"), key="reopen", on_click=_reopen, args=(hh["id"],))
    else:
        st.caption(
            _(
                "HUD asks for the closing date and reason. Before closing for no contact, try a call within "
                "60 days, then a letter asking them to answer within 30 days."
            )
        )
        st.session_state.setdefault("close_on", today_local())
        st.selectbox(
            _("Reason for closing"),
            codes.CLOSE_REASON,
            format_func=frozen(codes.CLOSE_REASON, chooser(CLOSE_REASON_LABELS)),
            key="close_reason",
            placeholder=_("Choose an option"),
        )
        errors.slot("close_reason")
        st.date_input(_("Closing date"), key="close_on", format=date_format())
        errors.slot("closed_on")
        st.button(_("Close file"), key="close", on_click=_close, args=(hh["id"],))
    show_error("close", errors)
