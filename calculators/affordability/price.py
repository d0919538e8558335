"""One home price priced out: the loan and its fees, the five monthly parts, both ratios, cash and issues."""

from __future__ import annotations

import math

from calculators import InputError, number
from calculators import loan_products as rules
from calculators.affordability.inputs import ANALYZE_KEYS, MAX_PRICE
from calculators.affordability.terms import Terms, resolve
from calculators.mortgage import monthly_payment, year_one_average_balance

MONTHLY_PARTS = ("principal_interest", "property_tax", "insurance", "mortgage_insurance", "hoa")


def price_out(terms: Terms, price: float, down: float) -> dict:
    """The numbers for one price and down payment: loan, fees, the monthly parts, ratios and cash."""
    base_loan = price - down
    ltv = base_loan / price if price > 0 else 0.0
    extra = {}
    if terms.loan_type == "fha":
        financed = terms.fha_upfront * base_loan
        row = rules.fha_annual_rate(terms.fha_rows, base_loan, ltv, terms.term)
        extra["mip_row"] = row
        mi = row["rate"] * year_one_average_balance(base_loan, terms.rate, terms.term) / 12.0
    elif terms.loan_type == "va":
        if terms.va_rows:
            row = rules.va_fee_rate(terms.va_rows, down / price if price > 0 else 0.0)
            extra["fee_row"] = row
            financed = row["rate"] * base_loan
        else:
            financed = 0.0
        mi = 0.0
    elif terms.loan_type == "usda":
        financed = terms.usda["upfront"] * base_loan
        mi = (
            terms.usda["annual"]
            * year_one_average_balance(base_loan + financed, terms.rate, terms.term)
            / 12.0
        )
    else:
        financed = 0.0
        mi = 0.0
        if terms.loan_type == "conventional" and ltv > 0.80 + rules.EPS:
            if terms.pmi_override is not None:
                mi = terms.pmi_override * base_loan / 12.0
            else:
                row = rules.conventional_mi_rate(terms.mi_rows, ltv, terms.credit)
                extra["mi_row"] = row
                mi = row["rate"] * base_loan / 12.0 if row else 0.0
    loan_amount = base_loan + financed
    monthly = {
        "principal_interest": monthly_payment(loan_amount, terms.rate, terms.term),
        "property_tax": max(0.0, price - terms.homestead) * terms.tax_rate / 12.0,
        "insurance": terms.insurance / 12.0,
        "mortgage_insurance": mi,
        "hoa": terms.hoa,
    }
    monthly["total"] = sum(monthly[k] for k in MONTHLY_PARTS)
    closing_costs = terms.closing_rate * price
    return {
        "price": price,
        "down_payment": down,
        "base_loan": base_loan,
        "financed_fees": financed,
        "loan_amount": loan_amount,
        "ltv": ltv,
        "monthly": monthly,
        "front_dti": monthly["total"] / terms.income,
        "back_dti": (monthly["total"] + terms.debts) / terms.income,
        "closing_costs": closing_costs,
        "cash_to_close": max(0.0, down + closing_costs - terms.seller_credit - terms.assistance),
        "_extra": extra,
    }


def failed_limits(terms: Terms, out: dict, *, cash_check: bool) -> list[str]:
    """Which price-dependent tests fail, as binding-constraint names (contract order)."""
    failed = []
    if terms.front_limit is not None and out["front_dti"] > terms.front_limit + rules.EPS:
        failed.append("front_dti")
    if terms.back_limit is not None and out["back_dti"] > terms.back_limit + rules.EPS:
        failed.append("back_dti")
    if cash_check and out["cash_to_close"] > (terms.cash_available or 0.0) - terms.reserves + 1e-6:
        failed.append("cash")
    if out["down_payment"] < terms.min_down * out["price"] - 1e-6:
        failed.append("down_payment")
    if terms.loan_limit is not None and out["base_loan"] > terms.loan_limit + 1e-6:
        failed.append("loan_limit")
    return failed


ISSUE_OF = {
    "front_dti": "front_dti_over_limit",
    "back_dti": "back_dti_over_limit",
    "cash": "cash_short",
    "down_payment": "down_payment_below_minimum",
    "loan_limit": "loan_over_limit",
}


def report(terms: Terms, out: dict) -> dict:
    """The public `analyze` result: numbers, issues, eligibility, assumptions and the limits used."""
    extra = out.pop("_extra")
    failed = failed_limits(terms, out, cash_check=terms.cash_available is not None)
    issues = list(terms.blockers)
    issues += [{"code": ISSUE_OF[name], "severity": "blocker"} for name in failed]
    issues += terms.warnings
    assumptions = list(terms.assumptions)
    if "mip_row" in extra:
        assumptions.append(
            rules.cite("fha_annual_mip", extra["mip_row"]["rate"], extra["mip_row"], terms.as_of)
        )
    if "fee_row" in extra:
        assumptions.append(
            rules.cite("va_funding_fee", extra["fee_row"]["rate"], extra["fee_row"], terms.as_of)
        )
    if terms.loan_type == "va" and terms.va_exempt:
        assumptions.append(rules.cite("va_funding_fee", 0.0, None, terms.as_of))
    if "mi_row" in extra:
        row = extra["mi_row"]
        if row is None:
            issues.append({"code": "mortgage_insurance_unknown", "severity": "warning"})
            assumptions.append(rules.cite("pmi_rate", None, None, terms.as_of))
        else:
            assumptions.append(rules.cite("pmi_rate", row["rate"], row, terms.as_of))
    out.update(
        eligible=not any(i["severity"] == "blocker" for i in issues),
        issues=issues,
        assumptions=assumptions,
        limits=dict(terms.limits),
    )
    return out


def analyze(scenario: dict) -> dict:
    """Judge one home price: the monthly cost, both ratios, cash to close and every issue found."""
    terms = resolve(scenario, ANALYZE_KEYS)
    if scenario.get("price") is None:
        raise InputError("missing_field", "price")
    if scenario.get("down_payment") is None:
        raise InputError("missing_field", "down_payment")
    price = number(scenario, "price", minimum=0.0, maximum=MAX_PRICE)
    if price <= 0:
        raise InputError("missing_field", "price")
    down = number(scenario, "down_payment")
    if down > price:
        raise InputError("down_payment_over_price", "down_payment")
    return report(terms, price_out(terms, price, down))



def is_finite_result(value) -> bool:
    """True when no number anywhere in a result is NaN or infinite (a contract promise)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(is_finite_result(v) for v in value.values())
    if isinstance(value, list):
        return all(is_finite_result(v) for v in value)
    return True
