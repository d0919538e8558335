"""Counselors' HUD certification on screen: the notice above the session form, the list of missing
certifications (HUD-9902 page, users page) and the admin's form. The rules are db/certification.py."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculators import InputError
from db import certification, hud_codes
from db.local_time import today_local
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import FieldErrors
from ui.hud_file.labels import SPOKEN_LANGUAGE
from ui.labels import ROLE_LABELS, chooser, label
from ui.text import N_, NO_VALUE, _, date, ngettext
from ui.widget_text import date_format

MISSING_LABELS = {"id": N_("HUD counselor ID"), "date": N_("Certification date")}
ERRORS = {
    "future_date": N_("The date cannot be in the future."),
    "out_of_range": N_("HUD's certification exam began in 2017: check the date."),
    "missing_field": N_("Enter the HUD counselor ID that goes with this certification date."),
    "too_long": N_("This text is too long."),
    "invalid_choice": N_("Please choose one of the options."),
    "not_found": N_("That record no longer exists. Please reload the page."),
}
FLASH = "cert_flash"


def session_notice(user: dict) -> bool:
    """Above the session form: warn a user who may not record sessions. True when they may."""
    me = certification.of(engine(), user["id"])
    if me is not None and certification.is_certified(me.hud_counselor_id, me.certified_on, today_local()):
        return True
    st.warning(
        _(
            "Only a HUD-certified housing counselor can record a counseling session. Your account has "
            "no HUD counselor ID and certification date on file: ask an administrator to add them. "
            "You can write an admin note below instead."
        ),
        icon=":material/badge:",
    )
    return False


def missing_list(user: dict) -> None:
    """For the lead (and admin): whose HUD certification is not on file, in the offices they answer for."""
    rows = certification.roster(engine(), user)
    lacking = [r for r in rows if r.missing]
    if not lacking:
        st.success(_("Every counselor has a HUD counselor ID and certification date on file."))
        return
    st.warning(
        ngettext(
            "{n} counselor has no HUD certification on file and cannot record counseling sessions.",
            "{n} counselors have no HUD certification on file and cannot record counseling sessions.",
            len(lacking),
        ).format(n=len(lacking))
    )
    st.dataframe(
        pd.DataFrame(
            {
                _("Name"): [r.name for r in lacking],
                _("Office"): [r.office for r in lacking],
                _("Role"): [label(ROLE_LABELS, r.role) for r in lacking],
                _("Missing"): [", ".join(_(MISSING_LABELS[m]) for m in r.missing) for r in lacking],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )
    if user.get("role") == "admin":
        st.caption(_("Add them on the Users and offices page (Disable or reset tab)."))
    else:
        st.caption(_("An administrator adds them on the Users and offices page."))


def roster_columns(rows: list[certification.Certification]) -> dict[int, dict]:
    """The users table's certification columns, by user id."""
    return {
        r.user_id: {
            _("HUD certified on"): date(r.certified_on, "medium") if r.certified_on else _("Not on file"),
            _("Counseling languages"): ", ".join(label(SPOKEN_LANGUAGE, c) for c in r.languages),
        }
        for r in rows
    }


@signed_in_only
def _save(target_id: int) -> None:
    state = st.session_state
    try:
        certification.set_certification(
            engine(),
            state["user"],
            target_id,
            hud_counselor_id=state.get("cert_id", ""),
            certified_on=state.get("cert_date"),
            languages=state.get("cert_langs", []),
        )
    except InputError as err:
        state[FLASH] = ("error", err.code, err.field)
        return
    state[FLASH] = ("success", "", "")


def form(actor: dict, target_id: int) -> None:
    """The admin's form for one account's HUD ID, certification date and counseling languages."""
    me = certification.of(engine(), target_id)
    if me is None:
        return
    if st.session_state.get("cert_for") != target_id:
        st.session_state["cert_for"] = target_id
        st.session_state["cert_id"] = me.hud_counselor_id
        st.session_state["cert_date"] = me.certified_on
        st.session_state["cert_langs"] = list(me.languages)
    errors = FieldErrors()
    with st.form("certification"):
        st.markdown(_("**HUD counselor certification**"))
        st.text_input(_("HUD counselor ID"), key="cert_id", max_chars=certification.MAX_ID)
        errors.slot("hud_counselor_id")
        st.date_input(
            _("Certified on"),
            key="cert_date",
            min_value=certification.EARLIEST,
            format=date_format(),
        )
        errors.slot("certified_on")
        st.multiselect(
            _("Languages they counsel in"),
            hud_codes.SPOKEN_LANGUAGE,
            format_func=chooser(SPOKEN_LANGUAGE),
            key="cert_langs",
            placeholder=_("Choose options"),
        )
        errors.slot("languages")
        st.form_submit_button(_("Save certification"), on_click=_save, args=(target_id,))
    flash = st.session_state.pop(FLASH, None)
    if flash and flash[0] == "success":
        st.success(_("Certification saved."))
    elif flash:
        errors.show(InputError(flash[1], flash[2]), ERRORS)
