"""The checklist, and what its answers mean as one fragment: answering a question reruns only that.

The questions of one topic are drawn by the page run (a place or topic changes them); the summary covers
every answer given for the place, in any topic. An answer's callback reruns the
summary fragment alone: the red flags, saving the progress to the client file, the HUD-9902 outcomes to
confirm and the printable handout, everything that depends on the answers. The browser already shows the
answer, so neither the questions nor the calculators are sent or drawn again.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from curricula import tenant_rights
from i18n import file_names
from reports.tenant_handout import build_handout
from ui import clients
from ui.session_flow import calculators as flow_calculators
from ui.tenant_rights import view
from ui.text import _, lang


def checklist(place: str, topic: str, place_topics: list[str]) -> None:
    """The questions of `topic` (or all, for view.ALL_TOPICS), the way to the next topic, then the summary."""
    items = tenant_rights.checklist_for(place)
    st.header(_("Checklist"))
    st.caption(
        _(
            "Answer each question: yes, no or not sure. To take an answer back, press it again. "
            "Answers stay on this screen and are not in the link."
        )
    )
    view.walk(view.shown_items(items, topic))
    view.topic_steps(place_topics, topic)
    summary(place, topic, items)


@st.fragment(key=view.SUMMARY_FRAGMENT)
def summary(place: str, topic: str, items: list[dict]) -> None:
    """Red flags and next steps, saving, outcomes and the handout, from the answers given so far."""
    answers = view.answers_given(items)
    flags = view.summary(items, answers)
    if answers:
        flow_calculators.tenant_checklist(place, topic, answers, flags)
        clients.propose_outcomes(view.proposed_outcomes(items, answers))
    handout(place, view.handout_topics(items, topic, answers), answers)


HANDOUT_LANG, HANDOUT_LANG_CHOSEN = "tr_handout_lang", "tr_handout_lang_chosen"


def _handout_lang_chosen() -> None:
    st.session_state[HANDOUT_LANG_CHOSEN] = True


def handout(place: str, topics: tuple[str, ...] | None, answers: dict[str, str]) -> None:
    """The printable handout of these answers and `topics` (None: all), in the language chosen for it."""
    st.header(_("Printable handout"))
    # The handout is in the screen's language, also after the screen's language changes, until someone
    # picks the other one here (a family who switched to Spanish got an English handout).
    if st.session_state.get(HANDOUT_LANG_CHOSEN):
        st.session_state.setdefault(HANDOUT_LANG, lang())
    else:
        st.session_state[HANDOUT_LANG] = lang()
    handout_lang = st.segmented_control(
        _("Handout language"),
        ["en", "es"],
        format_func={"en": _("English"), "es": _("Spanish")}.get,
        key=HANDOUT_LANG,
        required=True,
        on_change=_handout_lang_chosen,
    )
    # The PDF is built when the button is pressed (on Streamlit's download thread), not on every rerun:
    # it was most of each click's time on this page.
    st.download_button(
        _("Download handout (PDF)"),
        data=partial(build_handout, place, handout_lang, answers, topics),
        file_name=file_names.file_name(file_names.TENANT_RIGHTS, handout_lang, place),
        mime="application/pdf",
        on_click="ignore",  # a rerun would register the PDF anew and could drop the one being fetched
        icon=":material/print:",
    )
