"""The client file's Activity tab: quick add of a counseling session (HUD purpose and who paid), admin notes,
and the sessions so far."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from calculators import InputError
from db import activity, codes
from db.local_time import today_local
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import FieldErrors
from ui.fees import funding as funding_view
from ui.households.client_file.state import current_user, flash, remember_error, show_error, show_flash
from ui.households.labels import frozen
from ui.hud_file.admin_notes import section as admin_notes_section
from ui.hud_file.certification import session_notice
from ui.labels import MODE_LABELS, PURPOSE_LABELS, chooser, label
from ui.text import NO_VALUE, _, date
from ui.widget_text import date_format


@signed_in_only
def _add_session(hid: int) -> None:
    state = st.session_state
    minutes = state.get("sess_minutes")
    if state.get("sess_purpose") is None:  # chosen by the counselor, never guessed: it goes to the 9902
        remember_error("session", InputError("missing_purpose", "purpose"))
        return
    paid = funding_view.parse(state.get("sess_funding"))
    if paid is None:  # who paid goes to the 9902's HUD-grant column: chosen, never guessed
        remember_error("session", InputError("missing_funding", "funding"))
        return
    try:
        activity.add_session(
            engine(),
            current_user(),
            hid,
            session_date=state.get("sess_date"),
            start_time=state.get("sess_time"),
            duration_minutes=int(minutes) if minutes is not None else 0,
            mode=state.get("sess_mode"),
            purpose=state.get("sess_purpose"),
            notes=state.get("sess_notes", ""),
            next_follow_up=state.get("sess_follow_up"),
            funding=paid[0],
            funding_source_id=paid[1],
            fee=state.get("sess_fee"),
        )
    except InputError as err:
        remember_error("session", err)
        return
    state["sess_notes"] = ""
    state["sess_follow_up"] = None
    flash("session", _("Session added."))


def section(hh: dict) -> None:
    show_flash("session")
    errors = FieldErrors()
    st.session_state.setdefault("sess_date", today_local())
    rows = activity.sessions_for(engine(), current_user(), hh["id"])
    if st.session_state.get("sess_purpose_for") != hh["id"] or "sess_purpose" not in st.session_state:
        # A first session has no purpose until the counselor picks one; later ones start from the last.
        # Streamlit forgets the choice after a run that does not draw it (another tab, another page): the
        # file opened again starts from the last session again, not from an empty purpose.
        st.session_state["sess_purpose_for"] = hh["id"]
        st.session_state["sess_purpose"] = rows[0]["purpose"] if rows else None
    certified = session_notice(current_user())  # HUD-certified counselors only (db.certification)
    funding_view.remember("sess", hh["id"], rows[0] if rows else None)
    with st.form("add_session", border=True):
        st.markdown(_("**Quick add: session**"))
        a, b, c = st.columns(3)
        with a:
            st.date_input(_("Date"), key="sess_date", format=date_format())
            errors.slot("session_date")
            st.selectbox(
                _("Mode"),
                codes.SESSION_MODE[:3],
                format_func=frozen(codes.SESSION_MODE[:3], chooser(MODE_LABELS)),
                key="sess_mode",
                placeholder=_("Choose an option"),
            )
            errors.slot("mode")
        with b:
            st.time_input(_("Start time"), value=None, key="sess_time", step=dt.timedelta(minutes=15))
            errors.slot("start_time")
            st.number_input(_("Minutes"), min_value=1, max_value=480, value=60, step=5, key="sess_minutes")
            errors.slot("duration_minutes")
        with c:
            st.selectbox(
                _("Purpose (HUD)"),
                codes.COUNSELING_PURPOSE,
                format_func=frozen(codes.COUNSELING_PURPOSE, chooser(PURPOSE_LABELS)),
                index=None,
                placeholder=_("Choose the purpose of this session"),
                key="sess_purpose",
            )
            errors.slot("purpose")
            st.date_input(_("Next follow-up"), value=None, key="sess_follow_up", format=date_format())
            errors.slot("next_follow_up")
        st.text_area(_("Notes (what was discussed, what was agreed)"), key="sess_notes", height=90)
        errors.slot("notes")
        funding_view.fields("sess", errors)
        st.form_submit_button(
            _("Add session"), type="primary", on_click=_add_session, args=(hh["id"],), disabled=not certified
        )
    show_error("session", errors)
    admin_notes_section(hh, certified)  # what staff who may not record sessions write instead
    if not rows:
        st.caption(_("No sessions yet."))
        return
    names = funding_view.source_names()
    table = pd.DataFrame(
        {
            _("Date"): [date(r["session_date"], "medium") for r in rows],
            _("Start"): [r["start_time"].strftime("%H:%M") if r["start_time"] else "" for r in rows],
            _("Minutes"): [r["duration_minutes"] for r in rows],
            _("Mode"): [label(MODE_LABELS, r["mode"]) for r in rows],
            _("Purpose (HUD)"): [label(PURPOSE_LABELS, r["purpose"]) for r in rows],
            _("Counselor"): [r["counselor_name"] for r in rows],
            _("Paid by"): [funding_view.label_of(r["funding"], r["funding_source_id"], names) for r in rows],
            _("Fee"): [funding_view.fee_text(r["fee"]) for r in rows],
            _("Notes"): [r["notes"] for r in rows],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", placeholder=NO_VALUE)
