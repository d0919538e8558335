"""Camino's entry point: page set-up, language, login gate and the menu each role sees."""

import streamlit as st

from db import accounts
from i18n import LANGUAGES
from ui import auth, rule_overlay
from ui.db import engine
from ui.menu import build_menu
from ui.menu_cache import cached_menu
from ui.presentation import apply_presentation_style, is_presenting, presentation_toggle
from ui.session_flow.visit import note_page
from ui.text import _, lang, plain, resend_choices
from ui.widget_text import hide_untranslated_hints, mark_page_language

st.set_page_config(page_title="Camino", page_icon=":material/home:", layout="wide")

auth.enforce_idle_timeout()
user = auth.current_user()
rule_overlay.install()  # the agency's own rule rows, used by every calculator in this run


def remember_language() -> None:
    """Copy the sidebar choice to the session language, and to the account when logged in."""
    st.session_state["lang"] = st.session_state["lang_switch"]
    resend_choices()
    if auth.current_user():
        accounts.set_language(engine(), auth.current_user()["id"], st.session_state["lang"])


def language_switch() -> None:
    """English/Español in the sidebar; the choice is remembered on the user's account."""
    if "pending_lang" in st.session_state:
        st.session_state["lang"] = st.session_state.pop("pending_lang")
    st.session_state["lang"] = lang()
    st.session_state["lang_switch"] = st.session_state["lang"]
    st.sidebar.segmented_control(
        "Language / Idioma",
        list(LANGUAGES),
        format_func=LANGUAGES.get,
        key="lang_switch",
        required=True,
        on_change=remember_language,
    )


hide_untranslated_hints()
if is_presenting():
    apply_presentation_style()
    navigation = st.navigation(cached_menu(user, build_menu), position="hidden")
else:
    language_switch()
    presentation_toggle()
    if user:
        st.sidebar.caption(_("Logged in as {name}").format(name=plain(user["name"])))
    navigation = st.navigation(cached_menu(user, build_menu), expanded=True)
mark_page_language()
if user:
    auth.idle_watch()
note_page(navigation.url_path)  # a calculator visited again starts from the file and this visit (#21)
with auth.access_checked():  # the account was read at the top of this run: the page need not again
    navigation.run()
