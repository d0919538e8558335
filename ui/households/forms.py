"""The intake form, shared by the New household page and the client file's edit form.

Widgets are keyed `<prefix>_<field>` and take their starting values from session state, so a
counselor's typed values survive reruns and edit conflicts. Nothing here goes into the URL.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from db import codes
from db.households import INTAKE_FIELDS, LANGUAGES, MAX_HOUSEHOLD_SIZE
from ui.errors import FieldErrors
from ui.households.labels import FIELD_CODES, FIELD_LABELS, NOT_CHOSEN, frozen
from ui.labels import label
from ui.text import _, date, money
from ui.widget_text import date_format

DEFAULTS = {
    "display_name": "",
    "phone": "",
    "email": "",
    "contact_preference": "phone",
    "preferred_language": "es",
    "household_size": 1,
    "annual_income": None,
    "jurisdiction": "dc",
    "housing_status": "renter",
    "ethnicity": codes.NOT_REPORTED,
    "race": codes.NOT_REPORTED,
    "rural": codes.NOT_REPORTED,
    "limited_english": codes.NOT_REPORTED,
    "counseling_purpose": "",
    "id_type": "",
    "residency": "",
    "consent_date": None,
    "first_time_buyer": True,
    "counselor_id": None,
    "next_follow_up": None,
}
OPTIONS = {
    "contact_preference": codes.CONTACT_PREFERENCE,
    "preferred_language": LANGUAGES,
    "jurisdiction": codes.JURISDICTION,
    "housing_status": codes.HOUSING_STATUS,
    "ethnicity": codes.ETHNICITY,
    "race": codes.RACE,
    "rural": codes.RURAL,
    "limited_english": codes.LIMITED_ENGLISH,
    "counseling_purpose": ("", *codes.COUNSELING_PURPOSE),
    "id_type": ("", *codes.ID_TYPE),
    "residency": ("", *codes.RESIDENCY),
}


def fill(prefix: str, values: dict) -> None:
    """Put stored values into the form's widgets (call before the widgets are drawn)."""
    for field in INTAKE_FIELDS:
        value = values.get(field, DEFAULTS[field])
        if field == "annual_income" and value is not None:
            value = float(value)
        st.session_state[f"{prefix}_{field}"] = value


def read(prefix: str) -> dict:
    """The values the counselor has in the form now."""
    return {field: st.session_state.get(f"{prefix}_{field}", DEFAULTS[field]) for field in INTAKE_FIELDS}


def _code_label(field: str):
    def fmt(code):
        return _(NOT_CHOSEN) if code == "" else label(FIELD_CODES[field], code)

    return fmt


def show_value(field: str, value, counselors: dict[int, str]) -> str:
    """A stored value as a counselor reads it (for the conflict message)."""
    if value in (None, ""):
        return "—"
    if field in FIELD_CODES:
        return label(FIELD_CODES[field], value)
    if field == "annual_income":
        return money(value, cents=False)
    if field == "first_time_buyer":
        return _("Yes") if value else _("No")
    if field == "counselor_id":
        return counselors.get(value, "—")
    if isinstance(value, dt.date):
        return date(value)
    return str(value)


def intake_widgets(prefix: str, errors: FieldErrors, counselors: dict[int, str]) -> None:
    """Draw the intake fields (inside the caller's form), each with its error slot right below it."""

    def field_label(field: str) -> str:
        return _(FIELD_LABELS[field])

    def choice(field: str, column) -> None:
        with column:
            st.selectbox(
                field_label(field),
                OPTIONS[field],
                format_func=frozen(OPTIONS[field], _code_label(field)),
                key=f"{prefix}_{field}",
                placeholder=_(NOT_CHOSEN),
            )
            errors.slot(field)

    st.markdown(_("**Contact**"))
    left, right = st.columns(2)
    with left:
        st.text_input(field_label("display_name"), key=f"{prefix}_display_name", max_chars=200)
        errors.slot("display_name")
        st.text_input(field_label("phone"), key=f"{prefix}_phone", max_chars=40)
        errors.slot("phone")
        st.text_input(field_label("email"), key=f"{prefix}_email", max_chars=200)
        errors.slot("email")
    choice("contact_preference", right)
    choice("preferred_language", right)
    with right:
        st.selectbox(
            field_label("counselor_id"),
            [None, *counselors],
            format_func=frozen(
                [None, *counselors], lambda uid: _("Not assigned") if uid is None else counselors[uid]
            ),
            key=f"{prefix}_counselor_id",
            placeholder=_("Not assigned"),
        )
        errors.slot("counselor_id")

    st.markdown(_("**Household and income**"))
    left, right = st.columns(2)
    with left:
        st.number_input(
            field_label("household_size"),
            min_value=1,
            max_value=MAX_HOUSEHOLD_SIZE,
            step=1,
            key=f"{prefix}_household_size",
        )
        errors.slot("household_size")
        st.number_input(
            field_label("annual_income"),
            min_value=0.0,
            step=1000.0,
            format="%.0f",
            key=f"{prefix}_annual_income",
            help=_("All income before taxes, including cash pay. Leave empty if they prefer not to say."),
        )
        errors.slot("annual_income")
    choice("jurisdiction", right)
    choice("housing_status", right)
    with right:
        st.checkbox(field_label("first_time_buyer"), key=f"{prefix}_first_time_buyer")

    st.markdown(_("**For the HUD report** (each question allows “Chose not to respond”)"))
    left, right = st.columns(2)
    choice("ethnicity", left)
    choice("race", left)
    choice("rural", right)
    choice("limited_english", right)
    choice("counseling_purpose", left)

    st.markdown(_("**Eligibility and consent**"))
    st.caption(_("Record only the kind of ID and the residency category. Never write an SSN or ITIN number."))
    left, right = st.columns(2)
    choice("id_type", left)
    choice("residency", left)
    with right:
        st.date_input(field_label("consent_date"), key=f"{prefix}_consent_date", format=date_format())
        errors.slot("consent_date")
        st.date_input(field_label("next_follow_up"), key=f"{prefix}_next_follow_up", format=date_format())
        errors.slot("next_follow_up")
