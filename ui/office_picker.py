"""One office picker for the reports a lead or admin runs (exports, retention): among the offices
this user reports on (db.lead_offices), or all of them. Nothing shows when there is only one."""

from __future__ import annotations

import streamlit as st

from ui.dashboard import data
from ui.text import _


def office_picker(user: dict, key: str) -> int | None:
    """The chosen office id, or None for every office the user reports on."""
    if user.get("role") not in ("admin", "lead"):
        return None
    offices = {o["id"]: o["name"] for o in data.offices(user)}
    if len(offices) < 2:
        return None
    everything = _("All offices") if user["role"] == "admin" else _("All the offices you lead")
    return st.selectbox(
        _("Office"),
        [None, *offices],
        format_func=lambda i: everything if i is None else offices[i],
        key=key,
        placeholder=_("Choose an option"),
    )
