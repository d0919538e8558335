"""The navigation menu's pages, built once per session for each role and language.

Building the menu makes some twenty `st.Page` objects, each resolving its file's path on disk; done on
every rerun it was 6.5% of a loaded server's time. The pages are kept in the session (not shared
between sessions: Streamlit marks the page it is about to run on the object itself) and built again
only when the role, the language, an administrator's second-factor set-up or, before anyone logs in,
the first-administrator set-up changes.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from db import accounts
from ui.db import engine
from ui.text import lang

MENU_KEY = "_nav_menu"  # (role, language, has users) and the menu built for them
HAS_USERS_KEY = "_has_users"  # set once this session has seen an account in the database


def has_users() -> bool:
    """Whether anyone can log in yet, asked of the database only until the answer is yes.

    Accounts are disabled, never deleted, so a yes stays a yes; asking on every run of a visitor's
    page was 8% of a loaded server's time in a room of 30 (one query per calculator change).
    """
    if st.session_state.get(HAS_USERS_KEY):
        return True
    found = accounts.has_users(engine())
    if found:
        st.session_state[HAS_USERS_KEY] = True
    return found


def menu_key(user: dict | None) -> tuple:
    role = user["role"] if user else None
    return (role, lang(), True if user else has_users(), accounts.needs_second_factor(user))


def cached_menu(user: dict | None, build: Callable[[dict | None], dict]) -> dict:
    """`build(user)`, or the menu this session built for the same role and language."""
    key = menu_key(user)
    kept = st.session_state.get(MENU_KEY)
    if kept is None or kept[0] != key:
        kept = (key, build(user))
        st.session_state[MENU_KEY] = kept
    return kept[1]
