"""Per-session translation and formatting: `_()` looks up the session's language on every call."""

from __future__ import annotations

import datetime as dt

import streamlit as st

import i18n
from db.local_time import to_local
from i18n import N_  # noqa: F401  re-exported for pages that mark strings for later translation

LANG_KEY = "lang"
# What a table shows in an empty cell: Streamlit writes "None" there, in English, unless told otherwise.
NO_VALUE = "—"


def lang() -> str:
    """The session's language: chosen in the sidebar, else the account's, else the browser's."""
    value = st.session_state.get(LANG_KEY)
    if value in i18n.LANGUAGES:
        return value
    try:
        return i18n.normalize_language(st.context.locale)
    except Exception:  # no browser context (bare script run)
        return i18n.DEFAULT_LANGUAGE


_PLAIN_VALUES = (str, int, float, dt.date, dt.time)


def _plain(value) -> bool:
    """A value any choice or entry widget accepts back through Session State (not True/False, not None)."""
    if isinstance(value, (list, tuple)):
        return all(_plain(item) for item in value)
    return isinstance(value, _PLAIN_VALUES) and not isinstance(value, bool)


def resend_choices() -> None:
    """Give every widget holding a plain value that same value again, so the browser shows it in the new language.

    Called when the language changes. The browser keeps showing a select box's choice in the language
    it was drawn in (Streamlit remembers the shown text, streamlit/streamlit#13788); a value set
    through Session State is sent again, with the new labels. Buttons (True/False), uploads (files) and
    table edits (dicts) cannot be set this way and show no translated choice, so they are left alone.
    """
    for key in list(st.session_state):
        value = st.session_state[key]
        if _plain(value):
            st.session_state[key] = value


def _(message: str) -> str:
    return i18n.gettext(message, lang())


def ngettext(singular: str, plural: str, n: int) -> str:
    return i18n.ngettext(singular, plural, n, lang())


def money(amount, cents: bool = True) -> str:
    return i18n.format_money(amount, lang(), cents=cents)


def number(value, digits: int = 0) -> str:
    return i18n.format_number(value, lang(), digits)


def percent(ratio, digits: int = 1) -> str:
    return i18n.format_percent(ratio, lang(), digits)


def date(value, fmt: str = "long") -> str:
    return i18n.format_date(value, lang(), fmt)


def date_and_time(utc_naive: dt.datetime) -> str:
    """A stored (naive UTC) instant as the offices' day and time: "7 dic 2026 20:30"."""
    moment = to_local(utc_naive)
    return f"{date(moment.date(), 'medium')} {moment:%H:%M}"


def pick(value) -> str:
    """One language from bilingual content ({'en':..., 'es':...})."""
    return i18n.text(value, lang())


_MARKDOWN_SPECIAL = "\\`*_{}[]<>()#+-.!|~$"


def plain(value) -> str:
    """User-entered text made safe to put inside st.markdown: no links, images, HTML or formatting."""
    text = "" if value is None else str(value)
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)
