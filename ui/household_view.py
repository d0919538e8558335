"""The client file: summary, intake edit (with conflict handling), activity log, milestones, plan,
referrals, timeline with a progress chart, and closing/reopening. pages/household.py calls show().

Saves run in widget callbacks (before the page redraws), and their outcome is kept in session state
for the next draw, so the counselor's typed values are never lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from calculators import InputError
from db import activity, codes, households, hud_client
from db.scope import AccessDenied
from ui import (
    chart_theme,  # noqa: F401  (whole axis and legend labels)
    hud_file,
)
from ui.appointments import consent as reminder_consent
from ui.clients import open_household
from ui.db import engine
from ui.errors import FieldErrors, message_for
from ui.fees import funding as funding_view
from ui.household_forms import fill, intake_widgets, read, show_value
from ui.household_labels import (
    ERRORS,
    FIELD_LABELS,
    MEASURE_LABELS,
    REFERRAL_STATUS_LABELS,
    STATUS_LABELS,
    frozen,
    timeline_detail,
    timeline_label,
)
from ui.hud_file.admin_notes import section as admin_notes_section
from ui.hud_file.certification import session_notice
from ui.hud_file.profile import PREFIX as HUD_PREFIX
from ui.labels import (
    CLOSE_REASON_LABELS,
    MILESTONE_LABELS,
    MODE_LABELS,
    OWNER_LABELS,
    PURPOSE_LABELS,
    STAGE_LABELS,
    STEP_STATUS_LABELS,
    chooser,
    label,
)
from ui.session_flow import open_in
from ui.text import N_, _, date, money, number, percent, plain
from ui.widget_text import date_format

PREFIX = "hh"
BASE_KEY = "hh_form_base"  # {"id", "version", "values"}: what the edit form was loaded from
CONFLICT_KEY = "hh_conflict"
FLASH_KEY = "hh_flash"  # (section, kind, message) shown once after a save
ERROR_KEY = "hh_error"  # (section, InputError)
VIEWED_KEY = "hh_viewed"


def _user() -> dict:
    return st.session_state["user"]


def _flash(section: str, message: str, kind: str = "success") -> None:
    st.session_state[FLASH_KEY] = (section, kind, message)


def _show_flash(section: str) -> None:
    flash = st.session_state.get(FLASH_KEY)
    if flash and flash[0] == section:
        del st.session_state[FLASH_KEY]
        getattr(st, flash[1])(flash[2])


def _error(section: str, err: InputError) -> None:
    st.session_state[ERROR_KEY] = (section, err.code, err.field)


def _show_error(section: str, errors: FieldErrors) -> None:
    stored = st.session_state.get(ERROR_KEY)
    if stored and stored[0] == section:
        del st.session_state[ERROR_KEY]
        errors.show(InputError(stored[1], stored[2]), ERRORS)


def _load(hid: int) -> dict | None:
    """The household, audited once per opening (not on every rerun of the page)."""
    try:
        if st.session_state.get(VIEWED_KEY) != hid:
            hh = households.get(engine(), _user(), hid)
            st.session_state[VIEWED_KEY] = hid
        else:
            hh = households.current(engine(), _user(), hid)
    except AccessDenied:
        st.error(_("You do not have access to this household."))
        return None
    base = st.session_state.get(BASE_KEY)
    if not base or base["id"] != hid:
        _reset_form(hh)
    return hh


def _reset_form(hh: dict) -> None:
    values = {field: hh[field] for field in households.INTAKE_FIELDS}
    fill(PREFIX, values)
    st.session_state[BASE_KEY] = {"id": hh["id"], "version": hh["version"], "values": values}
    st.session_state.pop(CONFLICT_KEY, None)


# --- intake edit with conflict detection ----------------------------------------------------------


def _save_intake(hid: int, force_version: int | None = None) -> None:
    base = st.session_state[BASE_KEY]
    mine = read(PREFIX)
    changes = {k: v for k, v in mine.items() if v != base["values"].get(k)}
    if not changes:
        _flash("intake", _("Nothing to save: no field was changed."), "info")
        return
    version = force_version if force_version is not None else base["version"]
    try:
        households.update(engine(), _user(), hid, version, changes)
    except households.EditConflict as conflict:
        st.session_state[CONFLICT_KEY] = {"current": conflict.current, "mine": changes}
        return
    except InputError as err:
        _error("intake", err)
        return
    current = households.current(engine(), _user(), hid)
    st.session_state[BASE_KEY] = {
        "id": hid,
        "version": current["version"],
        "values": {f: current[f] for f in households.INTAKE_FIELDS},
    }
    st.session_state.pop(CONFLICT_KEY, None)
    _flash("intake", _("Saved."))


def _reapply(hid: int) -> None:
    """Keep my input: save it over the version the other person saved."""
    conflict = st.session_state[CONFLICT_KEY]
    theirs = {f: conflict["current"][f] for f in households.INTAKE_FIELDS}
    st.session_state[BASE_KEY]["values"] = theirs
    # Their version everywhere, with only the fields I changed on top: re-applying must not put back
    # the old values of fields the other person changed and I did not touch.
    fill(PREFIX, {**theirs, **conflict["mine"]})
    _save_intake(hid, force_version=conflict["current"]["version"])


def _take_theirs() -> None:
    _reset_form(st.session_state[CONFLICT_KEY]["current"])
    _flash("intake", _("The form now shows the saved version."), "info")


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
            saved = households.set_members(engine(), _user(), hh["id"], people, expected_version=base)
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
    _show_flash("intake")
    errors = FieldErrors()
    with st.form("hh_edit"):
        intake_widgets(PREFIX, errors, counselors)
        st.form_submit_button(_("Save changes"), type="primary", on_click=_save_intake, args=(hh["id"],))
    _show_error("intake", errors)
    _members_section(hh)


# --- activity log ---------------------------------------------------------------------------------


def _add_session(hid: int) -> None:
    state = st.session_state
    minutes = state.get("sess_minutes")
    if state.get("sess_purpose") is None:  # chosen by the counselor, never guessed: it goes to the 9902
        _error("session", InputError("missing_purpose", "purpose"))
        return
    paid = funding_view.parse(state.get("sess_funding"))
    if paid is None:  # who paid goes to the 9902's HUD-grant column: chosen, never guessed
        _error("session", InputError("missing_funding", "funding"))
        return
    try:
        activity.add_session(
            engine(),
            _user(),
            hid,
            session_date=state.get("sess_date"),
            start_time=state.get("sess_time"),
            duration_minutes=int(minutes) if minutes is not None else 0,
            mode=state.get("sess_mode"),
            purpose=state.get("sess_purpose"),
            notes=state.get("sess_notes", ""),
            next_follow_up=state.get("sess_follow_up"),
            funding=paid[0],
            funding_source_id=paid[1],
            fee=state.get("sess_fee"),
        )
    except InputError as err:
        _error("session", err)
        return
    state["sess_notes"] = ""
    state["sess_follow_up"] = None
    _flash("session", _("Session added."))


def _sessions_section(hh: dict) -> None:
    _show_flash("session")
    errors = FieldErrors()
    st.session_state.setdefault("sess_date", dt.date.today())
    rows = activity.sessions_for(engine(), _user(), hh["id"])
    if st.session_state.get("sess_purpose_for") != hh["id"]:
        # A first session has no purpose until the counselor picks one; later ones start from the last.
        st.session_state["sess_purpose_for"] = hh["id"]
        st.session_state["sess_purpose"] = rows[0]["purpose"] if rows else None
    certified = session_notice(_user())  # HUD-certified counselors only (db.certification)
    funding_view.remember("sess", hh["id"], rows[0] if rows else None)
    with st.form("add_session", border=True):
        st.markdown(_("**Quick add: session**"))
        a, b, c = st.columns(3)
        with a:
            st.date_input(_("Date"), key="sess_date", format=date_format())
            errors.slot("session_date")
            st.selectbox(
                _("Mode"),
                codes.SESSION_MODE[:3],
                format_func=frozen(codes.SESSION_MODE[:3], chooser(MODE_LABELS)),
                key="sess_mode",
                placeholder=_("Choose an option"),
            )
            errors.slot("mode")
        with b:
            st.time_input(_("Start time"), value=None, key="sess_time", step=dt.timedelta(minutes=15))
            errors.slot("start_time")
            st.number_input(_("Minutes"), min_value=1, max_value=480, value=60, step=5, key="sess_minutes")
            errors.slot("duration_minutes")
        with c:
            st.selectbox(
                _("Purpose (HUD)"),
                codes.COUNSELING_PURPOSE,
                format_func=frozen(codes.COUNSELING_PURPOSE, chooser(PURPOSE_LABELS)),
                index=None,
                placeholder=_("Choose the purpose of this session"),
                key="sess_purpose",
            )
            errors.slot("purpose")
            st.date_input(_("Next follow-up"), value=None, key="sess_follow_up", format=date_format())
            errors.slot("next_follow_up")
        st.text_area(_("Notes (what was discussed, what was agreed)"), key="sess_notes", height=90)
        errors.slot("notes")
        funding_view.fields("sess", errors)
        st.form_submit_button(
            _("Add session"), type="primary", on_click=_add_session, args=(hh["id"],), disabled=not certified
        )
    _show_error("session", errors)
    admin_notes_section(hh, certified)  # what staff who may not record sessions write instead
    if not rows:
        st.caption(_("No sessions yet."))
        return
    names = funding_view.source_names()
    table = pd.DataFrame(
        {
            _("Date"): [date(r["session_date"], "medium") for r in rows],
            _("Start"): [r["start_time"].strftime("%H:%M") if r["start_time"] else "" for r in rows],
            _("Minutes"): [r["duration_minutes"] for r in rows],
            _("Mode"): [label(MODE_LABELS, r["mode"]) for r in rows],
            _("Purpose (HUD)"): [label(PURPOSE_LABELS, r["purpose"]) for r in rows],
            _("Counselor"): [r["counselor_name"] for r in rows],
            _("Paid by"): [funding_view.label_of(r["funding"], r["funding_source_id"], names) for r in rows],
            _("Fee"): [funding_view.fee_text(r["fee"]) for r in rows],
            _("Notes"): [r["notes"] for r in rows],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")


# --- milestones -----------------------------------------------------------------------------------


DUPLICATE_KEY = "ms_duplicate"  # (household id, code, day) waiting for "record it again"


def _add_milestone(hid: int, again: bool = False) -> None:
    state = st.session_state
    value = state.get("ms_value")
    code, on = state.get("ms_code"), state.get("ms_date")
    state.pop(DUPLICATE_KEY, None)
    if not again and any(
        r["code"] == code and r["achieved_on"] == on for r in activity.milestones_for(engine(), _user(), hid)
    ):
        state[DUPLICATE_KEY] = (hid, code, on)  # the same milestone on the same day: ask first
        return
    try:
        activity.add_milestone(
            engine(),
            _user(),
            hid,
            state.get("ms_code"),
            state.get("ms_date"),
            None if value is None else float(value),
            state.get("ms_evidence", ""),
        )
    except InputError as err:
        _error("milestone", err)
        return
    state["ms_value"] = None
    state["ms_evidence"] = ""
    _flash("milestone", _("Milestone recorded. The stage was updated from the milestones."))


def _remove_milestone() -> None:
    choice = st.session_state.get("ms_remove")
    if choice is None:
        return
    try:
        activity.remove_milestone(engine(), _user(), choice)
    except InputError as err:
        _error("milestone", err)
        return
    _flash("milestone", _("Milestone removed. The stage was updated from the milestones."), "info")


def _duplicate_warning(hid: int) -> None:
    pending = st.session_state.get(DUPLICATE_KEY)
    if not pending or pending[0] != hid:
        return
    st.warning(
        _("{milestone} was already recorded on {day}. It was not recorded again.").format(
            milestone=label(MILESTONE_LABELS, pending[1]), day=date(pending[2], "medium")
        ),
        icon=":material/content_copy:",
    )
    st.button(_("Record it again anyway"), key="ms_again", on_click=_add_milestone, args=(hid, True))


def _milestones_section(hh: dict) -> None:
    _show_flash("milestone")
    errors = FieldErrors()
    st.session_state.setdefault("ms_date", dt.date.today())
    with st.form("add_milestone", border=True, enter_to_submit=False):  # Enter in "Value" must not save
        st.markdown(_("**Record a milestone**"))
        a, b = st.columns(2)
        with a:
            st.selectbox(
                _("Milestone"),
                codes.MILESTONES,
                format_func=frozen(codes.MILESTONES, chooser(MILESTONE_LABELS)),
                key="ms_code",
                placeholder=_("Choose an option"),
            )
            errors.slot("code")
            st.date_input(_("Date reached"), key="ms_date", format=date_format())
            errors.slot("achieved_on")
        with b:
            st.number_input(
                _("Value (savings, score or amount), optional"),
                min_value=0.0,
                value=None,
                step=50.0,
                key="ms_value",
            )
            errors.slot("value")
            st.text_input(_("Evidence (what you saw)"), key="ms_evidence")
            errors.slot("evidence")
        st.form_submit_button(
            _("Record milestone"), type="primary", on_click=_add_milestone, args=(hh["id"],)
        )
    _show_error("milestone", errors)
    _duplicate_warning(hh["id"])
    rows = activity.milestones_for(engine(), _user(), hh["id"])
    if not rows:
        st.caption(_("No milestones yet. The stage stays at Intake until milestones are recorded."))
        return
    st.dataframe(
        pd.DataFrame(
            {
                _("Milestone"): [label(MILESTONE_LABELS, r["code"]) for r in rows],
                _("Date reached"): [date(r["achieved_on"], "medium") for r in rows],
                _("Value"): ["" if r["value"] is None else number(r["value"]) for r in rows],
                _("Evidence"): [r["evidence"] for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    names = {
        r["id"]: f"{label(MILESTONE_LABELS, r['code'])} — {date(r['achieved_on'], 'medium')}" for r in rows
    }
    with st.expander(_("Remove a milestone recorded by mistake")):
        st.selectbox(
            _("Milestone to remove"),
            list(names),
            format_func=names.get,
            key="ms_remove",
            placeholder=_("Choose an option"),
        )
        st.button(_("Remove milestone"), key="ms_remove_btn", on_click=_remove_milestone)


# --- plan and referrals ---------------------------------------------------------------------------


def _add_goal(hid: int) -> None:
    try:
        activity.add_goal(engine(), _user(), hid, st.session_state.get("goal_text", ""))
    except InputError as err:
        _error("plan", err)
        return
    st.session_state["goal_text"] = ""
    _flash("plan", _("Goal added."))


def _add_step(hid: int) -> None:
    state = st.session_state
    try:
        activity.add_step(
            engine(), _user(), hid, state.get("step_text", ""), state.get("step_owner"), state.get("step_due")
        )
    except InputError as err:
        _error("plan", err)
        return
    state["step_text"] = ""
    _flash("plan", _("Step added."))


def _set_step() -> None:
    state = st.session_state
    if state.get("step_pick") is None:
        return
    try:
        activity.set_step_status(
            engine(),
            _user(),
            state["step_pick"],
            state.get("step_status"),
            expected_version=state.get("step_versions", {}).get(state["step_pick"]),
        )
    except activity.ListConflict:
        _flash(
            "plan", _("Someone else changed this step just now. Nothing was saved; check it and try again.")
        )
        return
    _flash("plan", _("Step updated."))


def _highlight_overdue(frame: pd.DataFrame, overdue: list[bool]):
    def style(row):
        color = "background-color: #fde2e1; color: #8a1c12" if overdue[row.name] else ""
        return [color] * len(row)

    return frame.style.apply(style, axis=1)


def _plan_section(hh: dict) -> None:
    _show_flash("plan")
    errors = FieldErrors()
    plan = activity.plan_for(engine(), _user(), hh["id"])
    st.markdown(_("**Goals**"))
    for goal in plan["goals"]:
        st.text("• " + goal["text"])
    if not plan["goals"]:
        st.caption(_("No goals yet."))
    with st.form("add_goal", border=False):
        st.text_input(_("New goal"), key="goal_text")
        errors.slot("text")
        st.form_submit_button(_("Add goal"), on_click=_add_goal, args=(hh["id"],))
    st.markdown(_("**Steps**"))
    steps = plan["steps"]
    overdue = [s["overdue"] for s in steps]
    if steps:
        if any(overdue):
            st.error(
                _("{n} step(s) are past their due date.").format(n=sum(overdue)), icon=":material/schedule:"
            )
        frame = pd.DataFrame(
            {
                _("Step"): [s["text"] for s in steps],
                _("Who"): [label(OWNER_LABELS, s["owner"]) for s in steps],
                _("Due"): [date(s["due_date"], "medium") if s["due_date"] else "" for s in steps],
                _("Status"): [
                    _("Overdue") if s["overdue"] else label(STEP_STATUS_LABELS, s["status"]) for s in steps
                ],
            }
        )
        st.dataframe(_highlight_overdue(frame, overdue), hide_index=True, width="stretch")
        texts = {s["id"]: s["text"] for s in steps}
        st.session_state["step_versions"] = {s["id"]: s["version"] for s in steps}
        a, b, c = st.columns([3, 2, 1], vertical_alignment="bottom")
        a.selectbox(
            _("Step"), list(texts), format_func=texts.get, key="step_pick", placeholder=_("Choose an option")
        )
        b.selectbox(
            _("Status"),
            codes.STEP_STATUS,
            format_func=frozen(codes.STEP_STATUS, chooser(STEP_STATUS_LABELS)),
            key="step_status",
            placeholder=_("Choose an option"),
        )
        c.button(_("Update step"), key="step_update", on_click=_set_step)
    else:
        st.caption(_("No steps yet."))
    with st.form("add_step", border=True):
        st.markdown(_("**Add a step**"))
        st.text_input(_("What will be done"), key="step_text")
        errors.slot("text")
        a, b = st.columns(2)
        a.selectbox(
            _("Who does it"),
            codes.STEP_OWNER,
            format_func=frozen(codes.STEP_OWNER, chooser(OWNER_LABELS)),
            key="step_owner",
            placeholder=_("Choose an option"),
        )
        b.date_input(_("Due date"), value=None, key="step_due", format=date_format())
        st.form_submit_button(_("Add step"), on_click=_add_step, args=(hh["id"],))
    _show_error("plan", errors)


def _add_referral(hid: int) -> None:
    state = st.session_state
    try:
        activity.add_referral(
            engine(),
            _user(),
            hid,
            agency=state.get("ref_agency", ""),
            reason=state.get("ref_reason", ""),
            contact=state.get("ref_contact", ""),
            follow_up_on=state.get("ref_follow_up"),
        )
    except InputError as err:
        _error("referral", err)
        return
    for key in ("ref_agency", "ref_reason", "ref_contact"):
        state[key] = ""
    _flash("referral", _("Referral added."))


def _set_referral() -> None:
    state = st.session_state
    if state.get("ref_pick") is None:
        return
    try:
        activity.set_referral_status(
            engine(),
            _user(),
            state["ref_pick"],
            state.get("ref_status"),
            expected_version=state.get("ref_versions", {}).get(state["ref_pick"]),
        )
    except activity.ListConflict:
        _flash("referral", _("Someone else changed this referral just now. Nothing was saved; try again."))
        return
    _flash("referral", _("Referral updated."))


def _referrals_section(hh: dict) -> None:
    _show_flash("referral")
    errors = FieldErrors()
    rows = activity.referrals_for(engine(), _user(), hh["id"])
    if rows:
        due = [r["follow_up_due"] for r in rows]
        if any(due):
            st.warning(_("Check on {n} referral(s): the follow-up date has come.").format(n=sum(due)))
        st.dataframe(
            pd.DataFrame(
                {
                    _("Agency"): [r["agency"] for r in rows],
                    _("Reason"): [r["reason"] for r in rows],
                    _("Referred on"): [date(r["referred_on"], "medium") for r in rows],
                    _("Check by"): [
                        date(r["follow_up_on"], "medium") if r["follow_up_on"] else "" for r in rows
                    ],
                    _("Status"): [label(REFERRAL_STATUS_LABELS, r["status"]) for r in rows],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        names = {r["id"]: r["agency"] for r in rows}
        st.session_state["ref_versions"] = {r["id"]: r["version"] for r in rows}
        a, b, c = st.columns([3, 2, 1], vertical_alignment="bottom")
        a.selectbox(
            _("Referral"),
            list(names),
            format_func=names.get,
            key="ref_pick",
            placeholder=_("Choose an option"),
        )
        b.selectbox(
            _("Status"),
            activity.REFERRAL_STATUS,
            format_func=frozen(activity.REFERRAL_STATUS, chooser(REFERRAL_STATUS_LABELS)),
            key="ref_status",
            placeholder=_("Choose an option"),
        )
        c.button(_("Update referral"), key="ref_update", on_click=_set_referral)
    with st.form("add_referral", border=True):
        st.markdown(_("**Refer to another agency**"))
        st.text_input(_("Agency or program"), key="ref_agency")
        errors.slot("agency")
        st.text_input(_("Reason"), key="ref_reason")
        st.text_input(_("Contact at the agency"), key="ref_contact")
        st.date_input(_("Check that it happened by"), value=None, key="ref_follow_up", format=date_format())
        st.form_submit_button(_("Add referral"), on_click=_add_referral, args=(hh["id"],))
    _show_error("referral", errors)


# --- timeline and chart ---------------------------------------------------------------------------


def _progress_chart(hid: int) -> None:
    points = activity.progress_series(engine(), _user(), hid)
    if not points:
        st.caption(
            _("No savings, credit score or debt figures yet. Add a value when you record a milestone.")
        )
        return
    frame = pd.DataFrame(
        {
            "date": [p["on"].isoformat() for p in points],
            "measure": [_(MEASURE_LABELS[p["measure"]]) for p in points],
            "value": [p["value"] for p in points],
        }
    )
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=_("Date")),
            y=alt.Y("value:Q", title=None),
            color=alt.Color("measure:N", title=None),
            tooltip=[alt.Tooltip("measure:N", title=_("Measure")), alt.Tooltip("value:Q", title=_("Value"))],
        )
        .properties(height=140)
        .facet(row=alt.Row("measure:N", title=None))
        .resolve_scale(y="independent")
    )
    st.altair_chart(chart, width="stretch")


def _timeline_section(hh: dict) -> None:
    st.markdown(_("**Savings, credit score and debt over time**"))
    _progress_chart(hh["id"])
    events = activity.timeline(engine(), _user(), hh["id"])
    if not events:
        st.caption(_("Nothing on the timeline yet."))
        return
    st.dataframe(
        pd.DataFrame(
            {
                _("Date"): [date(e["on"], "medium") for e in events],
                _("What happened"): [timeline_label(e) for e in events],
                _("Detail"): [timeline_detail(e) for e in events],
            }
        ),
        hide_index=True,
        width="stretch",
    )


# --- close and reopen -----------------------------------------------------------------------------


def _close(hid: int) -> None:
    try:
        activity.close(
            engine(), _user(), hid, st.session_state.get("close_reason"), st.session_state.get("close_on")
        )
    except InputError as err:
        _error("close", err)
        return
    _flash("close", _("The file is closed."))


def _reopen(hid: int) -> None:
    try:
        activity.reopen(engine(), _user(), hid)
    except InputError as err:
        _error("close", err)
        return
    _flash("close", _("The file is open again."))


def _close_section(hh: dict) -> None:
    _show_flash("close")
    errors = FieldErrors()
    if hh["status"] == "closed":
        st.info(
            _("Closed on {day}. Reason: {reason}.").format(
                day=date(hh["closed_on"]), reason=label(CLOSE_REASON_LABELS, hh["close_reason"])
            )
        )
        st.button(_("Reopen file"), key="reopen", on_click=_reopen, args=(hh["id"],))
    else:
        st.caption(
            _(
                "HUD asks for the closing date and reason. Before closing for no contact, try a call within "
                "60 days, then a letter asking them to answer within 30 days."
            )
        )
        st.session_state.setdefault("close_on", dt.date.today())
        st.selectbox(
            _("Reason for closing"),
            codes.CLOSE_REASON,
            format_func=frozen(codes.CLOSE_REASON, chooser(CLOSE_REASON_LABELS)),
            key="close_reason",
            placeholder=_("Choose an option"),
        )
        errors.slot("close_reason")
        st.date_input(_("Closing date"), key="close_on", format=date_format())
        errors.slot("closed_on")
        st.button(_("Close file"), key="close", on_click=_close, args=(hh["id"],))
    _show_error("close", errors)


# --- the page -------------------------------------------------------------------------------------


def _summary(hh: dict) -> None:
    st.subheader(plain(hh["display_name"]))
    if hh["is_demo"]:
        st.caption(_("Demo record: fictional data."))
    a, b, c, d = st.columns(4)
    a.metric(_("Stage"), label(STAGE_LABELS, hh["stage"]))
    if hh["stage_since"]:
        a.caption(_("since {day}").format(day=date(hh["stage_since"], "medium")))
    b.metric(_("Last contact"), date(hh["last_contact_on"], "medium") if hh["last_contact_on"] else "—")
    c.metric(_("Next follow-up"), date(hh["next_follow_up"], "medium") if hh["next_follow_up"] else "—")
    d.metric(_("File"), label(STATUS_LABELS, hh["status"]))
    details = [
        _("Counselor: {name}").format(name=plain(hh["counselor_name"]) or "—"),
        _("Opened: {day}").format(day=date(hh["opened_on"], "medium")),
    ]
    if hh["ami_percent"] is not None:
        details.append(
            _("Income: {income} a year ({percent} of the area median)").format(
                income=money(hh["annual_income"], cents=False), percent=percent(hh["ami_percent"] / 100, 0)
            )
        )
    if not hh["counseling_purpose"]:
        details.append(_("No reason for counseling yet: the HUD report will leave this household out."))
    st.caption(" · ".join(details))


def _intake_tab(hh: dict) -> None:
    """The intake edit needs the office's counselors; they are read only while this tab is open."""
    counselors = {c["id"]: c["name"] for c in households.counselors(engine(), _user())}
    if hh["counselor_id"] and hh["counselor_id"] not in counselors:
        counselors[hh["counselor_id"]] = hh["counselor_name"] or "—"
    _intake_section(hh, counselors)
    reminder_consent.show(_user(), hh["id"], key="hh")  # contact preferences: reminders by email, text


# The client file's tabs, in order: (label marked for translation, function drawing the tab's body).
# Only the tab in view is drawn: the others cost nothing on a rerun. To add a tab, add a row.
TABS: list[tuple[str, Callable[[dict], None]]] = [
    (N_("Activity"), _sessions_section),
    (N_("Milestones"), _milestones_section),
    (N_("Action plan"), _plan_section),
    (N_("Referrals"), _referrals_section),
    (N_("Timeline"), _timeline_section),
    (N_("Intake"), _intake_tab),
    (N_("Close or reopen"), _close_section),
    (N_("HUD file"), lambda hh: hud_file.show_tab(hh)),
    (N_("Documents"), lambda hh: hud_file.documents_tab(hh)),
]
TAB_KEY = "hh_tab"  # the label of the tab in view (in the screen's language)


def _keep_answers_across_tabs() -> None:
    """Streamlit drops a widget's value after a run that does not draw it (another tab in view); setting
    it again each run keeps the intake and HUD answers, saved or only typed, until the tab is back."""
    keys = [f"{PREFIX}_{field}" for field in households.INTAKE_FIELDS]
    keys += [f"{HUD_PREFIX}_{field}" for field in hud_client.PROFILE_FIELDS]
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def show(hid: int | None) -> None:
    """Draw the client file for the household chosen on the list (the id lives in session state only)."""
    if hid is None:
        st.info(_("Choose a household on the Households page, or add a new one."))
        return
    hh = _load(hid)
    if hh is None:
        open_household(None)
        return
    _summary(hh)
    open_in.actions(hid)  # "Open in" each calculator, and the saved calculations (issue #21)
    hud_file.banner(hh)
    _keep_answers_across_tabs()
    # on_change="rerun" makes the tabs report which one is open (public API), so the hidden ones are
    # not built: drawing all seven (before the HUD tab) sent ~200 messages and ~1,750 new page nodes on every action.
    tabs = st.tabs([_(title) for title, _draw in TABS], key=TAB_KEY, on_change="rerun")
    for tab, (_title, draw) in zip(tabs, TABS, strict=True):
        if tab.open is not False:  # None would mean no tab state: then every tab is drawn
            with tab:
                draw(hh)
