"""'Save to client file' for a calculator: what is on screen, which values changed from the file, a
confirmation before saving untouched example values, and a confirmed update of the household's record."""

from __future__ import annotations

import dataclasses
import math

import streamlit as st

from db import scenarios as repo
from db.household_facts import facts_of, update_facts
from db.households import EditConflict
from db.scenario_schemas import ScenarioError
from db.scope import AccessDenied
from ui.clients import current_user, selected_household_id
from ui.db import engine
from ui.session_flow import context as flow_context
from ui.session_flow import seeds
from ui.session_flow.banner import MONEY_WIDGETS, WIDGET_NAMES
from ui.text import N_, _, money, number

FACT_NAMES = {
    "annual_income": N_("Income a year"),
    "household_size": N_("People in the household"),
    "monthly_debts": N_("Debt payments a month"),
    "savings": N_("Savings"),
}
CONFIRM_KEY = "sf_confirm_{kind}"
DONE_KEY = "sf_saved_{kind}"  # (changed values, proposed household updates, record version) after a save


def widget_values(keys) -> dict:
    """The page's widgets as they are on screen (scalars only), to restore them exactly later."""
    out = {}
    for key in keys:
        if key not in st.session_state:
            continue
        value = st.session_state[key]
        finite = not isinstance(value, float) or math.isfinite(value)
        if (value is None or isinstance(value, (str, bool, int, float))) and finite:
            out[key] = value
    return out


def changed_from_file(kind: str) -> list[tuple[str, object, object]]:
    """(widget key, value the page started from, value now) for each value the counselor changed."""
    seeded = st.session_state.get(seeds.SEEDED_KEY.format(kind=kind), {})
    return [
        (key, found.value, st.session_state.get(key))
        for key, found in seeded.items()
        if key in st.session_state and st.session_state.get(key) != found.value
    ]


def _shown(key: str, value) -> str:
    if key in MONEY_WIDGETS and isinstance(value, (int, float)):
        return money(value, cents=False)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    return str(value)


def _proposed(household_id: int, page_facts: dict) -> tuple[dict, int]:
    """The facts on screen that differ from the household's record, and the record's version they were
    compared with (an update checks it, so a change made meanwhile by someone else is never overwritten)."""
    stored = facts_of(engine(), current_user(), household_id)
    out = {}
    for key, value in page_facts.items():
        if value is None or key not in FACT_NAMES:
            continue
        now = stored.get(key)
        if now is None or abs(float(now) - float(value)) > 0.005:
            out[key] = value
    return out, stored["version"]


def _save(kind: str, typed, page_facts: dict) -> None:
    household_id = selected_household_id()
    try:
        repo.save(engine(), current_user(), household_id, typed)
    except AccessDenied:
        st.error(_("You do not have access to this household."))
        return
    except ScenarioError:
        st.error(_("These values cannot be saved. Please check the fields marked above."))
        return
    proposed, version = _proposed(household_id, page_facts)
    st.session_state[DONE_KEY.format(kind=kind)] = (changed_from_file(kind), proposed, version)
    flow_context.refresh()


def save_panel(
    kind: str,
    typed,
    widget_keys,
    *,
    page_facts: dict | None = None,
    label: str | None = None,
    touched: bool = False,
) -> None:
    """The save button under a calculator's results (only with a client file open)."""
    household_id = selected_household_id()
    if household_id is None:
        return
    typed = dataclasses.replace(typed, widgets=widget_values(widget_keys))
    page_facts = page_facts or {}
    seeded = st.session_state.get(seeds.SEEDED_KEY.format(kind=kind), {})
    confirm_key = CONFIRM_KEY.format(kind=kind)
    touched = touched or bool(seeded) or seeds.touched(kind, typed.widgets)
    if st.button(label or _("Save to client file"), key=f"save_scenario_{kind}", icon=":material/save:"):
        if touched:
            _save(kind, typed, page_facts)
        else:
            st.session_state[confirm_key] = True
    if st.session_state.get(confirm_key):
        st.warning(
            _(
                "Nothing on this screen came from the file or was typed: these are the example values. "
                "Save them to the client file anyway?"
            ),
            icon=":material/help:",
        )
        yes, no = st.columns(2)
        if yes.button(_("Yes, save the example values"), key=f"sf_confirm_yes_{kind}"):
            st.session_state.pop(confirm_key, None)
            _save(kind, typed, page_facts)
        no.button(
            _("Cancel"), key=f"sf_confirm_no_{kind}", on_click=st.session_state.pop, args=(confirm_key, None)
        )
    done = st.session_state.get(DONE_KEY.format(kind=kind))
    if done:
        _after_save(kind, household_id, *done)


def _after_save(kind: str, household_id: int, changed: list, proposed: dict, version: int) -> None:
    st.success(_("Saved to the client file."), icon=":material/check_circle:")
    lines = [
        _("{field}: {before} → {after}").format(
            field=_(WIDGET_NAMES[key]), before=_shown(key, before), after=_shown(key, after)
        )
        for key, before, after in changed
        if key in WIDGET_NAMES
    ]
    if lines:
        st.markdown(_("**Changed from the file:**") + "\n" + "\n".join(f"- {line}" for line in lines))
    elif st.session_state.get(seeds.SEEDED_KEY.format(kind=kind)):
        st.caption(_("No value changed from the file."))
    if not proposed:
        return
    with st.container(border=True, key=f"sf_update_{kind}"):
        st.markdown(_("**Update the household's record?** These values differ from the file:"))
        st.markdown(
            "\n".join(
                f"- {_(FACT_NAMES[key])}: {number(value) if key == 'household_size' else money(value, cents=False)}"
                for key, value in proposed.items()
            )
        )
        if st.button(_("Update the client file"), key=f"sf_update_yes_{kind}", icon=":material/edit:"):
            try:
                update_facts(engine(), current_user(), household_id, version, proposed)
            except EditConflict:
                flow_context.refresh()
                st.session_state[DONE_KEY.format(kind=kind)] = (changed, {}, version)
                st.error(
                    _(
                        "Someone else changed this file after you opened it, so nothing was changed. "
                        "The file has been read again: check the values and try again."
                    )
                )
                return
            except (AccessDenied, ValueError):
                st.error(_("These values cannot be saved. Please check the fields marked above."))
                return
            flow_context.refresh()
            st.session_state[DONE_KEY.format(kind=kind)] = (changed, {}, version)
            st.success(_("The household's record was updated."), icon=":material/check_circle:")
