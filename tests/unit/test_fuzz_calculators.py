"""Property tests across the public calculators: bad input only ever raises InputError with a code,
results never hold NaN or infinity, and the invariants a counselor relies on hold."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calculators import InputError, mortgage, tenancy
from calculators.affordability.max_price import max_price
from calculators.affordability.price import analyze

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "fha",
            "conventional",
            "va",
            "usda",
            "itin",
            "dc",
            "montgomery_md",
            "ssn",
            "itin",
            "citizen",
            "2026-11-27",
            "2020-02-30",
            "-5",
        ]
    ),
    st.lists(st.integers(), max_size=2),
)
SCENARIO_KEYS = [
    "loan_type",
    "annual_rate",
    "gross_monthly_income",
    "price",
    "down_payment",
    "cash_available",
    "reserves",
    "down_payment_rate",
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
    "not_a_field",
]


def all_finite(value) -> bool:
    """True when every number anywhere inside a result is finite."""
    if isinstance(value, bool) or value is None:
        return True
    if isinstance(value, (int, float)):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(all_finite(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(all_finite(v) for v in value)
    return True


def valid_base(**extra) -> dict:
    return {
        "loan_type": "fha",
        "annual_rate": 0.065,
        "gross_monthly_income": 6500,
        "price": 320000,
        "down_payment": 11200,
        "cash_available": 30000,
        **extra,
    }


@FUZZ
@given(st.dictionaries(st.sampled_from(SCENARIO_KEYS), anything, max_size=8), st.booleans())
def test_analyze_and_max_price_only_raise_input_error(changes, on_valid_base):
    scenario = {**valid_base(), **changes} if on_valid_base else changes
    for calc in (analyze, max_price):
        try:
            result = calc(dict(scenario))
        except InputError as err:
            assert err.code and isinstance(err.code, str)
        else:
            assert all_finite(result)


@FUZZ
@given(
    principal=st.floats(1000, 2_000_000),
    rate=st.floats(0.0, 0.2),
    years=st.integers(10, 40),
)
def test_amortization_principal_sums_to_the_loan(principal, rate, years):
    table = mortgage.amortization(principal, rate, years)
    assert math.isclose(
        table["principal"].sum() + table["extra"].sum(), principal, rel_tol=1e-9, abs_tol=0.01
    )
    assert table["balance"].iloc[-1] == pytest.approx(0, abs=0.01)
    assert all_finite(table.to_dict("list"))


@FUZZ
@given(price=st.floats(80_000, 1_200_000), income=st.floats(2000, 40_000), rate=st.floats(0.03, 0.12))
def test_ratios_are_consistent_with_the_monthly_total(price, income, rate):
    out = analyze(
        valid_base(
            price=price,
            down_payment=0.2 * price,
            gross_monthly_income=income,
            annual_rate=rate,
            loan_type="conventional",
            monthly_debts=300,
        )
    )
    monthly = out["monthly"]
    parts = sum(
        monthly[k] for k in ("principal_interest", "property_tax", "insurance", "mortgage_insurance", "hoa")
    )
    assert monthly["total"] == pytest.approx(parts)
    assert out["front_dti"] == pytest.approx(monthly["total"] / income)
    assert out["back_dti"] == pytest.approx((monthly["total"] + 300) / income)
    assert out["eligible"] == (not any(i["severity"] == "blocker" for i in out["issues"]))


TENANCY_PLACES = st.sampled_from(
    [
        "dc",
        "montgomery_md",
        "prince_georges_md",
        "takoma_park_md",
        "virginia",
        "arlington_va",
        "fairfax_va",
        "alexandria_va",
        "texas",
        "",
        None,
        5,
    ]
)
DAYS = st.one_of(st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)), st.text(max_size=10), st.none())


@FUZZ
@given(
    TENANCY_PLACES,
    anything,
    DAYS,
    DAYS,
    st.sampled_from(["nonpayment", "lease_violation", "owner_use", "month_to_month_end", "whim", None]),
)
def test_tenancy_only_raises_input_error(place, rent, day, other_day, reason):
    calls = [
        lambda: tenancy.max_security_deposit(place, rent, day),
        lambda: tenancy.deposit_return_deadline(place, day),
        lambda: tenancy.rent_increase_cap(place, day),
        lambda: tenancy.eviction_notice_days(place, reason, day),
        lambda: tenancy.topa_deadlines("single_family", other_day),
    ]
    for call in calls:
        try:
            result = call()
        except InputError as err:
            assert err.code
        else:
            assert all_finite(result if not isinstance(result, dt.date) else 0)


@FUZZ
@given(st.floats(500, 10_000), st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)))
def test_deposit_cap_is_deterministic_and_positive(rent, signed):
    try:
        first = tenancy.max_security_deposit("montgomery_md", rent, signed)
    except InputError:
        assume(False)
    assert first == tenancy.max_security_deposit("montgomery_md", rent, signed) and first > 0


HOUSEHOLD_KEYS = [
    "jurisdiction",
    "household_size",
    "annual_household_income",
    "borrower_annual_income",
    "liquid_assets",
    "first_time_buyer",
    "id_type",
    "residency",
    "credit_score",
    "employer",
    "pets",
]
PURCHASE_KEYS = ["price", "loan_type", "first_mortgage_amount", "color"]


@FUZZ
@given(
    st.dictionaries(st.sampled_from(HOUSEHOLD_KEYS), anything, max_size=7),
    st.one_of(st.none(), st.dictionaries(st.sampled_from(PURCHASE_KEYS), anything, max_size=3)),
)
def test_screen_only_raises_input_error_and_is_deterministic(household, purchase):
    from calculators.assistance.screen import screen

    try:
        first = screen(dict(household), None if purchase is None else dict(purchase), "2026-11-27")
    except InputError as err:
        assert err.code
        return
    assert all_finite(first)
    assert first == screen(
        dict(household), None if purchase is None else dict(purchase), "2026-11-27"
    )


DEBT = st.fixed_dictionaries(
    {"name": st.text(min_size=1, max_size=8), "balance": anything, "apr": anything, "minimum": anything}
)


@FUZZ
@given(st.lists(DEBT, max_size=4), anything, st.sampled_from(["snowball", "avalanche", "random", None]))
def test_debt_payoff_only_raises_input_error(debts, budget, method):
    from calculators.budget import debt_payoff

    try:
        result = debt_payoff(debts, budget, method)
    except InputError as err:
        assert err.code
    else:
        assert all_finite({k: v for k, v in result.items() if k != "schedule"})
