"""A scenario resolved against the loan and property rules: every default filled in, ready to price many times."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from calculators import InputError, check_keys, number
from calculators import loan_products as rules
from calculators.affordability.inputs import (
    ID_TYPES,
    RESIDENCIES,
    _as_of,
    _check_income,
    _check_rate,
    _check_term,
    _choice,
    _flag,
    _share,
)


@dataclass
class Terms:
    """A validated scenario with every default filled in, ready to be priced many times."""

    loan_type: str
    rate: float
    term: float
    income: float
    debts: float
    credit: float | None
    jurisdiction: str
    as_of: dt.date
    tax_rate: float
    homestead: float
    insurance: float
    hoa: float
    closing_rate: float
    seller_credit: float
    assistance: float
    pmi_override: float | None
    min_down: float
    front_limit: float | None
    back_limit: float | None
    loan_limit: float | None
    va_first_use: bool
    va_exempt: bool
    cash_available: float | None
    reserves: float
    down_payment_rate: float | None = None
    blockers: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    assumptions: list[dict] = field(default_factory=list)
    limits: dict = field(default_factory=dict)
    fha_upfront: float = 0.0
    fha_rows: list = field(default_factory=list)
    va_rows: list = field(default_factory=list)
    usda: dict | None = None
    mi_rows: list = field(default_factory=list)



def resolve(data: dict, allowed: frozenset) -> Terms:
    """Validate a scenario and fill every default from the rules, recording each one in `assumptions`."""
    check_keys(data, allowed, ("loan_type",))
    loan_type = _choice(data, "loan_type", rules.LOAN_TYPES, None, "unknown_loan_type")
    rate = _check_rate(data)
    term = _check_term(data)
    income = _check_income(data)
    as_of = _as_of(data)
    jurisdiction = _choice(data, "jurisdiction", rules.JURISDICTIONS, "dc", "unknown_jurisdiction")
    credit = number(data, "credit_score", None, minimum=300, maximum=850)
    id_type = _choice(data, "id_type", ID_TYPES, "ssn", "unknown_id_type")
    residency = _choice(data, "residency", RESIDENCIES, "citizen", "unknown_residency")
    _flag(data, "first_time_buyer", True)
    veteran = _flag(data, "veteran", False)
    assumptions: list[dict] = []

    def plain(key: str, default):
        if data.get(key) is None:
            assumptions.append(rules.cite(key, default, None, as_of))
        return default if data.get(key) is None else data[key]

    plain("term_years", 30)
    debts = number(data, "monthly_debts", plain("monthly_debts", 0.0))
    hoa = number(data, "monthly_hoa", plain("monthly_hoa", 0.0))
    seller_credit = number(data, "seller_credit", plain("seller_credit", 0.0))
    assistance = number(data, "assistance", plain("assistance", 0.0))
    reserves = number(data, "reserves", 0.0)
    cash_available = number(data, "cash_available", None)
    va_first_use = _flag(data, "va_first_use", True)
    va_exempt = _flag(data, "va_exempt", False)
    for key, default in (
        ("jurisdiction", "dc"),
        ("id_type", "ssn"),
        ("residency", "citizen"),
        ("as_of", None),
    ):
        if data.get(key) is None:
            assumptions.append(rules.cite(key, default if key != "as_of" else as_of.isoformat(), None, as_of))

    def from_rule(key: str, row: dict | None, value_key: str, *, needed: bool = True, bounds=(0.0, 1.0)):
        """The caller's value, else the rule's (cited); InputError('needs_value') when neither exists."""
        if data.get(key) is not None:
            return number(data, key, minimum=bounds[0], maximum=bounds[1])
        if row is None:
            if needed:
                raise InputError("needs_value", key)
            return None
        assumptions.append(rules.cite(key, row[value_key], row, as_of))
        return float(row[value_key])

    tax_rate = from_rule("property_tax_rate", rules.property_tax_row(jurisdiction, as_of), "rate")
    # DC's deduction comes with DC's tax rule: a caller who enters their own tax rate gives the deduction
    # too (the reference cases enter a rate and expect no deduction).
    homestead_row = (
        None if data.get("property_tax_rate") is not None else rules.homestead_row(jurisdiction, as_of)
    )
    if homestead_row is None and data.get("homestead_deduction") is None:
        homestead = 0.0
        entry = rules.cite("homestead_deduction", 0.0, None, as_of)
        if rules.homestead_unknown(jurisdiction, as_of):
            entry["unknown"] = True  # DC has a deduction, but this year's amount is not on file
        assumptions.append(entry)
    else:
        homestead = from_rule("homestead_deduction", homestead_row, "amount", bounds=(0.0, None))
    insurance = from_rule(
        "annual_insurance", rules.insurance_row(jurisdiction, as_of), "annual", bounds=(0.0, None)
    )
    closing_rate = from_rule("closing_cost_rate", rules.closing_cost_row(jurisdiction, as_of), "rate")
    min_down = from_rule("min_down_rate", rules.min_down_row(loan_type, credit, as_of), "rate")

    guideline, maximum = rules.dti_rows(loan_type, as_of)
    front_limit = _limit(data, "front_limit", guideline, "front", assumptions, as_of)
    back_limit = _limit(data, "back_limit", guideline, "back", assumptions, as_of)
    limit_row = rules.loan_limit_row(loan_type, jurisdiction, as_of)
    loan_limit = from_rule("loan_limit", limit_row, "amount", needed=False, bounds=(0.0, None))
    credit_row = rules.credit_minimum_row(loan_type, as_of)

    terms = Terms(
        loan_type=loan_type,
        rate=rate,
        term=term,
        income=income,
        debts=debts,
        credit=credit,
        jurisdiction=jurisdiction,
        as_of=as_of,
        tax_rate=tax_rate,
        homestead=homestead,
        insurance=insurance,
        hoa=hoa,
        closing_rate=closing_rate,
        seller_credit=seller_credit,
        assistance=assistance,
        pmi_override=_share(data, "pmi_rate"),
        min_down=min_down,
        front_limit=front_limit,
        back_limit=back_limit,
        loan_limit=loan_limit,
        va_first_use=va_first_use,
        va_exempt=va_exempt,
        cash_available=cash_available,
        reserves=reserves,
        assumptions=assumptions,
    )
    terms.limits = {
        "front": front_limit,
        "back": back_limit,
        "front_guideline": guideline.get("front") if guideline else None,
        "back_guideline": guideline.get("back") if guideline else None,
        "front_max": maximum.get("front") if maximum else None,
        "back_max": maximum.get("back") if maximum else None,
        "max_source_url": maximum["source_url"] if maximum else None,
        "min_down_rate": min_down,
        "loan_limit": loan_limit,
        "credit_minimum": credit_row["score"] if credit_row else None,
    }
    _load_fee_rules(terms, loan_type, as_of)
    _eligibility(terms, id_type=id_type, residency=residency, veteran=veteran, credit_row=credit_row)
    if loan_type in rules.LIMIT_PROGRAM and loan_limit is None:
        terms.warnings.append({"code": "loan_limit_unknown", "severity": "warning"})
    return terms


def _limit(data, key, row, column, assumptions, as_of) -> float | None:
    """A DTI limit: the caller's, else the product's counseling guideline (None when it sets none)."""
    if data.get(key) is not None:
        return number(data, key, minimum=0.0, maximum=1.0)
    if row is None or column not in row:
        assumptions.append(rules.cite(key, None, row, as_of))
        return None
    assumptions.append(rules.cite(key, row[column], row, as_of))
    return float(row[column])


def _load_fee_rules(terms: Terms, loan_type: str, as_of: dt.date) -> None:
    """Read the fee tables once, so pricing many candidate prices needs no further rule look-ups."""
    if loan_type == "fha":
        row = rules.fha_upfront_row(as_of)
        terms.fha_upfront = float(row["rate"])
        terms.assumptions.append(rules.cite("fha_upfront_mip", row["rate"], row, as_of))
        terms.fha_rows = rules.fha_annual_rows(as_of)
    elif loan_type == "va":
        terms.va_rows = [] if terms.va_exempt else rules.va_fee_rows(terms.va_first_use, as_of)
    elif loan_type == "usda":
        terms.usda = rules.usda_row(as_of)
        terms.assumptions.append(
            rules.cite(
                "usda_fees",
                dict(upfront=terms.usda["upfront"], annual=terms.usda["annual"]),
                terms.usda,
                as_of,
            )
        )
    elif loan_type == "conventional" and terms.pmi_override is None:
        terms.mi_rows = rules.conventional_mi_rows(as_of)


def _eligibility(
    terms: Terms, *, id_type: str, residency: str, veteran: bool, credit_row: dict | None
) -> None:
    """Blockers and warnings that do not depend on the price."""
    blocker = terms.blockers.append
    warn = terms.warnings.append
    if credit_row is not None:
        if terms.credit is None:
            warn({"code": "credit_score_unknown", "severity": "warning"})
        elif terms.credit < credit_row["score"]:
            blocker({"code": "credit_score_below_minimum", "severity": "blocker"})
    borrower = rules.borrower_row(terms.loan_type, terms.as_of)
    if borrower is not None:
        if id_type == "itin" and borrower.get("ssn_required"):
            blocker({"code": "ssn_required", "severity": "blocker"})
        elif id_type == "itin" and borrower.get("lender_overlay"):
            warn({"code": "itin_lender_overlay", "severity": "warning"})
        if residency not in borrower["residency"]:
            blocker({"code": "residency_ineligible", "severity": "blocker"})
    if terms.loan_type == "va" and not veteran:
        blocker({"code": "va_eligibility_required", "severity": "blocker"})
    if terms.loan_type == "usda":
        warn({"code": "usda_area_check", "severity": "warning"})
