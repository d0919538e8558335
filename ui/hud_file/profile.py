"""The client file's HUD tab: what HUD reporting still needs, HUD's client questions, and the cases.

Each question says why HUD asks. An answer never given shows "Not asked yet"; nothing is pre-filled
with a guess. Saves run in widget callbacks and keep the counselor's input on an error or a conflict.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculators import InputError
from db import codes, hud_client, hud_codes
from db.local_time import today_local
from db.scope import AccessDenied
from reports import hud_arm
from reports.hud_arm.readiness import fields_missing
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import FieldErrors
from ui.households.labels import frozen
from ui.hud_file import labels as L
from ui.hud_file import notices
from ui.labels import PURPOSE_LABELS, RACE_LABELS, label
from ui.text import NO_VALUE, _, date, ngettext, number
from ui.widget_text import date_format

PREFIX = "hudp"
BASE_KEY = "hudp_base"  # {"id", "version", "values"}
FLASH_KEY = "hudp_flash"
ERROR_KEY = "hudp_error"
RACE_OPTIONS = (*hud_codes.SINGLE_RACES, codes.NOT_REPORTED)
STATE_OPTIONS = ("", *hud_client.US_STATES)


def _user() -> dict:
    return st.session_state["user"]


def gap_label(source: str) -> str:
    """What a readiness item is about, in the reader's language."""
    if source in L.FIELD_LABELS:
        return _(L.FIELD_LABELS[source])
    return _(L.OTHER_GAPS.get(source, source))


def _values(profile: hud_client.HudProfile) -> dict:
    return {name: getattr(profile, name) for name in hud_client.PROFILE_FIELDS}


def _fill(hid: int, profile: hud_client.HudProfile) -> None:
    values = _values(profile)
    for name, value in values.items():
        if name == "monthly_debt" and value is not None:
            value = float(value)
        st.session_state[f"{PREFIX}_{name}"] = value
    st.session_state[BASE_KEY] = {"id": hid, "version": profile.version, "values": values}


def _read() -> dict:
    return {name: st.session_state.get(f"{PREFIX}_{name}") for name in hud_client.PROFILE_FIELDS}


@signed_in_only
def _save(hid: int) -> None:
    base = st.session_state[BASE_KEY]
    mine = _read()

    def plain(value):
        return None if value in (None, "", []) else value

    changes = {k: v for k, v in mine.items() if plain(v) != plain(base["values"].get(k))}
    if not changes:
        st.session_state[FLASH_KEY] = ("info", _("Nothing to save: no answer was changed."))
        return
    try:
        hud_client.save_profile(engine(), _user(), hid, base["version"], changes)
    except InputError as err:
        st.session_state[ERROR_KEY] = (err.code, err.field)
        return
    except hud_client.ProfileConflict:
        st.session_state[ERROR_KEY] = ("edit_conflict", None)
        return
    _fill(hid, hud_client.get_profile(engine(), _user(), hid))
    st.session_state[FLASH_KEY] = ("success", _("Saved."))


def _reload(hid: int) -> None:
    _fill(hid, hud_client.get_profile(engine(), _user(), hid))


def readiness(hid: int) -> None:
    """The list of what HUD reporting still needs from this household."""
    gaps = hud_arm.household_gaps(engine(), _user(), hid)
    missing = fields_missing(gaps)
    if not missing:
        st.success(_("Ready for HUD reporting: every answer HUD asks for is here."), icon=":material/check:")
        return
    st.warning(
        ngettext(
            "HUD reporting still needs {n} answer:",
            "HUD reporting still needs {n} answers:",
            len(missing),
        ).format(n=number(len(missing))),
        icon=":material/assignment_late:",
    )
    reasons = {g.source: g.reason for g in gaps}
    for source in missing:
        extra = "" if reasons[source] == "missing" else f" ({_(L.GAP_REASONS[reasons[source]])})"
        st.text(f"• {gap_label(source)}{extra}")


def _choice(prefix: str, field: str, errors: FieldErrors) -> None:
    options = ("", *hud_client.CHOICES[field])
    table = L.CHOICE_LABELS.get(field, {})
    st.selectbox(
        _(L.FIELD_LABELS[field]),
        options,
        format_func=frozen(options, lambda c: _(L.NOT_ASKED) if c == "" else label(table, c)),
        key=f"{prefix}_{field}",
        help=_(L.WHY[field]),
        placeholder=_(L.NOT_ASKED),
    )
    errors.slot(field)


def _number(prefix: str, field: str, errors: FieldErrors, high: int) -> None:
    st.number_input(
        _(L.FIELD_LABELS[field]),
        min_value=0,
        max_value=high,
        step=1,
        key=f"{prefix}_{field}",
        placeholder=_(L.NOT_ASKED),
        help=_(L.WHY[field]),
    )
    errors.slot(field)


def profile_widgets(prefix: str, errors: FieldErrors) -> None:
    """HUD's questions, keyed `<prefix>_<field>` (inside the caller's form), each with its error slot."""
    st.markdown(_("**Where they live**"))
    a, b = st.columns(2)
    with a:
        st.text_input(
            _(L.FIELD_LABELS["street"]), key=f"{prefix}_street", max_chars=50, help=_(L.WHY["street"])
        )
        errors.slot("street")
        st.text_input(_(L.FIELD_LABELS["city"]), key=f"{prefix}_city", max_chars=50, help=_(L.WHY["city"]))
        errors.slot("city")
    with b:
        st.selectbox(
            _(L.FIELD_LABELS["state"]),
            STATE_OPTIONS,
            format_func=frozen(STATE_OPTIONS, lambda c: _(L.NOT_ASKED) if c == "" else c),
            key=f"{prefix}_state",
            help=_(L.WHY["state"]),
            placeholder=_(L.NOT_ASKED),
        )
        errors.slot("state")
        st.text_input(
            _(L.FIELD_LABELS["zip_code"]),
            key=f"{prefix}_zip_code",
            max_chars=10,
            help=_(L.WHY["zip_code"]),
        )
        errors.slot("zip_code")
    st.markdown(_("**The household**"))
    a, b = st.columns(2)
    with a:
        st.multiselect(
            _(L.FIELD_LABELS["races"]),
            RACE_OPTIONS,
            format_func=frozen(RACE_OPTIONS, lambda c: label(RACE_LABELS, c)),
            key=f"{prefix}_races",
            placeholder=_(L.NOT_ASKED),
            help=_(L.WHY["races"]),
        )
        errors.slot("races")
        for field in ("gender", "marital_status", "head_of_household", "education"):
            _choice(prefix, field, errors)
        _number(prefix, "dependents", errors, 20)
    with b:
        for field in ("disabled", "farm_worker", "colonias_resident", "discrimination_victim"):
            _choice(prefix, field, errors)
        for field in ("hud_assistance", "referred_by", "spoken_language"):
            _choice(prefix, field, errors)
    st.markdown(_("**Money and credit**"))
    a, b = st.columns(2)
    with a:
        st.number_input(
            _(L.FIELD_LABELS["monthly_debt"]),
            min_value=0.0,
            step=25.0,
            format="%.0f",
            key=f"{prefix}_monthly_debt",
            placeholder=_(L.NOT_ASKED),
            help=_(L.WHY["monthly_debt"]),
        )
        errors.slot("monthly_debt")
        _number(prefix, "job_months", errors, 720)
    with b:
        st.number_input(
            _(L.FIELD_LABELS["credit_score"]),
            min_value=300,
            max_value=850,
            step=1,
            key=f"{prefix}_credit_score",
            placeholder=_(L.NOT_ASKED),
            help=_(L.WHY["credit_score"]),
        )
        errors.slot("credit_score")
        _choice(prefix, "credit_score_source", errors)
        _choice(prefix, "no_credit_score_reason", errors)


def _profile_form(hid: int) -> None:
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        getattr(st, flash[0])(flash[1])
    errors = FieldErrors()
    with st.form("hud_profile"):
        profile_widgets(PREFIX, errors)
        st.form_submit_button(_("Save HUD answers"), type="primary", on_click=_save, args=(hid,))
    stored = st.session_state.pop(ERROR_KEY, None)
    if stored:
        errors.show(InputError(stored[0], stored[1]), L.ERRORS)
        if stored[0] == "edit_conflict":
            st.button(_("Reload the saved answers"), key="hudp_reload", on_click=_reload, args=(hid,))


@signed_in_only
def _set_case(hid: int) -> None:
    state = st.session_state
    try:
        hud_client.set_case(
            engine(),
            _user(),
            state.get("hudc_pick"),
            termination=state.get("hudc_termination") or "",
            terminated_on=state.get("hudc_on"),
            hud_grant=state.get("hudc_grant") or "",
        )
    except InputError as err:
        state["hudc_error"] = (err.code, err.field)
        return
    except AccessDenied:
        state["hudc_error"] = ("invalid_choice", "hudc_pick")
        return
    state["hudc_flash"] = _("Case updated.")


def _cases(hid: int) -> None:
    cases = hud_client.cases_for(engine(), _user(), hid)
    if not cases:
        st.caption(_("No case yet: a case opens with the first session or the reason for counseling."))
        return
    st.dataframe(
        pd.DataFrame(
            {
                _("Case number"): [c.case_number for c in cases],
                _("Purpose (HUD)"): [label(PURPOSE_LABELS, c.purpose) for c in cases],
                _("Opened"): [date(c.opened_on, "medium") for c in cases],
                _("HUD grant"): [
                    label(L.HUD_GRANT, c.hud_grant) if c.hud_grant else _(L.NOT_ASKED) for c in cases
                ],
                _("Activity type"): [label(L.ACTIVITY_TYPE, c.activity_type) for c in cases],
                _("How it ended"): [label(L.TERMINATION, c.termination) for c in cases],
                _("Ended on"): [date(c.terminated_on, "medium") if c.terminated_on else "" for c in cases],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )
    flash = st.session_state.pop("hudc_flash", None)
    if flash:
        st.success(flash)
    errors = FieldErrors()
    names = {c.id: f"{c.case_number} — {label(PURPOSE_LABELS, c.purpose)}" for c in cases}
    with st.form("hud_case", border=True):
        st.markdown(_("**Update a case**"))
        a, b = st.columns(2)
        a.selectbox(
            _("Case"),
            list(names),
            format_func=frozen(list(names), names.get),
            key="hudc_pick",
            placeholder=_("Choose an option"),
        )
        grants = ("", *hud_codes.HUD_GRANT)
        b.selectbox(
            _("HUD grant that paid for it"),
            grants,
            format_func=frozen(grants, lambda c: _(L.NOT_ASKED) if c == "" else label(L.HUD_GRANT, c)),
            key="hudc_grant",
            placeholder=_("Choose an option"),
        )
        with a:
            ends = ("", *hud_client.CASE_TERMINATIONS)
            st.selectbox(
                _("How it ended"),
                ends,
                format_func=frozen(ends, lambda c: label(L.TERMINATION, c)),
                key="hudc_termination",
                placeholder=_("Choose an option"),
            )
            errors.slot("termination")
        with b:
            st.session_state.setdefault("hudc_on", today_local())
            st.date_input(_("Ended on"), key="hudc_on", format=date_format())
            errors.slot("terminated_on")
        st.form_submit_button(_("Save case"), on_click=_set_case, args=(hid,))
    stored = st.session_state.pop("hudc_error", None)
    if stored:
        errors.show(InputError(stored[0], stored[1]), L.ERRORS)


def show_tab(hh: dict) -> None:
    """The HUD tab of the client file."""
    hid = hh["id"]
    base = st.session_state.get(BASE_KEY)
    if not base or base["id"] != hid:
        _fill(hid, hud_client.get_profile(engine(), _user(), hid, audited=True))
    st.markdown(_("**What HUD reporting still needs**"))
    readiness(hid)
    st.markdown(_("**Agreement, disclosure and privacy notice**"))
    notices.section(hh)
    st.markdown(_("**HUD's questions**"))
    st.caption(
        _(
            "HUD asks these of every household it counts. “Not asked yet” means nobody asked: "
            "ask at the next visit. Never guess an answer."
        )
    )
    _profile_form(hid)
    st.markdown(_("**Cases**"))
    st.caption(_("HUD counts one case for each reason for counseling, with how and when it ended."))
    _cases(hid)
