"""Translated labels that only the client tracker needs: intake field names, timeline entries,
referral statuses, chart measures and the tracker's error messages."""

from __future__ import annotations

from ui.labels import (
    CLOSE_REASON_LABELS,
    CONTACT_LABELS,
    EDUCATION_LABELS,
    ETHNICITY_LABELS,
    HOUSING_STATUS_LABELS,
    ID_TYPE_LABELS,
    JURISDICTION_LABELS,
    LANGUAGE_LABELS,
    LIMITED_ENGLISH_LABELS,
    MILESTONE_LABELS,
    MODE_LABELS,
    PURPOSE_LABELS,
    RACE_LABELS,
    RESIDENCY_LABELS,
    RURAL_LABELS,
    STEP_STATUS_LABELS,
    label,
)
from ui.text import N_, _

FIELD_LABELS = {
    "display_name": N_("Household name"),
    "phone": N_("Phone"),
    "email": N_("Email"),
    "contact_preference": N_("Best way to reach them"),
    "preferred_language": N_("Preferred language"),
    "household_size": N_("People in the household"),
    "annual_income": N_("Household income per year"),
    "jurisdiction": N_("Where they live"),
    "housing_status": N_("Housing today"),
    "ethnicity": N_("Ethnicity"),
    "race": N_("Race"),
    "rural": N_("Rural area"),
    "limited_english": N_("English"),
    "counseling_purpose": N_("Reason for counseling"),
    "id_type": N_("Kind of tax ID (never the number)"),
    "residency": N_("Residency category"),
    "consent_date": N_("Privacy and disclosure form signed on"),
    "first_time_buyer": N_("First-time homebuyer"),
    "counselor_id": N_("Counselor"),
    "next_follow_up": N_("Next follow-up"),
    "counselor_username": N_("Counselor (username)"),
    "opened_on": N_("File opened on"),
}
# Which label table translates each coded intake field.
FIELD_CODES = {
    "contact_preference": CONTACT_LABELS,
    "preferred_language": LANGUAGE_LABELS,
    "jurisdiction": JURISDICTION_LABELS,
    "housing_status": HOUSING_STATUS_LABELS,
    "ethnicity": ETHNICITY_LABELS,
    "race": RACE_LABELS,
    "rural": RURAL_LABELS,
    "limited_english": LIMITED_ENGLISH_LABELS,
    "counseling_purpose": PURPOSE_LABELS,
    "id_type": ID_TYPE_LABELS,
    "residency": RESIDENCY_LABELS,
}
NOT_CHOSEN = N_("Not chosen yet")
REFERRAL_STATUS_LABELS = {
    "open": N_("Waiting"),
    "completed": N_("Connected"),
    "not_completed": N_("Did not connect"),
}
PLAN_ACTION_LABELS = {
    "plan_goal_added": N_("Plan: goal added"),
    "plan_goal_removed": N_("Plan: goal removed"),
    "plan_step_added": N_("Plan: step added"),
    "plan_step_status": N_("Plan: step updated"),
    "plan_given": N_("Plan given to the household"),
    "referral_added": N_("Referral made"),
    "referral_status": N_("Referral updated"),
    "household_closed": N_("File closed"),
    "household_reopened": N_("File reopened"),
}
SCENARIO_LABELS = {
    "budget": N_("Budget saved"),
    "affordability": N_("Affordability saved"),
    "assistance": N_("Assistance screening saved"),
    "tenant_checklist": N_("Tenant checklist saved"),
}
MEASURE_LABELS = {
    "savings": N_("Savings"),
    "credit_score": N_("Credit score"),
    "debt": N_("Debt paid down"),
}
STATUS_LABELS = {"open": N_("Open"), "closed": N_("Closed")}
ERRORS = {
    "invalid_choice": N_("Please choose one of the options."),
    "missing_purpose": N_("Choose the purpose of this session. The HUD report counts it."),
    "missing_funding": N_("Choose who pays. HUD reviewers look for the funding source of every service."),
    "too_long": N_("This text is too long."),
    "bad_time": N_("Please enter a valid time."),
    "already_closed": N_("This file is already closed."),
    "not_closed": N_("This file is open."),
    "before_opened": N_("The closing date cannot be before the file was opened."),
    "not_found": N_("That record no longer exists. Please reload the page."),
    "not_certified": N_(
        "Only a HUD-certified housing counselor can record a counseling session. Your account has no "
        "HUD counselor ID and certification date on file: ask an administrator to add them. You can "
        "write an admin note instead."
    ),
    "certified_later": N_("The counselor was not yet HUD-certified on the date of this session."),
}


def timeline_label(event: dict) -> str:
    """What one timeline entry was, in the reader's language."""
    kind, code = event["kind"], event["code"]
    if kind == "session":
        return _("Session: {purpose}").format(purpose=label(PURPOSE_LABELS, code))
    if kind == "milestone":
        return _("Milestone: {milestone}").format(milestone=label(MILESTONE_LABELS, code))
    if kind == "education":
        return _("Workshop: {workshop}").format(workshop=label(EDUCATION_LABELS, code))
    if kind == "scenario":
        return label(SCENARIO_LABELS, code)
    return label(PLAN_ACTION_LABELS, code)


def timeline_detail(event: dict) -> str:
    """A short, code-based detail (mode of a session, reason of a closing, status of a step)."""
    kind, code, detail = event["kind"], event["code"], event.get("detail") or ""
    if kind == "session":
        return label(MODE_LABELS, detail)
    if code == "household_closed":
        return label(CLOSE_REASON_LABELS, detail)
    if code == "plan_step_status":
        return label(STEP_STATUS_LABELS, detail)
    if code == "referral_status":
        return label(REFERRAL_STATUS_LABELS, detail)
    return ""


def frozen(options, fmt):
    """A selectbox format_func fixed in this run's language.

    Streamlit may call format_func again outside the script run (AppTest does), where the session's
    language is not known; a table built now keeps the labels stable.
    """
    table = {option: fmt(option) for option in options}
    return lambda option: table.get(option, str(option))
