"""Code lists for the client fields HUD's client-level reporting asks for (ARM client profile, SDK 5.0).

Camino stores its own codes; reports/hud_arm/mapping_5_0.toml maps each to HUD's code ID, and
ui/hud_file/labels.py translates them. An empty value everywhere means "not asked yet" (a record
from before these questions existed): it is shown as such and never guessed.
"""

from __future__ import annotations

from db.codes import NOT_REPORTED

YES_NO = ("yes", "no")
GENDER = ("female", "male", "other", NOT_REPORTED)
MARITAL_STATUS = ("married", "single", "divorced", "separated", "widowed", NOT_REPORTED)
HEAD_OF_HOUSEHOLD = (
    "single_adult",
    "female_single_parent",
    "male_single_parent",
    "married_no_dependents",
    "married_with_dependents",
    "unrelated_adults",
    "other",
)
EDUCATION = (
    "elementary",
    "junior_high",
    "high_school",
    "junior_college",
    "university",
    "graduate_school",
    "other",
)
HUD_ASSISTANCE = (
    "rental_voucher",
    "place_based_rental",
    "homeownership_voucher",
    "reo_purchase",
    "down_payment_assistance",
    "other_hud_program",
    "none",
)
REFERRED_BY = (
    "hud_outreach",
    "agency_outreach",
    "another_person",
    "lender",
    "another_agency",
    "real_estate_agent",
    "other",
)
# HUD's spoken-language list (ARM group 1), apart from the screen language (household.preferred_language).
SPOKEN_LANGUAGE = (
    "es",
    "en",
    "pt",
    "fr",
    "ht",
    "ar",
    "zh",
    "yue",
    "ko",
    "vi",
    "km",
    "hmn",
    "hi",
    "fa",
    "ru",
    "uk",
    "pl",
    "cs",
    "de",
    "it",
    "tr",
    "sw",
    "id",
    "ase",
    "other",
)
CREDIT_SCORE_SOURCE = ("transunion", "equifax", "experian", "tri_merge", "other")
NO_CREDIT_SCORE_REASON = (
    "refused_pull",
    "report_without_score",
    "not_analyzed",
    "no_bureau_relationship",
    "foreclosure_14_days",
    "other",
)
# The races a household chose (HUD lets a person choose several); household.race follows from them.
SINGLE_RACES = ("american_indian", "asian", "black", "pacific_islander", "white")
# A case's termination: '' while it is ongoing; otherwise one of HUD's reasons (codes.CLOSE_REASON).
CASE_ACTIVITY_TYPE = ("all_counseling",)
HUD_GRANT = ("comprehensive", "mmmsa", "colonias", "hecm", "section_8", "predatory_lending", "none")
