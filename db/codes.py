"""Code lists for client records: HUD-9902 categories, session modes, milestones and pipeline stages.

Codes are stored; labels live in ui/labels.py (translated). Order here is the order reports show.
"""

from __future__ import annotations

NOT_REPORTED = "not_reported"  # HUD's "chose not to respond"

ETHNICITY = ("hispanic", "not_hispanic", NOT_REPORTED)
RACE = ("american_indian", "asian", "black", "pacific_islander", "white", "multiple", NOT_REPORTED)
INCOME_BAND = ("below_30", "30_49", "50_79", "80_100", "above_100", NOT_REPORTED)
RURAL = ("rural", "not_rural", NOT_REPORTED)
LIMITED_ENGLISH = ("lep", "not_lep", NOT_REPORTED)
# HUD-9902 sections 3-7, each a household column, in the order of their digit in household.demo_key
# (the units digit is ethnicity's). A digit is the code's 1-based position here, 0 if blank or unknown.
DEMOGRAPHIC_CODES = {
    "ethnicity": ETHNICITY,
    "race": RACE,
    "income_band": INCOME_BAND,
    "rural": RURAL,
    "limited_english": LIMITED_ENGLISH,
}

# HUD-9902 section 9: one-on-one counseling by purpose.
COUNSELING_PURPOSE = (
    "homeless",
    "rental",
    "prepurchase",
    "post_purchase",
    "reverse_mortgage",
    "forward_delinquency",
    "reverse_delinquency",
    "disaster_preparedness",
    "disaster_recovery",
)
# HUD-9902 section 8: group education by purpose.
EDUCATION_TYPE = (
    "financial_literacy",
    "predatory_lending",
    "fair_housing",
    "homelessness_prevention",
    "rental",
    "prepurchase",
    "post_purchase",
    "delinquency",
    "disaster_preparedness",
    "disaster_recovery",
)
# HUD-9902 section 10: outcomes of one-on-one counseling, in the form's order (a..s).
OUTCOME = (
    "also_education",
    "fair_housing_info",
    "budget_developed",
    "improved_financial_capacity",
    "housing_resources",
    "non_housing_resources",
    "obtained_housing",
    "disaster_non_housing",
    "disaster_housing",
    "emergency_plan",
    "avoided_eviction",
    "improved_living_conditions",
    "purchased_housing",
    "obtained_hecm",
    "improved_home_conditions",
    "prevented_forward_default",
    "prevented_reverse_default",
    "modification_current",
    "modification_financial_capacity",
)

SESSION_MODE = ("in_person", "phone", "video", "group")
CONTACT_PREFERENCE = ("phone", "text", "email", "in_person")
ID_TYPE = ("ssn", "itin", "none", NOT_REPORTED)
RESIDENCY = ("citizen", "permanent_resident", "non_permanent_resident", "undocumented", NOT_REPORTED)
JURISDICTION = (
    "dc",
    "montgomery_md",
    "prince_georges_md",
    "arlington_va",
    "fairfax_va",
    "alexandria_va",
    "other",
)
HOUSING_STATUS = ("renter", "owner", "living_with_family", "homeless")
STEP_OWNER = ("client", "counselor")
STEP_STATUS = ("open", "done", "dropped")
# HUD's reasons for ending a client file.
CLOSE_REASON = (
    "goal_reached",
    "client_withdrew",
    "no_contact",
    "referred_elsewhere",
    "not_eligible",
    "other",
)

HOMEOWNERSHIP_MILESTONES = (
    "budget_completed",
    "credit_report_reviewed",
    "credit_score_at_target",
    "emergency_fund",
    "down_payment_saved",
    "education_certificate",
    "pre_approval",
    "dpa_approved",
    "under_contract",
    "purchased",
)
ASSET_MILESTONES = (
    "bank_account_opened",
    "lending_circle_joined",
    "lending_circle_completed",
    "ida_enrolled",
    "debt_reduced",
    "savings_reached",
    "credit_score_gain",
)
MILESTONES = HOMEOWNERSHIP_MILESTONES + ASSET_MILESTONES

STAGES = ("intake", "budget", "education", "mortgage_ready", "pre_approved", "under_contract", "purchased")
# Which milestones reach each stage (all of them are needed).
STAGE_REQUIRES = {
    "budget": ("budget_completed",),
    "education": ("education_certificate",),
    "mortgage_ready": ("credit_score_at_target", "down_payment_saved"),
    "pre_approved": ("pre_approval",),
    "under_contract": ("under_contract",),
    "purchased": ("purchased",),
}


def stage_from_milestones(achieved: dict) -> tuple[str, object]:
    """The furthest pipeline stage reached and the day it was reached, from {milestone code: date}.

    The stage is never typed by hand: it follows from the milestones a counselor records.
    """
    for stage in reversed(STAGES[1:]):
        needed = STAGE_REQUIRES[stage]
        if all(code in achieved for code in needed):
            return stage, max(achieved[code] for code in needed)
    return "intake", None


def income_band(ami_percent: float | None) -> str:
    """HUD-9902 section 5 band for a household's income as a percent of area median income."""
    if ami_percent is None:
        return NOT_REPORTED
    if ami_percent < 30:
        return "below_30"
    if ami_percent < 50:
        return "30_49"
    if ami_percent < 80:
        return "50_79"
    if ami_percent <= 100:
        return "80_100"
    return "above_100"
