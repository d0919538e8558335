"""Recent workshops and a certificate of completion for each person who came (the attendance page's lower half)."""

from __future__ import annotations

import streamlit as st

from db import education
from db.scope import AccessDenied
from i18n import file_names
from ui.db import engine
from ui.labels import LANGUAGE_LABELS
from ui.text import _, date, lang, ngettext
from ui.workshops.titles import names_for, workshop_title

VIEW_KEY = "att_view"  # (event id, attendees): audit an event's list once, not on every rerun


def certificate_maker():
    """reports.certificate.certificate_pdf when it is installed, else None."""
    try:
        from reports.certificate import certificate_pdf
    except ImportError:
        return None
    return certificate_pdf


def _attendees(user: dict, event_id: int) -> list[dict]:
    cached = st.session_state.get(VIEW_KEY)
    if cached and cached[0] == event_id:
        return cached[1]
    rows = education.attendees(engine(), user, event_id)
    st.session_state[VIEW_KEY] = (event_id, rows)
    return rows


def _event_label(event: dict, modules: list) -> str:
    """Date, title and how many came, e.g. "5 dic 2026 — Your money, your goals · 12 people"."""
    n = event["attendees"]
    return ngettext("{date} — {title} · {n} person", "{date} — {title} · {n} people", n).format(
        date=date(event["event_date"], "medium"),
        title=workshop_title(event["module_id"], event["education_type"], modules, lang()),
        n=n,
    )


def certificates(user: dict, modules: list) -> None:
    """Recent workshops and a certificate of completion for each person who came."""
    st.subheader(_("Recent workshops and certificates"))
    events = education.list_events(engine(), user)
    if not events:
        st.caption(_("No workshops recorded yet."))
        return
    by_id = {e["id"]: e for e in events}
    if st.session_state.get("att_event") not in by_id:
        st.session_state["att_event"] = events[0]["id"]
    labels = {e["id"]: _event_label(e, modules) for e in events}
    event_id = st.selectbox(
        _("Workshop"), list(by_id), format_func=labels.get, key="att_event", placeholder=_("Choose an option")
    )
    event = by_id[event_id]
    try:
        people = _attendees(user, event_id)
    except AccessDenied:
        st.error(_("You do not have access to this workshop."))
        return
    make = certificate_maker()
    if make is None:
        st.info(_("Certificates are not available in this version yet."))
    cert_lang = st.selectbox(
        _("Certificate language"),
        list(education.LANGUAGES),
        index=list(education.LANGUAGES).index(event["language"])
        if event["language"] in education.LANGUAGES
        else 0,
        format_func=names_for(LANGUAGE_LABELS, education.LANGUAGES),
        key=f"att_cert_lang_{event_id}",
        placeholder=_("Choose an option"),
    )
    title = workshop_title(event["module_id"], event["education_type"], modules, cert_lang)
    for number, person in enumerate(people, start=1):
        left, right = st.columns([3, 2])
        left.text(person["name"])
        if make is not None:
            right.download_button(
                _("Certificate (PDF)"),
                data=_certificate(
                    make, person["name"], title, event["event_date"], cert_lang, event["agency"]
                ),
                file_name=file_names.file_name(file_names.CERTIFICATE, cert_lang, event_id, number),
                mime="application/pdf",
                key=f"att_cert_{event_id}_{person['household_id']}",
                icon=":material/workspace_premium:",
                on_click="ignore",
            )


def _certificate(make, name: str, title: str, when, language: str, agency: str):
    """A deferred builder, so a long list does not render every certificate on each rerun."""

    def build() -> bytes:
        return make(name, title, when, language, agency)

    return build
