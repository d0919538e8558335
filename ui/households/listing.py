"""Household tables and the 'open this household' picker shared by the list and follow-up pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.clients import open_household
from ui.labels import CONTACT_LABELS, JURISDICTION_LABELS, LANGUAGE_LABELS, STAGE_LABELS, label
from ui.text import NO_VALUE, _, date

CLIENT_FILE = "app_pages/household.py"


def _day(value) -> str:
    return date(value, "medium") if value else "—"


def table(rows: list[dict], *, contact: bool = False) -> pd.DataFrame:
    """The rows of a household list with translated headers and labels."""
    columns = {
        _("Name"): [r["display_name"] for r in rows],
        _("Phone"): [r["phone"] for r in rows],
    }
    if contact:
        columns[_("Best way to reach them")] = [
            label(CONTACT_LABELS, r.get("contact_preference")) for r in rows
        ]
    columns[_("Stage")] = [label(STAGE_LABELS, r["stage"]) for r in rows]
    if rows and "jurisdiction" in rows[0]:
        columns[_("Area")] = [label(JURISDICTION_LABELS, r["jurisdiction"]) for r in rows]
    columns[_("Language")] = [label(LANGUAGE_LABELS, r["preferred_language"]) for r in rows]
    columns[_("Counselor")] = [r["counselor_name"] for r in rows]
    columns[_("Last contact")] = [_day(r["last_contact_on"]) for r in rows]
    columns[_("Next follow-up")] = [_day(r["next_follow_up"]) for r in rows]
    return pd.DataFrame(columns)


def _open(key: str) -> None:
    chosen = st.session_state.get(f"{key}_pick")
    if chosen is not None:
        open_household(chosen)
        st.session_state[f"{key}_go"] = True


def go_to_chosen_file(key: str) -> None:
    """Called at the top of a page with a list, before it searches: when its "Open client file" was
    pressed (the callback already chose the household), go straight to the client file. Searching,
    auditing and sending the list again would only be thrown away by the switch."""
    if st.session_state.pop(f"{key}_go", False):
        st.switch_page(CLIENT_FILE)


def show(rows: list[dict], key: str, *, contact: bool = False) -> None:
    """A table of households and a picker that opens the chosen one's client file."""
    if not rows:
        return
    event = st.dataframe(
        table(rows, contact=contact),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=f"{key}_table",
        placeholder=NO_VALUE,
    )
    selected = getattr(getattr(event, "selection", None), "rows", None) or []
    if selected:
        # Clicking a row opens that household straight away.
        open_household(rows[selected[0]]["id"])
        st.switch_page(CLIENT_FILE)
    names = {r["id"]: r["display_name"] for r in rows}
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.selectbox(
        _("Open a household"),
        list(names),
        format_func=names.get,
        key=f"{key}_pick",
        placeholder=_("Choose an option"),
    )
    right.button(_("Open client file"), key=f"{key}_open", on_click=_open, args=(key,), type="primary")
    if st.session_state.pop(f"{key}_go", False):
        st.switch_page(CLIENT_FILE)


def show_all() -> None:
    """Button callback: from the households behind a dashboard number back to the whole caseload, in one run."""
    st.session_state.pop("households_filter", None)
