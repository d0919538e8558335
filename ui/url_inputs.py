"""Widgets whose value lives in the URL (amounts and codes only, nothing identifying), shared by the calculators.

A scenario is a link: the affordability and assistance pages bind their inputs to query parameters so
a counselor can send or bookmark one.
"""

from __future__ import annotations

import streamlit as st

from ui.errors import FieldErrors
from ui.text import _


def labels(table: dict) -> dict:
    """Translated labels, looked up once per run (format_func must not depend on the session)."""
    return {code: _(text) for code, text in table.items()}


def coded_choice(widget, label: str, options: list, key: str, default, **kwargs):
    """A choice widget whose *code* (not its translated label) lives in the URL under `key`.

    Streamlit's bind="query-params" writes the shown label, which changes with the language, so a link
    made in Spanish would not open in English. Here the URL is read once to seed the widget and the
    code is written back; the default is left out to keep links short.
    """
    if key not in st.session_state or st.session_state[key] not in options:
        # Also when the browser sent no choice (None): a press made while the page was still being drawn
        # sends the control before it reported its value, and the default would silently change the mode
        # on screen and drop it from the link. The link still holds the choice shown.
        wanted = st.query_params.get(key)
        matches = [o for o in options if str(o) == wanted]
        st.session_state[key] = matches[0] if matches else default
    value = widget(label, options, key=key, **kwargs)
    if value == default or value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != str(value):
        st.query_params[key] = str(value)
    return value


def bound_number(label: str, key: str, value, errors: FieldErrors, field: str, **kwargs):
    """A number input whose value lives in the URL under `key`; its error slot sits right under it.

    No min/max on the widget: a bad value must reach the calculator and come back as a message here.
    """
    result = st.number_input(label, value=value, key=key, bind="query-params", **kwargs)
    errors.slot(field)
    return result
