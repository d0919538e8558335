"""Translated labels for HUD's client fields, and the plain reason HUD asks each question."""

from __future__ import annotations

from ui.labels import CLOSE_REASON_LABELS, NOT_REPORTED
from ui.text import N_

NOT_ASKED = N_("Not asked yet")

FIELD_LABELS = {
    "street": N_("Street address"),
    "city": N_("City"),
    "state": N_("State"),
    "zip_code": N_("ZIP code"),
    "races": N_("Race (choose every one that applies)"),
    "gender": N_("Gender"),
    "marital_status": N_("Marital status"),
    "head_of_household": N_("Type of household"),
    "education": N_("Highest level of school"),
    "dependents": N_("Dependents"),
    "disabled": N_("Anyone with a disability"),
    "farm_worker": N_("Farm worker"),
    "colonias_resident": N_("Lives in a colonia"),
    "discrimination_victim": N_("Faced housing discrimination"),
    "hud_assistance": N_("HUD help they receive"),
    "referred_by": N_("Who sent them to us"),
    "spoken_language": N_("Language they speak best"),
    "monthly_debt": N_("Debt payments per month"),
    "job_months": N_("Months at current job"),
    "credit_score": N_("Credit score"),
    "credit_score_source": N_("Where the score came from"),
    "no_credit_score_reason": N_("Why there is no score"),
}
# Why HUD asks: one or two plain sentences, shown as each field's help and in the readiness list.
WHY = {
    "street": N_("HUD wants to know where the families it serves live. The street is optional."),
    "city": N_("HUD counts the families it serves by place, so it asks for the city."),
    "state": N_("HUD counts the families it serves by state."),
    "zip_code": N_("HUD uses the ZIP code to see which neighborhoods get counseling."),
    "races": N_(
        "HUD must check that counseling reaches everyone fairly. A person may choose more than one race, "
        "or choose not to answer."
    ),
    "gender": N_("HUD may ask who is served. This question is optional; they may choose not to answer."),
    "marital_status": N_("HUD counts the kinds of households it serves. They may choose not to answer."),
    "head_of_household": N_("HUD counts single parents, couples and other households separately."),
    "education": N_("HUD learns which families need more help to understand loans and paperwork."),
    "dependents": N_("HUD counts the children and others the household supports."),
    "disabled": N_("HUD checks that counseling reaches people with disabilities."),
    "farm_worker": N_("HUD tracks help for farm workers, who often have seasonal income."),
    "colonias_resident": N_(
        "Colonias are communities near the Mexican border without basic services. HUD has special funds for them."
    ),
    "discrimination_victim": N_(
        "HUD tracks housing discrimination so it can act on it. Ask if they were treated unfairly when renting "
        "or buying."
    ),
    "hud_assistance": N_("HUD wants to know if the family already gets help from a HUD program."),
    "referred_by": N_("HUD learns which outreach brings families to counseling."),
    "spoken_language": N_(
        "HUD counts the languages families speak, to plan counseling in those languages. This is not the "
        "language of the screens."
    ),
    "monthly_debt": N_("HUD uses the debt payments to see how counseling changes a family's finances."),
    "job_months": N_("Time at a job shows income stability, which lenders and HUD look at."),
    "credit_score": N_(
        "HUD asks for the score and where it came from, or the reason there is none. Never guess a score."
    ),
    "credit_score_source": N_("A score means little without the bureau that gave it."),
    "no_credit_score_reason": N_("When there is no score, HUD asks why."),
}
# Readiness items that are not profile fields.
OTHER_GAPS = {
    "purpose": N_("Reason for counseling (no session or reason yet)"),
    "session": N_("A counseling session for this purpose"),
    "session_start": N_("Start time of the latest session"),
    "hud_grant": N_("Which HUD grant paid for the case (or none)"),
    "ethnicity": N_("Ethnicity"),
    "rural": N_("Rural area"),
    "limited_english": N_("English"),
    "monthly_income": N_("Household income"),
    "income_band": N_("Household income"),
    "counselor_id": N_("Counselor"),
    "intake_date": N_("File opened on"),
    "activity_type": N_("HUD activity type"),
    "termination": N_("How the case ended"),
    "household_id": N_("Household number"),
    "case_number": N_("Case number"),
}
GAP_REASONS = {
    "missing": N_("not answered"),
    "no_hud_code": N_("HUD's file has no code for this answer"),
    "not_mapped": N_("not in HUD's list"),
    "bad_phone": N_("not a 10-digit phone number"),
    "too_long": N_("too long for HUD"),
}

YES_NO = {"yes": N_("Yes"), "no": N_("No")}
GENDER = {"female": N_("Female"), "male": N_("Male"), "other": N_("Other"), "not_reported": NOT_REPORTED}
MARITAL_STATUS = {
    "married": N_("Married"),
    "single": N_("Single"),
    "divorced": N_("Divorced"),
    "separated": N_("Separated"),
    "widowed": N_("Widowed"),
    "not_reported": NOT_REPORTED,
}
HEAD_OF_HOUSEHOLD = {
    "single_adult": N_("Single adult"),
    "female_single_parent": N_("Single mother with children"),
    "male_single_parent": N_("Single father with children"),
    "married_no_dependents": N_("Married, no dependents"),
    "married_with_dependents": N_("Married, with dependents"),
    "unrelated_adults": N_("Two or more unrelated adults"),
    "other": N_("Other"),
}
EDUCATION = {
    "elementary": N_("Elementary school"),
    "junior_high": N_("Middle school"),
    "high_school": N_("High school"),
    "junior_college": N_("Community college"),
    "university": N_("University"),
    "graduate_school": N_("Graduate school"),
    "other": N_("Other"),
}
HUD_ASSISTANCE = {
    "rental_voucher": N_("Rental voucher (Section 8)"),
    "place_based_rental": N_("Rent help tied to the building"),
    "homeownership_voucher": N_("Homeownership voucher"),
    "reo_purchase": N_("Buying a HUD-owned home"),
    "down_payment_assistance": N_("Down-payment assistance"),
    "other_hud_program": N_("Another HUD program"),
    "none": N_("None"),
}
REFERRED_BY = {
    "hud_outreach": N_("HUD"),
    "agency_outreach": N_("Our outreach"),
    "another_person": N_("A friend or relative"),
    "lender": N_("A lender"),
    "another_agency": N_("Another agency"),
    "real_estate_agent": N_("A real estate agent"),
    "other": N_("Other"),
}
SPOKEN_LANGUAGE = {
    "es": N_("Spanish"),
    "en": N_("English"),
    "pt": N_("Portuguese"),
    "fr": N_("French"),
    "ht": N_("Haitian Creole"),
    "ar": N_("Arabic"),
    "zh": N_("Mandarin Chinese"),
    "yue": N_("Cantonese"),
    "ko": N_("Korean"),
    "vi": N_("Vietnamese"),
    "km": N_("Khmer (Cambodian)"),
    "hmn": N_("Hmong"),
    "hi": N_("Hindi"),
    "fa": N_("Farsi"),
    "ru": N_("Russian"),
    "uk": N_("Ukrainian"),
    "pl": N_("Polish"),
    "cs": N_("Czech"),
    "de": N_("German"),
    "it": N_("Italian"),
    "tr": N_("Turkish"),
    "sw": N_("Swahili"),
    "id": N_("Indonesian"),
    "ase": N_("American Sign Language"),
    "other": N_("Another language"),
}
CREDIT_SCORE_SOURCE = {
    "transunion": "TransUnion",
    "equifax": "Equifax",
    "experian": "Experian",
    "tri_merge": N_("All three bureaus (tri-merge)"),
    "other": N_("Other"),
}
NO_CREDIT_SCORE_REASON = {
    "refused_pull": N_("They did not allow a credit check"),
    "report_without_score": N_("The report had no score"),
    "not_analyzed": N_("We do not check credit for this service"),
    "no_bureau_relationship": N_("We cannot pull credit reports"),
    "foreclosure_14_days": N_("Foreclosure expected within 14 days"),
    "other": N_("Other"),
}
HUD_GRANT = {
    "comprehensive": N_("HUD comprehensive counseling grant"),
    "mmmsa": N_("HUD MMMSA grant"),
    "colonias": N_("HUD colonias grant"),
    "hecm": N_("HUD reverse mortgage (HECM) grant"),
    "section_8": N_("HUD Section 8 grant"),
    "predatory_lending": N_("HUD predatory lending grant"),
    "none": N_("No HUD grant"),
}
ACTIVITY_TYPE = {"all_counseling": N_("All counseling and education")}
TERMINATION = {"": N_("Ongoing"), **CLOSE_REASON_LABELS}
CHOICE_LABELS = {
    "gender": GENDER,
    "marital_status": MARITAL_STATUS,
    "head_of_household": HEAD_OF_HOUSEHOLD,
    "education": EDUCATION,
    "disabled": YES_NO,
    "farm_worker": YES_NO,
    "colonias_resident": YES_NO,
    "discrimination_victim": YES_NO,
    "hud_assistance": HUD_ASSISTANCE,
    "referred_by": REFERRED_BY,
    "spoken_language": SPOKEN_LANGUAGE,
    "credit_score_source": CREDIT_SCORE_SOURCE,
    "no_credit_score_reason": NO_CREDIT_SCORE_REASON,
}
ERRORS = {
    "bad_zip": N_("Enter a 5-digit ZIP code, like 20009 or 20009-1234."),
    "invalid_choice": N_("Please choose from the list."),
    "too_long": N_("This is too long for HUD (50 characters at most)."),
    "races_with_not_reported": N_("Choose races, or “Chose not to respond”, not both."),
    "score_and_reason": N_("Give a score or the reason there is none, not both."),
    "before_opened": N_("This date is before the case was opened."),
    "edit_conflict": N_("Someone else saved these answers while you were editing. Reload to see them."),
}
