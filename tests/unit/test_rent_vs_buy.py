"""calculators.rent_vs_buy: year-by-year net costs and the break-even year."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError
from calculators.mortgage import monthly_payment
from calculators.rent_vs_buy import compare

BASE = {
    "monthly_rent": 2000,
    "rent_growth": 0.03,
    "price": 350_000,
    "down_payment": 12_250,
    "closing_costs": 10_500,
    "loan_amount": 343_878,
    "annual_rate": 0.0675,
    "term_years": 30,
    "monthly_other_costs": 500,
    "maintenance_rate": 0.01,
    "appreciation": 0.03,
    "investment_return": 0.04,
    "selling_cost_rate": 0.06,
    "years": 15,
}


def test_first_year_by_hand():
    """Year 1: rent 12 x 2,000; owning: cash in + payments + other costs + 1% upkeep + lost return - equity."""
    year1 = compare({**BASE, "years": 1})["years"][0]
    assert year1["rent_cost"] == pytest.approx(24_000)
    payment = monthly_payment(343_878, 0.0675, 30)
    equity = 350_000 * 1.03 * 0.94 - year1["balance"]
    paid = 22_750 + 12 * payment + 12 * 500 + 3_500
    assert year1["own_cost"] == pytest.approx(paid + 22_750 * 0.04 - equity)


# changes, expected break-even year, cheaper after the horizon
CASES = [
    ({}, 9, "buy"),
    ({"years": 5}, None, "rent"),
    ({"monthly_rent": 1200}, None, "rent"),
    ({"monthly_rent": 4000}, 2, "buy"),
    ({"appreciation": 0.0}, None, "rent"),
]


@pytest.mark.parametrize("changes,break_even,cheaper", CASES)
def test_break_even(changes, break_even, cheaper):
    result = compare({**BASE, **changes})
    assert result["break_even_year"] == break_even
    assert result["cheaper"] == cheaper
    assert len(result["years"]) == {**BASE, **changes}["years"]


def test_rent_growth_raises_the_rent_each_year():
    rows = compare(BASE)["years"]
    yearly = [rows[0]["rent_cost"]] + [
        b["rent_cost"] - a["rent_cost"] for a, b in zip(rows, rows[1:], strict=False)
    ]
    assert yearly[1] == pytest.approx(24_000 * 1.03)
    assert yearly == sorted(yearly)


@pytest.mark.parametrize(
    "changes,code",
    [
        ({"years": 16}, "out_of_range"),
        ({"years": 0}, "out_of_range"),
        ({"monthly_rent": -1}, "negative_amount"),
        ({"down_payment": 400_000}, "down_payment_over_price"),
        ({"extra": 1}, "unknown_field"),
    ],
)
def test_bad_input(changes, code):
    with pytest.raises(InputError) as err:
        compare({**BASE, **changes})
    assert err.value.code == code


@settings(max_examples=50, deadline=None)
@given(
    rent=st.floats(0, 10_000),
    growth=st.floats(-0.05, 0.10),
    appreciation=st.floats(-0.05, 0.10),
    ret=st.floats(0, 0.10),
    rate=st.floats(0, 0.2),
    years=st.integers(1, 15),
)
def test_always_finite(rent, growth, appreciation, ret, rate, years):
    result = compare(
        {
            **BASE,
            "monthly_rent": rent,
            "rent_growth": growth,
            "appreciation": appreciation,
            "investment_return": ret,
            "annual_rate": rate,
            "years": years,
        }
    )
    assert all(math.isfinite(v) for row in result["years"] for v in row.values())
