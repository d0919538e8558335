"""The client file's Intake tab: the intake edit (with conflict handling when someone else saved first), the
people in the household, and the contact preferences for reminders."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculators import InputError
from db import households
from ui.appointments import consent as reminder_consent
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import FieldErrors, message_for
from ui.households.client_file.state import (
    BASE_KEY,
    CONFLICT_KEY,
    PREFIX,
    current_user,
    flash,
    remember_error,
    reset_form,
    show_error,
    show_flash,
)
from ui.households.forms import fill, intake_widgets, read, show_value
from ui.households.labels import FIELD_LABELS
from ui.text import NO_VALUE, _, plain


@signed_in_only
def _save_intake(hid: int) -> None:
    """The form's Save button: my changes over the version the form was loaded from."""
    _write_intake(hid)


def _write_intake(hid: int, force_version: int | None = None) -> None:
    """Save the changed fields (a conflict or a bad value is kept for the next draw)."""
    base = st.session_state[BASE_KEY]
    mine = read(PREFIX)
    changes = {k: v for k, v in mine.items() if v != base["values"].get(k)}
    if not changes:
        flash("intake", _("Nothing to save: no field was changed."), "info")
        return
    version = force_version if force_version is not None else base["version"]
    try:
        households.update(engine(), current_user(), hid, version, changes)
    except households.EditConflict as conflict:
        st.session_state[CONFLICT_KEY] = {"current": conflict.current, "mine": changes}
        return
    except InputError as err:
        remember_error("intake", err)
        return
    current = households.current(engine(), current_user(), hid)
    st.session_state[BASE_KEY] = {
        "id": hid,
        "version": current["version"],
        "values": {f: current[f] for f in households.INTAKE_FIELDS},
    }
    st.session_state.pop(CONFLICT_KEY, None)
    flash("intake", _("Saved."))


@signed_in_only
def _reapply(hid: int) -> None:
    """Keep my input: save it over the version the other person saved."""
    conflict = st.session_state[CONFLICT_KEY]
    theirs = {f: conflict["current"][f] for f in households.INTAKE_FIELDS}
    st.session_state[BASE_KEY]["values"] = theirs
    # Their version everywhere, with only the fields I changed on top: re-applying must not put back
    # the old values of fields the other person changed and I did not touch.
    fill(PREFIX, {**theirs, **conflict["mine"]})
    _write_intake(hid, force_version=conflict["current"]["version"])


def _take_theirs() -> None:
    reset_form(st.session_state[CONFLICT_KEY]["current"])
    flash("intake", _("The form now shows the saved version."), "info")


def _conflict_box(hid: int, counselors: dict[int, str]) -> None:
    conflict = st.session_state.get(CONFLICT_KEY)
    if not conflict:
        return
    base = st.session_state[BASE_KEY]["values"]
    theirs = conflict["current"]
    with st.container(border=True):
        st.warning(
            _(
                "Someone else changed this household while you were editing. Nothing of yours was saved yet, "
                "and your input is still in the form."
            ),
            icon=":material/sync_problem:",
        )
        changed = households.changed_fields(base, theirs)
        if changed:
            st.markdown(_("**What they changed:**"))
            for field in changed:
                st.text(
                    _("{field}: {before} → {after}").format(
                        field=_(FIELD_LABELS[field]),
                        before=show_value(field, base.get(field), counselors),
                        after=show_value(field, theirs.get(field), counselors),
                    )
                )
        else:
            st.caption(_("They changed the file's status or follow-up, not the fields in this form."))
        left, right = st.columns(2)
        left.button(
            _("Save my changes over theirs"),
            key="hh_reapply",
            on_click=_reapply,
            args=(hid,),
            type="primary",
        )
        right.button(_("Discard my changes and show theirs"), key="hh_take_theirs", on_click=_take_theirs)


MEMBER_COLUMNS = ["name", "relationship_to_head", "birth_year", "annual_income"]


def _plain(value):
    """None for the empty cells a data editor gives back (NaN, NA, empty text)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA or value == "":
        return None
    return value


def _members_section(hh: dict) -> None:
    st.markdown(_("**People in the household**"))
    st.caption(_("Optional: who lives in the household, with birth year and income. Never ID numbers."))
    frame = pd.DataFrame([{c: m[c] for c in MEMBER_COLUMNS} for m in hh["members"]], columns=MEMBER_COLUMNS)
    # The list version this editor started from; someone else's save since is a conflict, not lost.
    base = st.session_state.setdefault(f"members_base_{hh['id']}", hh["members_version"])
    edited = st.data_editor(
        frame,
        num_rows="dynamic",
        hide_index=True,
        key=f"members_{hh['id']}_{base}",
        column_config={
            "name": st.column_config.TextColumn(_("Name"), max_chars=200),
            "relationship_to_head": st.column_config.TextColumn(_("Relationship"), max_chars=30),
            "birth_year": st.column_config.NumberColumn(_("Birth year"), min_value=1900, step=1, format="%d"),
            "annual_income": st.column_config.NumberColumn(_("Income per year"), min_value=0, step=100),
        },
        placeholder=NO_VALUE,
    )
    if st.button(_("Save people"), key="members_save"):
        people = []
        for row in edited.to_dict("records"):
            person = {c: _plain(row.get(c)) for c in MEMBER_COLUMNS}
            if not person["name"]:
                continue  # an empty row left in the editor is not a person
            if person["birth_year"] is not None:
                person["birth_year"] = int(person["birth_year"])
            people.append(person)
        try:
            saved = households.set_members(engine(), current_user(), hh["id"], people, expected_version=base)
        except households.EditConflict as err:
            st.session_state[f"members_base_{hh['id']}"] = err.current["members_version"]
            st.warning(
                _(
                    "Someone else changed the people in this household while you were editing. Nothing of "
                    "yours was saved. Their list is shown after your next click; add yours again: {names}."
                ).format(names=plain(", ".join(p["name"] for p in people)) or "—"),
                icon=":material/sync_problem:",
            )
        except InputError as err:
            st.error(message_for(err) if err.code == "control_characters" else _("Please check the names."))
        except ValueError:
            st.error(_("Please check the birth years and incomes."))
        else:
            st.session_state[f"members_base_{hh['id']}"] = saved
            st.success(_("Saved."))


def _intake_section(hh: dict, counselors: dict[int, str]) -> None:
    _conflict_box(hh["id"], counselors)
    show_flash("intake")
    errors = FieldErrors()
    with st.form("hh_edit"):
        intake_widgets(PREFIX, errors, counselors)
        st.form_submit_button(_("Save changes"), type="primary", on_click=_save_intake, args=(hh["id"],))
    show_error("intake", errors)
    _members_section(hh)


def tab(hh: dict) -> None:
    """The intake edit needs the office's counselors; they are read only while this tab is open."""
    counselors = {c["id"]: c["name"] for c in households.counselors(engine(), current_user())}
    if hh["counselor_id"] and hh["counselor_id"] not in counselors:
        counselors[hh["counselor_id"]] = hh["counselor_name"] or "—"
    _intake_section(hh, counselors)
    reminder_consent.show(current_user(), hh["id"], key="hh")  # contact preferences: reminders by email, text
