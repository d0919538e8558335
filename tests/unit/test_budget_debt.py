"""Debt payoff: the shared reference cases, the CONTRACTS semantics, errors, and avalanche vs snowball."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError
from calculators.budget import compare_methods, debt_payoff, debt_to_income, mortgage_ready_gap
from tests.conftest import SHARED

CASES_DIR = SHARED / "reference-cases"


def reference_cases():
    path = CASES_DIR / "budget.debt_payoff.json"
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"reference cases missing: {path}")
        print(f"\n*** SKIPPING budget reference cases: {path} not found ***")
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{path} not found"), id="missing")]
    return [pytest.param(case, id=case["name"]) for case in json.loads(path.read_text())]


@pytest.mark.parametrize("case", reference_cases())
def test_reference_case(case):
    result = debt_payoff(**case["input"])
    expect = case["expect"]
    assert result["months"] == expect["months"]
    assert result["total_interest"] == pytest.approx(expect["total_interest"], abs=0.01)
    assert result["payoff_order"] == expect["payoff_order"]


CARDS = [
    {"name": "a", "balance": 500.0, "apr": 0.10, "minimum": 25.0},
    {"name": "b", "balance": 500.0, "apr": 0.20, "minimum": 25.0},
    {"name": "c", "balance": 300.0, "apr": 0.20, "minimum": 25.0},
]


@pytest.mark.parametrize(
    "method, first_target",
    [
        ("snowball", "c"),  # smallest balance
        ("avalanche", "b"),  # highest APR; b and c tie, b came first
    ],
)
def test_first_payoff_follows_method_and_ties_keep_input_order(method, first_target):
    result = debt_payoff(CARDS, 200, method)
    assert result["payoff_order"][0] == first_target


def test_first_month_by_hand():
    """One month worked on paper: interest, minimums, then the extra to the snowball target."""
    debts = [
        {"name": "big", "balance": 1000.0, "apr": 0.12, "minimum": 50.0},
        {"name": "small", "balance": 100.0, "apr": 0.24, "minimum": 20.0},
    ]
    month = debt_payoff(debts, 200, "snowball")["schedule"][0]
    # Minimums 50 + 20 leave 130. small: 100 + 2 - 20 = 82, all paid from the 130, leaving 48;
    # big: 1000 + 10 - 50 - 48 = 912.
    assert month["interest"] == pytest.approx(12.0)
    assert month["balances"] == {"big": pytest.approx(912.0), "small": 0.0}
    assert month["paid"] == pytest.approx(200.0)


def test_extra_spills_to_next_target_in_same_month():
    debts = [
        {"name": "x", "balance": 50.0, "apr": 0.0, "minimum": 10.0},
        {"name": "y", "balance": 1000.0, "apr": 0.0, "minimum": 10.0},
    ]
    result = debt_payoff(debts, 300, "snowball")
    assert result["schedule"][0]["balances"] == {"x": 0.0, "y": 750.0}


@pytest.mark.parametrize(
    "debts, budget, method, code",
    [
        (CARDS, 74.99, "snowball", "budget_below_minimums"),
        (
            [{"name": "loan", "balance": 10000.0, "apr": 0.30, "minimum": 100.0}],
            100,
            "avalanche",
            "never_paid_off",
        ),
        ([{"name": "x", "balance": -5.0, "apr": 0.1, "minimum": 5.0}], 100, "snowball", "negative_amount"),
        ([{"name": "x", "balance": 5.0, "apr": 1.5, "minimum": 5.0}], 100, "snowball", "rate_out_of_range"),
        (
            [{"name": "x", "balance": 5.0, "apr": 0.1, "minimum": 5.0, "due": 3}],
            100,
            "snowball",
            "unknown_field",
        ),
        ([{"name": "x", "balance": 5.0, "apr": 0.1}], 100, "snowball", "missing_field"),
        ([dict(CARDS[0]), dict(CARDS[0])], 100, "snowball", "duplicate_name"),
        (CARDS, 200, "fastest", "unknown_method"),
        (CARDS, -1, "snowball", "negative_amount"),
    ],
)
def test_bad_input_is_an_input_error(debts, budget, method, code):
    with pytest.raises(InputError) as info:
        debt_payoff(debts, budget, method)
    assert info.value.code == code


def test_error_names_the_row():
    debts = [dict(CARDS[0]), {"name": "bad", "balance": -1.0, "apr": 0.1, "minimum": 1.0}]
    with pytest.raises(InputError) as info:
        debt_payoff(debts, 500, "snowball")
    assert (info.value.field, info.value.detail) == ("debts", "2")


def test_compare_methods_dates_and_difference():
    result = compare_methods(CARDS, 200, start="2026-01-15")
    assert result["interest_difference"] == pytest.approx(
        result["snowball"]["total_interest"] - result["avalanche"]["total_interest"]
    )
    assert result["avalanche"]["debt_free_date"] == f"2026-{result['avalanche']['months']:02d}-01"
    assert set(result["snowball"]["payoff_dates"]) == {"a", "b", "c"}


# Realistic household debts: balances $50-$30,000, APR 0-36%, minimums 1-10% of the balance (at least $10),
# a budget at or above the minimums. Each minimum also covers its first month's interest plus $1, so every
# plan ends (otherwise `never_paid_off` is the right answer and there is nothing to compare). Without that
# floor, 2,000 examples (skipping never-paid-off plans) found no counterexample either; the algorithm is
# the contract's, unchanged.
debt_rows = st.lists(
    st.tuples(
        st.floats(50, 30_000),
        st.floats(0, 0.36),
        st.floats(0.01, 0.10),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(rows=debt_rows, extra=st.floats(0, 2000))
def test_avalanche_never_costs_more_interest_than_snowball(rows, extra):
    debts = [
        {"name": f"d{i}", "balance": b, "apr": r, "minimum": max(10.0, b * m, b * r / 12 + 1)}
        for i, (b, r, m) in enumerate(rows)
    ]
    budget = sum(d["minimum"] for d in debts) + extra
    snowball = debt_payoff(debts, budget, "snowball")
    avalanche = debt_payoff(debts, budget, "avalanche")
    assert avalanche["total_interest"] <= snowball["total_interest"] + 0.01


@pytest.mark.parametrize(
    "debts, income, housing, front, back",
    [
        (500, 5000, 0, 0.0, 0.10),
        (500, 5000, 1500, 0.30, 0.40),
        (0, 3000, 900, 0.30, 0.30),
    ],
)
def test_debt_to_income(debts, income, housing, front, back):
    result = debt_to_income(debts, income, housing)
    assert result["front"] == pytest.approx(front)
    assert result["back"] == pytest.approx(back)


def test_debt_to_income_needs_income():
    with pytest.raises(InputError) as info:
        debt_to_income(100, 0)
    assert info.value.code == "no_income"


def test_mortgage_ready_gap_uses_dated_guideline():
    ready = mortgage_ready_gap(5000, 500, "fha", as_of="2026-06-01")
    assert ready["guideline_back"] == pytest.approx(0.43)
    assert ready["room_for_housing"] == pytest.approx(5000 * 0.43 - 500)
    assert ready["debt_payments_to_cut"] == 0.0
    over = mortgage_ready_gap(2000, 1000, "fha", as_of="2026-06-01")
    assert over["room_for_housing"] == 0.0
    assert over["debt_payments_to_cut"] == pytest.approx(1000 - 2000 * 0.43)
    assert over["source_url"].startswith("http")
