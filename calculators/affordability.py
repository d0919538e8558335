"""Can a household afford a home? `analyze` judges one price; `max_price` finds the highest one.

Implements the calculators.affordability contract (CONTRACTS.md): the monthly cost in five parts, both
debt-to-income ratios, cash to close, eligibility issues and every default used with its source.
Figures come from rules/loans.toml and rules/property.toml; nothing is rounded here.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from calculators import InputError, check_keys, number
from calculators import loan_products as rules
from calculators.mortgage import monthly_payment, year_one_average_balance
from calculators.rules import as_date, today

COMMON_KEYS = frozenset(
    {
        "loan_type",
        "annual_rate",
        "gross_monthly_income",
        "term_years",
        "monthly_debts",
        "credit_score",
        "jurisdiction",
        "property_tax_rate",
        "homestead_deduction",
        "annual_insurance",
        "monthly_hoa",
        "closing_cost_rate",
        "seller_credit",
        "assistance",
        "pmi_rate",
        "min_down_rate",
        "front_limit",
        "back_limit",
        "loan_limit",
        "va_first_use",
        "va_exempt",
        "id_type",
        "residency",
        "first_time_buyer",
        "veteran",
        "as_of",
        "cash_available",
        "reserves",
    }
)
ANALYZE_KEYS = COMMON_KEYS | {"price", "down_payment"}
MAX_PRICE_KEYS = COMMON_KEYS | {"down_payment_rate"}
ID_TYPES = ("ssn", "itin")
RESIDENCIES = ("citizen", "permanent_resident", "non_permanent_resident")
BINDING = ("front_dti", "back_dti", "cash", "down_payment", "loan_limit", "ineligible")
MAX_RATE = 0.20
TERM_RANGE = (10, 40)
MAX_INCOME = 10_000_000.0  # a month; keeps every search finite
MAX_PRICE = 1e10
MONTHLY_PARTS = ("principal_interest", "property_tax", "insurance", "mortgage_insurance", "hoa")


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


def _flag(data: dict, key: str, default: bool) -> bool:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise InputError("not_a_boolean", key)
    return value


def _choice(data: dict, key: str, options: tuple, default: str | None, code: str) -> str:
    value = data.get(key, default)
    if value is None:
        raise InputError("missing_field", key)
    if value not in options:
        raise InputError(code, key, str(value))
    return value


def _share(data: dict, key: str) -> float | None:
    """An optional rate or ratio that must lie between 0 and 1."""
    return number(data, key, None, minimum=0.0, maximum=1.0)


def _check_rate(data: dict) -> float:
    value = data.get("annual_rate")
    if value is None:
        raise InputError("missing_field", "annual_rate")
    try:
        rate = number(data, "annual_rate", minimum=None)
    except InputError as err:
        raise InputError(err.code, "annual_rate") from None
    # 0% is allowed here (monthly_payment handles it); the page asks for a rate above 0.
    if rate < 0 or rate > MAX_RATE:
        raise InputError("rate_out_of_range", "annual_rate")
    return rate


def _check_term(data: dict) -> float:
    term = number(data, "term_years", 30, minimum=None)
    if not TERM_RANGE[0] <= term <= TERM_RANGE[1]:
        raise InputError("term_out_of_range", "term_years")
    return term


def _check_income(data: dict) -> float:
    if data.get("gross_monthly_income") is None:
        raise InputError("no_income", "gross_monthly_income")
    income = number(data, "gross_monthly_income", minimum=None, maximum=MAX_INCOME)
    if income <= 0:
        raise InputError("no_income", "gross_monthly_income")
    return income


def _as_of(data: dict) -> dt.date:
    value = data.get("as_of")
    if value is None:
        return today()
    try:
        return as_date(value)
    except InputError:
        raise InputError("bad_date", "as_of") from None


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


def _all_cash_down(terms: Terms, price: float) -> float:
    """max_price without a fixed share: everything left after reserves and closing costs goes down."""
    available = (terms.cash_available or 0.0) - terms.reserves
    return min(price, available - terms.closing_rate * price + terms.seller_credit + terms.assistance)


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


def _down_for(terms: Terms, price: float) -> float:
    if terms.down_payment_rate is not None:
        return terms.down_payment_rate * price
    return _all_cash_down(terms, price)


def _failures(terms: Terms, price: float) -> list[str]:
    """Empty when `price` is affordable under max_price's rules, else the constraints it breaks."""
    out = price_out(terms, price, _down_for(terms, price))
    failed = failed_limits(terms, out, cash_check=True)
    if terms.down_payment_rate is None and "down_payment" in failed:
        # Putting all the cash in and still falling short of the minimum means cash is what limits.
        failed = ["cash" if f == "down_payment" else f for f in failed]
    return failed


def resolve_for_max_price(scenario: dict) -> Terms:
    """Validate a max_price scenario (cash_available required; optional fixed down-payment share)."""
    terms = resolve(scenario, MAX_PRICE_KEYS)
    if scenario.get("cash_available") is None:
        raise InputError("missing_field", "cash_available")
    terms.down_payment_rate = _share(scenario, "down_payment_rate")
    return terms


def highest_price(terms: Terms) -> tuple[int, str]:
    """(price, binding constraint): whole dollars, affordable, and price + 100 not affordable.

    Bracket by doubling, then bisect on whole dollars: about 40 evaluations of closed-form arithmetic.
    Affordability can switch back on above a boundary (e.g. an MI band), so the +100 check continues the
    search instead of trusting monotonicity.
    """
    if terms.blockers:
        return 0, "ineligible"
    failed = _failures(terms, 0.0)
    if failed:
        return 0, failed[0]
    lo = 0
    while True:
        step = 100_000
        hi = lo + step
        while not _failures(terms, float(hi)):
            lo = hi
            step *= 2
            hi = lo + step
            if hi > MAX_PRICE:
                return lo, "loan_limit"
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if _failures(terms, float(mid)):
                hi = mid
            else:
                lo = mid
        if _failures(terms, float(lo + 100)):
            return lo, _failures(terms, float(lo + 1))[0]
        lo += 100


def max_price(scenario: dict) -> dict:
    """The highest whole-dollar price this household can afford, what limits it, and its analysis."""
    terms = resolve_for_max_price(scenario)
    price, binding = highest_price(terms)
    analysis = report(terms, price_out(terms, float(price), _down_for(terms, float(price))))
    return {"price": price, "binding_constraint": binding, "analysis": analysis}


def is_finite_result(value) -> bool:
    """True when no number anywhere in a result is NaN or infinite (a contract promise)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(is_finite_result(v) for v in value.values())
    if isinstance(value, list):
        return all(is_finite_result(v) for v in value)
    return True


def defaults(loan_type: str, jurisdiction: str = "dc", credit_score=None, as_of=None) -> dict:
    """The rule defaults a page shows before the counselor overrides them: {field: assumptions entry}.

    Fields with no figure on file are present with value None, so the page can say "verify".
    """
    day = as_date(as_of) if as_of is not None else today()
    if loan_type not in rules.LOAN_TYPES:
        raise InputError("unknown_loan_type", "loan_type", str(loan_type))
    if jurisdiction not in rules.JURISDICTIONS:
        raise InputError("unknown_jurisdiction", "jurisdiction", str(jurisdiction))
    credit = number({"credit_score": credit_score}, "credit_score", minimum=300, maximum=850)
    guideline, maximum = rules.dti_rows(loan_type, day)
    found = {}

    def put(key, row, column):
        value = row.get(column) if row is not None else None
        found[key] = rules.cite(key, value, row if value is not None else None, day)

    put("property_tax_rate", rules.property_tax_row(jurisdiction, day), "rate")
    put("homestead_deduction", rules.homestead_row(jurisdiction, day), "amount")
    put("annual_insurance", rules.insurance_row(jurisdiction, day), "annual")
    put("closing_cost_rate", rules.closing_cost_row(jurisdiction, day), "rate")
    put("min_down_rate", rules.min_down_row(loan_type, credit, day), "rate")
    put("front_limit", guideline, "front")
    put("back_limit", guideline, "back")
    put("front_max", maximum, "front")
    put("back_max", maximum, "back")
    put("loan_limit", rules.loan_limit_row(loan_type, jurisdiction, day), "amount")
    put("credit_minimum", rules.credit_minimum_row(loan_type, day), "score")
    return found
