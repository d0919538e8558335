"""One office picker for the reports a lead or admin runs (exports, retention): among the offices
this user reports on (db.lead_offices), or all of them. Nothing shows when there is only one."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui.dashboard import data
from ui.households.labels import frozen
from ui.text import _


def all_or_office(user: dict, offices: dict[int, str]) -> Callable[[int | None], str]:
    """An office select box's format_func, fixed in this run's language: an office's name, or for None
    "All offices" (an admin) or "All the offices you lead" (a lead)."""
    everything = _("All offices") if user.get("role") == "admin" else _("All the offices you lead")
    return frozen([None, *offices], lambda i: everything if i is None else offices[i])


def office_picker(user: dict, key: str) -> int | None:
    """The chosen office id, or None for every office the user reports on."""
    if user.get("role") not in ("admin", "lead"):
        return None
    offices = {o["id"]: o["name"] for o in data.offices(user)}
    if len(offices) < 2:
        return None
    return st.selectbox(
        _("Office"),
        [None, *offices],
        format_func=all_or_office(user, offices),
        key=key,
        placeholder=_("Choose an option"),
    )
