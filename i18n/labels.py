"""Translated labels for stored codes that both the screens (ui/) and the printouts (reports/) show.

Streamlit-free, so reports/ can use them without importing ui/. Marked with N_ here and translated
when shown: with ui.text._ on screen, with the document's language in a PDF.
"""

from __future__ import annotations

from i18n import N_

MILESTONE_LABELS = {
    "budget_completed": N_("Budget completed"),
    "credit_report_reviewed": N_("Credit report reviewed"),
    "credit_score_at_target": N_("Credit score at target"),
    "emergency_fund": N_("Emergency fund saved"),
    "down_payment_saved": N_("Down-payment savings target reached"),
    "education_certificate": N_("Homebuyer education certificate"),
    "pre_approval": N_("Mortgage pre-approval"),
    "dpa_approved": N_("Down-payment assistance approved"),
    "under_contract": N_("Under contract"),
    "purchased": N_("Home purchased"),
    "bank_account_opened": N_("Bank account opened"),
    "lending_circle_joined": N_("Joined a lending circle"),
    "lending_circle_completed": N_("Completed a lending circle"),
    "ida_enrolled": N_("Enrolled in a matched savings account (IDA)"),
    "debt_reduced": N_("Debt reduced"),
    "savings_reached": N_("Savings goal reached"),
    "credit_score_gain": N_("Credit score went up"),
}
STEP_STATUS_LABELS = {"open": N_("To do"), "done": N_("Done"), "dropped": N_("Dropped")}
# Every category the budget coach offers, with the words a family knows: the budget's table and the
# printed action plan show the same words for a category code.
BUDGET_CATEGORY_LABELS = {
    "housing": N_("Housing (rent)"),
    "utilities": N_("Utilities (power, water, gas)"),
    "groceries": N_("Groceries"),
    "transportation": N_("Transportation"),
    "health_care": N_("Health care"),
    "child_care_school": N_("Child care and school"),
    "household_supplies": N_("Household supplies"),
    "phone_internet": N_("Phone and internet"),
    "debt_payments": N_("Debt payments"),
    "remittances": N_("Money sent to family (remittances)"),
    "tanda": N_("Tanda or lending circle"),
    "savings": N_("Savings"),
    "eating_out": N_("Eating out"),
    "personal_care": N_("Personal care"),
    "pets": N_("Pets"),
    "entertainment": N_("Fun and entertainment"),
    "other": N_("Other"),
}
