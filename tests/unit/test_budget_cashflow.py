"""Cash-flow calendar: paydays against due dates by week, weeks that end below zero flagged."""

from __future__ import annotations

import pytest

from calculators import InputError
from calculators.budget import cash_flow_calendar, pay_days


@pytest.mark.parametrize(
    "frequency, first_day, year, month, days",
    [
        ("weekly", 2, 2026, 1, [2, 9, 16, 23, 30]),
        ("weekly", 7, 2026, 2, [7, 14, 21, 28]),
        ("biweekly", 9, 2026, 1, [9, 23]),
        ("biweekly", 2, 2026, 1, [2, 16, 30]),
        ("semimonthly", 1, 2026, 2, [15, 28]),
        ("semimonthly", 1, 2024, 2, [15, 29]),
        ("monthly", 31, 2026, 4, [30]),
    ],
)
def test_pay_days(frequency, first_day, year, month, days):
    assert pay_days(frequency, first_day, year, month) == days


# Rent on the 1st with pay on Fridays: week 1 goes negative, later weeks recover.
INCOMES = [{"name": "job", "amount": 500, "frequency": "weekly", "first_day": 2}]
BILLS = [
    {"name": "rent", "amount": 1400, "due_day": 1},
    {"name": "phone", "amount": 60, "due_day": 15},
    {"name": "car", "amount": 250, "due_day": 31},
]


@pytest.mark.parametrize(
    "start, money_in, money_out, balances, short",
    [
        (200, [500, 500, 500, 500, 500], [1400, 0, 60, 0, 250], [-700, -200, 240, 740, 990], [1, 2]),
        (1000, [500, 500, 500, 500, 500], [1400, 0, 60, 0, 250], [100, 600, 1040, 1540, 1790], []),
    ],
)
def test_cash_flow_calendar_weeks(start, money_in, money_out, balances, short):
    result = cash_flow_calendar(2026, 1, start, INCOMES, BILLS)
    weeks = result["weeks"]
    assert [w["money_in"] for w in weeks] == money_in
    assert [w["money_out"] for w in weeks] == money_out
    assert [w["balance"] for w in weeks] == pytest.approx(balances)
    assert result["short_weeks"] == short
    assert [w["start"] for w in weeks][-1] == "2026-01-29" and weeks[-1]["end"] == "2026-01-31"


def test_february_has_four_weeks_and_late_due_day_moves_to_last_day():
    result = cash_flow_calendar(2026, 2, 0, [], [{"name": "car", "amount": 100, "due_day": 31}])
    assert len(result["weeks"]) == 4
    assert result["weeks"][3]["money_out"] == 100
    assert result["ending_balance"] == -100
    assert result["lowest_balance"] == -100


@pytest.mark.parametrize(
    "incomes, bills, field, code",
    [
        ([], [{"name": "x", "amount": -5, "due_day": 3}], "bills", "negative_amount"),
        ([], [{"name": "x", "amount": 5, "due_day": 0}], "bills", "bad_day"),
        ([{"amount": 5, "frequency": "daily", "first_day": 1}], [], "cash_incomes", "unknown_frequency"),
        ([{"amount": 5, "frequency": "weekly"}], [], "cash_incomes", "missing_field"),
    ],
)
def test_bad_calendar_input(incomes, bills, field, code):
    with pytest.raises(InputError) as info:
        cash_flow_calendar(2026, 1, 0, incomes, bills)
    assert (info.value.field, info.value.code) == (field, code)
