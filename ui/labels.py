"""Translated labels for stored codes (db/codes.py). Marked with N_ here, translated with _() when shown."""

from __future__ import annotations

# Tables the printouts share live in i18n.labels; re-exported here for the screens that import them.
from i18n.labels import MILESTONE_LABELS as MILESTONE_LABELS
from i18n.labels import STEP_STATUS_LABELS as STEP_STATUS_LABELS
from ui.text import N_, _

ROLE_LABELS = {
    "admin": N_("Administrator"),
    "lead": N_("Program lead"),
    "counselor": N_("Housing counselor"),
    "trainer": N_("Workshop trainer"),
}

JURISDICTION_LABELS = {
    "dc": N_("District of Columbia"),
    "montgomery_md": N_("Montgomery County, MD"),
    "prince_georges_md": N_("Prince George's County, MD"),
    "arlington_va": N_("Arlington County, VA"),
    "fairfax_va": N_("Fairfax County, VA"),
    "alexandria_va": N_("City of Alexandria, VA"),
    "other": N_("Other area"),
}

NOT_REPORTED = N_("Chose not to respond")

ETHNICITY_LABELS = {
    "hispanic": N_("Hispanic or Latino"),
    "not_hispanic": N_("Not Hispanic or Latino"),
    "not_reported": NOT_REPORTED,
}
RACE_LABELS = {
    "american_indian": N_("American Indian or Alaska Native"),
    "asian": N_("Asian"),
    "black": N_("Black or African American"),
    "pacific_islander": N_("Native Hawaiian or Other Pacific Islander"),
    "white": N_("White"),
    "multiple": N_("More than one race"),
    "not_reported": NOT_REPORTED,
}
INCOME_BAND_LABELS = {
    "below_30": N_("Below 30% of area median income"),
    "30_49": N_("30–49% of area median income"),
    "50_79": N_("50–79% of area median income"),
    "80_100": N_("80–100% of area median income"),
    "above_100": N_("Above 100% of area median income"),
    "not_reported": NOT_REPORTED,
}
RURAL_LABELS = {
    "rural": N_("Lives in a rural area"),
    "not_rural": N_("Does not live in a rural area"),
    "not_reported": NOT_REPORTED,
}
LIMITED_ENGLISH_LABELS = {
    "lep": N_("Limited English proficiency"),
    "not_lep": N_("Not limited English proficiency"),
    "not_reported": NOT_REPORTED,
}

PURPOSE_LABELS = {
    "homeless": N_("Homeless assistance"),
    "rental": N_("Rental topics"),
    "prepurchase": N_("Pre-purchase / homebuying"),
    "post_purchase": N_("Post-purchase (not delinquent)"),
    "reverse_mortgage": N_("Reverse mortgage"),
    "forward_delinquency": N_("Mortgage delinquency or default"),
    "reverse_delinquency": N_("Reverse mortgage delinquency or default"),
    "disaster_preparedness": N_("Disaster preparedness"),
    "disaster_recovery": N_("Disaster recovery"),
}
EDUCATION_LABELS = {
    "financial_literacy": N_("Financial literacy workshop"),
    "predatory_lending": N_("Fraud and predatory lending workshop"),
    "fair_housing": N_("Fair housing workshop"),
    "homelessness_prevention": N_("Homelessness prevention workshop"),
    "rental": N_("Rental workshop"),
    "prepurchase": N_("Homebuyer education workshop"),
    "post_purchase": N_("Homeowner workshop (maintenance, money)"),
    "delinquency": N_("Mortgage delinquency workshop"),
    "disaster_preparedness": N_("Disaster preparedness workshop"),
    "disaster_recovery": N_("Disaster recovery workshop"),
}
OUTCOME_LABELS = {
    "also_education": N_("Also received group education"),
    "fair_housing_info": N_("Received fair housing information"),
    "budget_developed": N_("Budget developed with the counselor"),
    "improved_financial_capacity": N_("Improved financial capacity"),
    "housing_resources": N_("Gained access to housing resources"),
    "non_housing_resources": N_("Gained access to non-housing resources"),
    "obtained_housing": N_("Homeless household obtained housing"),
    "disaster_non_housing": N_("Disaster recovery: non-housing resources"),
    "disaster_housing": N_("Disaster recovery: housing resources"),
    "emergency_plan": N_("Emergency preparedness plan"),
    "avoided_eviction": N_("Avoided eviction"),
    "improved_living_conditions": N_("Improved living conditions"),
    "purchased_housing": N_("Purchased a home"),
    "obtained_hecm": N_("Obtained a reverse mortgage (HECM)"),
    "improved_home_conditions": N_("Improved home conditions or affordability"),
    "prevented_forward_default": N_("Prevented or resolved a mortgage default"),
    "prevented_reverse_default": N_("Prevented or resolved a reverse mortgage default"),
    "modification_current": N_("Loan modification, remained current"),
    "modification_financial_capacity": N_("Loan modification, improved financial capacity"),
}
MODE_LABELS = {"in_person": N_("In person"), "phone": N_("Phone"), "video": N_("Video"), "group": N_("Group")}
STAGE_LABELS = {
    "intake": N_("Intake"),
    "budget": N_("Budget done"),
    "education": N_("Homebuyer education"),
    "mortgage_ready": N_("Mortgage-ready"),
    "pre_approved": N_("Pre-approved"),
    "under_contract": N_("Under contract"),
    "purchased": N_("Purchased"),
}
CLOSE_REASON_LABELS = {
    "goal_reached": N_("Goal reached"),
    "client_withdrew": N_("Client withdrew"),
    "no_contact": N_("No contact after follow-up"),
    "referred_elsewhere": N_("Referred to another agency"),
    "not_eligible": N_("Not eligible for services"),
    "other": N_("Other reason"),
}
ID_TYPE_LABELS = {
    "ssn": N_("Social Security number"),
    "itin": N_("ITIN"),
    "none": N_("No tax ID yet"),
    "not_reported": NOT_REPORTED,
}
RESIDENCY_LABELS = {
    "citizen": N_("U.S. citizen"),
    "permanent_resident": N_("Permanent resident (green card)"),
    "non_permanent_resident": N_("Other lawful status (work permit, TPS, visa)"),
    "undocumented": N_("No current status"),
    "not_reported": NOT_REPORTED,
}
CONTACT_LABELS = {
    "phone": N_("Phone call"),
    "text": N_("Text message"),
    "email": N_("Email"),
    "in_person": N_("In person"),
}
HOUSING_STATUS_LABELS = {
    "renter": N_("Rents"),
    "owner": N_("Owns a home"),
    "living_with_family": N_("Lives with family or friends"),
    "homeless": N_("Homeless"),
}
OWNER_LABELS = {"client": N_("Client"), "counselor": N_("Counselor")}
LANGUAGE_LABELS = {"en": N_("English"), "es": N_("Spanish")}


def label(table: dict, code: str | None) -> str:
    """The translated label for a code, or the code itself when it is unknown."""
    if code is None:
        return ""
    return _(table[code]) if code in table else str(code)


def chooser(table: dict):
    """A format_func for selectboxes over codes.

    Labels are translated now, while the script runs, not later when Streamlit (or AppTest)
    formats an option outside the session and would fall back to English.
    """
    labels = {code: label(table, code) for code in table}
    return lambda code: labels.get(code, str(code))
