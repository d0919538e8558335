"""A list's or dashboard's less-used filters behind one "Filters" button, never out of sight.

A closed popover mounts none of its fields: the four or five select boxes of the Households list and the
Pipeline cost an old laptop 100-200 ms on every visit (issue 28), though most visits search by name or
only read. The button says how many filters apply, and a line under it names each one and its choice,
so a narrowed list is never mistaken for the whole caseload.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui.text import _, plain


@dataclass(frozen=True)
class Applied:
    """One filter in use: its field's label and the choice, both already in the screen's language."""

    field: str
    choice: str


def count_set(everything: dict[str, object]) -> int:
    """How many filter widgets (by key) hold a choice other than their "all" value, read before they are drawn."""
    return sum(
        1 for key, all_value in everything.items() if st.session_state.get(key, all_value) != all_value
    )


def menu(key: str, applied: int):
    """The popover the filter fields go in; its label counts the filters in use."""
    label = _("Filters ({n})").format(n=applied) if applied else _("Filters")
    return st.popover(label, icon=":material/filter_list:", key=key)


def applied_line(applied: list[Applied]) -> None:
    """One line naming the filters in use (counselor names are user text: shown as plain text)."""
    if applied:
        parts = " · ".join(f"{plain(a.field)}: {plain(a.choice)}" for a in applied)
        st.caption(_("Filtered by: {filters}").format(filters=parts))
