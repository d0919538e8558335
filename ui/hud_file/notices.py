"""The agreement, disclosure and privacy notice in the client file: what is missing (shown at the top of
the file), when and how each was given, the printable PDF, and the agency's texts (administrators)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculators import InputError
from db import agreements
from db.local_time import today_local
from db.scope import AccessDenied
from i18n import file_names
from reports.notices_pdf import TITLES, notices_pdf
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import FieldErrors
from ui.households.labels import frozen
from ui.labels import LANGUAGE_LABELS, label
from ui.text import N_, NO_VALUE, _, date
from ui.widget_text import date_format

METHOD_LABELS = {
    "paper": N_("Signed on paper"),
    "screen": N_("Signed on screen"),
    "verbal": N_("Read aloud (by phone or video)"),
}
ERRORS = {
    "attestation_required": N_("Confirm that you read the notice aloud and the household agreed."),
    "future_date": N_("The date cannot be in the future."),
    "out_of_range": N_("This date is too long before the file was opened."),
    "missing_field": N_("Please fill in this field."),
    "too_long": N_("This text is too long."),
}


def _user() -> dict:
    return st.session_state["user"]


def banner(hh: dict) -> None:
    """At the top of the client file: the notices HUD expects that this file lacks."""
    try:
        lacking = agreements.missing(engine(), _user(), hh["id"])
    except AccessDenied:
        return
    if lacking:
        st.warning(
            _("Missing from this file: {notices}. Record them in the HUD file tab.").format(
                notices=", ".join(_(TITLES[k]) for k in lacking)
            ),
            icon=":material/assignment_late:",
        )


@signed_in_only
def _record(hid: int) -> None:
    state = st.session_state
    try:
        agreements.record(
            engine(),
            _user(),
            hid,
            kind=state.get("ntc_kind"),
            given_on=state.get("ntc_on"),
            method=state.get("ntc_method"),
            language=state.get("ntc_language"),
            attested=bool(state.get("ntc_attested")),
        )
    except InputError as err:
        state["ntc_error"] = (err.code, err.field)
        return
    state["ntc_attested"] = False
    state["ntc_flash"] = _("Recorded.")


@signed_in_only
def _save_text() -> None:
    state = st.session_state
    try:
        version = agreements.set_text(
            engine(), _user(), state.get("ntx_kind"), state.get("ntx_language"), state.get("ntx_body", "")
        )
    except InputError as err:
        state["ntx_error"] = (err.code, err.field)
        return
    state["ntx_flash"] = _("Saved as version {version}.").format(version=version)


def _texts_editor() -> None:
    with st.expander(_("The agency's texts (administrators)")):
        st.caption(_("Each save is a new version. Files keep the version each household was given."))
        kinds, langs = list(agreements.KINDS), list(agreements.LANGUAGES)
        a, b = st.columns(2)
        kind = a.selectbox(
            _("Notice"),
            kinds,
            format_func=frozen(kinds, lambda k: _(TITLES[k])),
            key="ntx_kind",
            placeholder=_("Choose an option"),
        )
        language = b.selectbox(
            _("Language"),
            langs,
            format_func=frozen(langs, lambda c: label(LANGUAGE_LABELS, c)),
            key="ntx_language",
            placeholder=_("Choose an option"),
        )
        current = agreements.text(engine(), kind, language)
        if st.session_state.get("ntx_loaded") != (kind, language, current.version):
            st.session_state["ntx_body"] = current.body
            st.session_state["ntx_loaded"] = (kind, language, current.version)
        errors = FieldErrors()
        st.text_area(_("Text"), key="ntx_body", height=200)
        errors.slot("body")
        st.button(_("Save text"), key="ntx_save", on_click=_save_text)
        flash = st.session_state.pop("ntx_flash", None)
        if flash:
            st.success(flash)
        stored = st.session_state.pop("ntx_error", None)
        if stored:
            errors.show(InputError(*stored), ERRORS)


def section(hh: dict) -> None:
    """Notices in the HUD tab: status, the form to record one, the PDF, and the texts for admins."""
    hid = hh["id"]
    have = agreements.given(engine(), _user(), hid)
    rows = []
    for kind in agreements.KINDS:
        g = have.get(kind)
        rows.append(
            {
                _("Notice"): _(TITLES[kind]),
                _("Given on"): date(g.given_on, "medium") if g else _("Not given yet"),
                _("How"): _(METHOD_LABELS[g.method]) if g else "",
                _("Language"): label(LANGUAGE_LABELS, g.language) if g else "",
                _("Read aloud by"): g.attested_by if g else "",
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", placeholder=NO_VALUE)
    lang = hh.get("preferred_language") or "es"
    st.download_button(
        _("Print the notices for signing (PDF)"),
        # Built when the button is pressed (Streamlit calls `data` then), not on every run of the tab.
        lambda: notices_pdf(
            hh["display_name"],
            agreements.agency_name(engine(), hh["office_id"]),
            lang,
            [agreements.text(engine(), kind, lang) for kind in agreements.KINDS],
            today_local(),
        ),
        file_names.file_name(file_names.NOTICES, lang),
        mime="application/pdf",
        key="ntc_pdf",
        on_click="ignore",  # as for documents: a rerun may drop the PDF the browser is about to fetch
        icon=":material/print:",
    )
    flash = st.session_state.pop("ntc_flash", None)
    if flash:
        st.success(flash)
    errors = FieldErrors()
    kinds, methods, langs = list(agreements.KINDS), list(agreements.METHODS), list(agreements.LANGUAGES)
    st.session_state.setdefault("ntc_on", today_local())
    st.session_state.setdefault("ntc_language", lang)
    with st.form("record_notice", border=True):
        st.markdown(_("**Record a notice given**"))
        a, b = st.columns(2)
        a.selectbox(
            _("Notice"),
            kinds,
            format_func=frozen(kinds, lambda k: _(TITLES[k])),
            key="ntc_kind",
            placeholder=_("Choose an option"),
        )
        with b:
            st.date_input(_("Given on"), key="ntc_on", format=date_format())
            errors.slot("given_on")
        a.selectbox(
            _("How"),
            methods,
            format_func=frozen(methods, lambda m: _(METHOD_LABELS[m])),
            key="ntc_method",
            placeholder=_("Choose an option"),
        )
        b.selectbox(
            _("Language"),
            langs,
            format_func=frozen(langs, lambda c: label(LANGUAGE_LABELS, c)),
            key="ntc_language",
            placeholder=_("Choose an option"),
        )
        st.checkbox(
            _("I read this notice aloud to the household and they agreed (needed when read aloud)"),
            key="ntc_attested",
        )
        errors.slot("attested")
        st.form_submit_button(_("Record notice"), on_click=_record, args=(hid,))
    stored = st.session_state.pop("ntc_error", None)
    if stored:
        errors.show(InputError(*stored), ERRORS)
    if _user().get("role") == "admin":
        _texts_editor()
