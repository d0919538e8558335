"""Plain names for the rule files, tables and fields the Program rules page shows, with their codes."""

from __future__ import annotations

from ui.text import N_, _

# Rule files (calculators/rules/<file>.toml): the page's expander titles and the form's first choice.
FILES = {
    "ami": N_("Area median income"),
    "assistance/dc_eahp": N_("Down payment help: DC EAHP"),
    "assistance/dc_hpap": N_("Down payment help: DC HPAP"),
    "assistance/dc_open_doors": N_("Down payment help: DC Open Doors"),
    "assistance/md_mmp_6000": N_("Down payment help: Maryland 1st Time Advantage 6000"),
    "assistance/md_mmp_percent": N_("Down payment help: Maryland 1st Time Advantage, 3 to 5 percent"),
    "assistance/md_montgomery_mhp": N_("Down payment help: Montgomery MHP"),
    "assistance/md_pg_pathway": N_("Down payment help: Prince George's Pathway to Purchase"),
    "assistance/va_alexandria_fhap": N_("Down payment help: Alexandria FHAP"),
    "assistance/va_arlington_mipap": N_("Down payment help: Arlington MIPAP"),
    "assistance/va_fairfax_fthb": N_("Down payment help: Fairfax County First-Time Homebuyers"),
    "assistance/va_housing_grant": N_("Down payment help: Virginia Housing grant"),
    "budget": N_("Budget coach"),
    "hud": N_("HUD counseling rules"),
    "loans": N_("Loans and mortgage insurance"),
    "property": N_("Property tax, insurance and closing costs"),
    "tenancy": N_("Tenant law"),
}
# Tables inside the rule files ([[table]] in the file): headings above each table of rows.
TABLES = {
    "median": N_("Median family income"),
    "size_factors": N_("Household size adjustment"),
    "very_low_income": N_("Very low income limits, 50% of the median"),
    "program": N_("Program terms"),
    "limits": N_("Income and price limits"),
    "remittance_cost": N_("Cost of sending money abroad"),
    "file_retention": N_("How long to keep client files"),
    "follow_up": N_("Follow-up after counseling"),
    "min_down": N_("Minimum down payment"),
    "credit_minimum": N_("Minimum credit score"),
    "dti_guideline": N_("Debt-to-income guideline"),
    "dti_maximum": N_("Debt-to-income maximum"),
    "borrower": N_("Who may borrow"),
    "fha_upfront_mip": N_("FHA upfront mortgage insurance"),
    "fha_annual_mip": N_("FHA annual mortgage insurance"),
    "va_funding_fee": N_("VA funding fee"),
    "usda_fees": N_("USDA guarantee fees"),
    "conventional_mi": N_("Mortgage insurance on a conventional loan"),
    "loan_limit": N_("Loan limit"),
    "property_tax": N_("Property tax rate"),
    "homestead_deduction": N_("Homestead deduction"),
    "insurance": N_("Homeowners insurance"),
    "closing_costs": N_("Closing costs"),
    "deposit_cap": N_("Security deposit limit"),
    "deposit_return": N_("Returning the deposit"),
    "rent_cap": N_("Rent increase limit"),
    "rent_allowance": N_("Allowed rent increase each year"),
    "eviction_notice": N_("Eviction notice period"),
    "topa_step": N_("TOPA steps and deadlines"),
    "pre_eviction_notice": N_("Notice before an eviction case"),
    "late_fee": N_("Late fee"),
    "deposit_interest": N_("Interest on the deposit"),
}
# Fields whose form label already carries its code and a hint ("Note (note)").
CITED = {
    "effective_from": N_("First day it applies (effective_from)"),
    "effective_to": N_("First day it no longer applies (effective_to), if known"),
    "source_url": N_("Web address of the source (source_url)"),
    "verified_on": N_("Day you checked it with the source (verified_on)"),
    "note": N_("Note (note)"),
    "citation": N_("Law or notice (citation)"),
}
# Every other field a rule row has: form labels and the names in the "Figures" cells.
FIELDS = {
    "amount": N_("Amount"),
    "amount_borrower_income_share": N_("Amount as a share of the buyer's income"),
    "amount_cap": N_("Largest amount"),
    "amount_first_mortgage_max": N_("No more than the first mortgage"),
    "amount_first_mortgage_share": N_("Amount as a share of the first mortgage"),
    "amount_first_mortgage_share_options": N_("Shares of the first mortgage offered"),
    "amount_fixed": N_("Fixed amount"),
    "amount_floor": N_("Smallest amount"),
    "amount_price_share_by_loan": N_("Amount as a share of the price, by loan type"),
    "amount_price_share_max": N_("Largest amount as a share of the price"),
    "amount_terms_unknown": N_("Amount terms not published"),
    "annual": N_("Yearly figure"),
    "appreciation_share_max": N_("Largest share of the home's gain in value"),
    "area": N_("Metro area"),
    "asset_price_share_max": N_("Most savings allowed, as a share of the price"),
    "back": N_("Total debt ratio: housing plus other debts"),
    "building": N_("Type of building"),
    "ceiling": N_("Upper limit"),
    "closing_cost_max": N_("Most help with closing costs"),
    "combines_with": N_("Can be combined with"),
    "contribution_asset_floor": N_("Savings the buyer keeps before contributing"),
    "contribution_asset_share": N_("Buyer's contribution as a share of savings"),
    "contribution_fixed": N_("Buyer's fixed contribution"),
    "contribution_price_share": N_("Buyer's contribution as a share of the price"),
    "counted_from": N_("Counted from"),
    "credit_min": N_("Lowest credit score"),
    "credit_min_by_loan": N_("Lowest credit score, by loan type"),
    "cure_days": N_("Days to fix the problem"),
    "days": N_("Days"),
    "down_min": N_("Smallest down payment, as a share of the price"),
    "due_years": N_("Years until it is due"),
    "employer_required": N_("Employer required"),
    "exempt_built_after": N_("Exempt if built after"),
    "exempt_years_after_built": N_("Exempt for years after it was built"),
    "extension_days": N_("Extra days allowed"),
    "factors": N_("Factors by household size"),
    "first_time_required": N_("First-time buyers only"),
    "first_time_years": N_("Years without owning a home"),
    "first_use": N_("First use"),
    "fiscal_year": N_("Fiscal year"),
    "forgive_years": N_("Years until it is forgiven"),
    "front": N_("Housing payment ratio"),
    "grace_days": N_("Grace days"),
    "group": N_("Group"),
    "id": N_("Identifier"),
    "id_rule": N_("Identification rule"),
    "income_basis": N_("Whose income counts"),
    "income_limit": N_("Income limit"),
    "income_limit_ami_percent": N_("Income limit, percent of area median income"),
    "income_limits": N_("Income limits by household size"),
    "income_min": N_("Lowest income"),
    "index": N_("Price index"),
    "index_rate": N_("Price index change"),
    "jurisdiction": N_("County, city or state"),
    "jurisdictions": N_("Counties, cities or states"),
    "kind": N_("Kind"),
    "large_loan": N_("Large loan"),
    "lender_overlay": N_("Lender may add rules"),
    "limits": N_("Limits by household size"),
    "loan_threshold": N_("Loan amount threshold"),
    "loan_type": N_("Loan type"),
    "loan_types": N_("Loan types"),
    "long_term": N_("Term over 15 years"),
    "ltv_max": N_("Highest loan-to-value"),
    "ltv_over": N_("Loan-to-value above"),
    "match_max": N_("Largest match"),
    "match_per_step": N_("Match for each step"),
    "match_step": N_("Savings step"),
    "max_rate": N_("Highest rate"),
    "median_family_income": N_("Median family income"),
    "min_tenancy_months": N_("Fewest months renting"),
    "months": N_("Months of rent"),
    "name": N_("Name"),
    "no_contact_days": N_("Days without contact"),
    "no_income_limit": N_("No income limit"),
    "per_person_over_8": N_("Added for each person over 8"),
    "plus": N_("Added to the index"),
    "price_limit": N_("Price limit"),
    "price_limit_new": N_("Price limit, new home"),
    "program": N_("Program"),
    "rate": N_("Rate"),
    "reason": N_("Reason"),
    "repayment": N_("Repayment"),
    "residency": N_("Immigration statuses allowed"),
    "residency_allowed": N_("Immigration statuses allowed"),
    "score": N_("Credit score"),
    "ssn_required": N_("Social Security number required"),
    "status": N_("Status"),
    "step": N_("Step"),
    "target": N_("Goal"),
    "tax_year": N_("Tax year or class"),
    "then_days": N_("Days after that"),
    "tiers": N_("Tiers by income"),
    "upfront": N_("Upfront fee"),
    "years_after_termination": N_("Years after the client's file closes"),
}


def with_code(label: str, code: str) -> str:
    """A translated label with the code a source document or rule file uses: "Límite del préstamo (loan_limit)"."""
    return _("{label} ({code})").format(label=_(label), code=code)


def file_name(file: str) -> str:
    """A rule file's name for people, with its code (the code alone if it has no label yet)."""
    return with_code(FILES[file], file) if file in FILES else file


def table_name(table: str) -> str:
    """A rule table's name for people, with its code."""
    return with_code(TABLES[table], table) if table in TABLES else table


def field_name(field: str) -> str:
    """A field's name for people, with its code."""
    if field in CITED:
        return _(CITED[field])
    return with_code(FIELDS[field], field) if field in FIELDS else field
