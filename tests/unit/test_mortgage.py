"""calculators.mortgage: the level payment, the schedule, and HUD's year-one average balance."""

from __future__ import annotations

import math

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.mortgage import amortization, balance_after, monthly_payment, year_one_average_balance

# principal, annual rate, years, expected monthly payment (checked against a lender's amortization table)
PAYMENTS = [
    (280_000, 0.065, 30, 1769.79),
    (304_000, 0.07, 30, 2022.52),
    (274_725, 0.06, 15, 2318.29),
    (100_000, 0.05, 10, 1060.66),
    (400_000, 0.0, 30, 1111.11),  # 0%: principal spread evenly
    (0, 0.065, 30, 0.0),
]


@pytest.mark.parametrize("principal,rate,years,expected", PAYMENTS)
def test_monthly_payment(principal, rate, years, expected):
    assert monthly_payment(principal, rate, years) == pytest.approx(expected, abs=0.01)


@given(
    principal=st.floats(min_value=0, max_value=5_000_000),
    rate=st.floats(min_value=0.0001, max_value=0.20),
    years=st.integers(min_value=10, max_value=40),
)
def test_payment_agrees_with_numpy_financial(principal, rate, years):
    expected = -npf.pmt(rate / 12, years * 12, principal)
    assert monthly_payment(principal, rate, years) == pytest.approx(expected, rel=1e-9, abs=1e-6)


def test_schedule_pays_the_loan_off_in_the_last_month():
    schedule = amortization(280_000, 0.065, 30)
    assert list(schedule.columns) == ["month", "payment", "interest", "principal", "extra", "balance"]
    assert len(schedule) == 360
    assert schedule["balance"].iloc[-1] == pytest.approx(0.0, abs=1e-6)
    assert schedule["principal"].sum() == pytest.approx(280_000, abs=0.01)
    assert schedule["payment"].iloc[0] == pytest.approx(1769.79, abs=0.01)


def test_extra_payments_end_the_schedule_sooner_and_save_interest():
    plain = amortization(280_000, 0.065, 30)
    faster = amortization(280_000, 0.065, 30, extra_monthly=200)
    assert len(faster) == 273
    assert faster["balance"].iloc[-1] == pytest.approx(0.0, abs=1e-6)
    assert faster["principal"].sum() + faster["extra"].sum() == pytest.approx(280_000, abs=0.01)
    assert faster["interest"].sum() < plain["interest"].sum() - 50_000


def test_zero_rate_schedule_is_even():
    schedule = amortization(120_000, 0.0, 10)
    assert len(schedule) == 120
    assert set(schedule["payment"].round(6)) == {1000.0}


def test_balance_after_matches_the_schedule():
    schedule = amortization(386_000, 0.0675, 30)
    assert balance_after(386_000, 0.0675, 30, 12) == pytest.approx(schedule["balance"].iloc[11], abs=1e-6)
    assert balance_after(386_000, 0.0675, 30, 360) == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize(
    "principal,rate,years", [(386_000, 0.0675, 30), (270_000, 0.06, 15), (100_000, 0.0, 10)]
)
def test_year_one_average_is_the_mean_of_twelve_month_start_balances(principal, rate, years):
    """HUD averages the balance at the start of each of the first 12 months (month 1 starts at the principal)."""
    balances = [principal] + [balance_after(principal, rate, years, k) for k in range(1, 12)]
    assert year_one_average_balance(principal, rate, years) == pytest.approx(sum(balances) / 12, rel=1e-12)


@settings(max_examples=50)
@given(
    principal=st.floats(min_value=0, max_value=3_000_000),
    rate=st.floats(min_value=0, max_value=0.20),
    years=st.integers(min_value=10, max_value=40),
    extra=st.floats(min_value=0, max_value=5_000),
)
def test_schedule_is_finite_and_ends_at_zero(principal, rate, years, extra):
    schedule = amortization(principal, rate, years, extra)
    assert len(schedule) <= years * 12
    assert all(math.isfinite(v) for v in schedule.to_numpy().ravel())
    if len(schedule):
        assert schedule["balance"].iloc[-1] == pytest.approx(0.0, abs=1e-6)


def month_by_month(principal: float, rate: float, years: int, extra: float) -> tuple[int, float]:
    """Months and total interest of the same loan, paid one month at a time: the schedule's oracle."""
    i, months = rate / 12, 12 * years
    payment = monthly_payment(principal, rate, years)
    balance, month, interest_paid = principal, 0, 0.0
    while balance > 1e-7 and month < months:
        month += 1
        interest = balance * i
        interest_paid += interest
        balance -= min(payment - interest + extra, balance) if month < months else balance
    return month, interest_paid


@settings(max_examples=80)
@given(
    principal=st.floats(min_value=1, max_value=3_000_000),
    rate=st.floats(min_value=0, max_value=0.20),
    years=st.integers(min_value=1, max_value=40),
    extra=st.sampled_from([0.0, 0.01, 25.0, 200.0, 5_000.0]),
)
def test_schedule_has_the_months_and_interest_of_paying_month_by_month(principal, rate, years, extra):
    schedule = amortization(principal, rate, years, extra)
    months, interest = month_by_month(principal, rate, years, extra)
    assert len(schedule) == months
    assert schedule["interest"].sum() == pytest.approx(interest, rel=1e-6, abs=0.01)
    assert (schedule["balance"].iloc[:-1] > 1e-7).all()  # no month after the loan is paid off
    assert schedule["month"].tolist() == list(range(1, len(schedule) + 1))
    assert schedule["month"].dtype.kind == "i"


def test_a_schedule_can_be_edited_without_changing_the_next_one():
    first = amortization(200_000, 0.06, 30)
    first.loc[0, "month"] = 99
    first.loc[0, "balance"] = -1.0
    second = amortization(200_000, 0.06, 30)
    assert second.loc[0, "month"] == 1
    assert second.loc[0, "balance"] > 0


def test_a_schedule_can_change_shape_without_changing_the_next_one():
    first = amortization(200_000, 0.06, 30)
    first.insert(1, "note", "x")
    first["year"] = (first["month"] - 1) // 12 + 1
    del first["extra"]
    first.loc[1:5, "balance"] = 0.0
    second = amortization(200_000, 0.06, 30)
    assert list(second.columns) == ["month", "payment", "interest", "principal", "extra", "balance"]
    assert len(second) == 360 and second.loc[0, "month"] == 1

