"""Income tracker: every pay schedule normalized to monthly and annual, irregular income month by month."""

from __future__ import annotations

import pytest

from calculators import InputError
from calculators.budget import income_summary, monthly_amount


@pytest.mark.parametrize(
    "amount, frequency, monthly, annual",
    [
        (500, "weekly", 2166.6667, 26000),
        (1000, "biweekly", 2166.6667, 26000),
        (1000, "semimonthly", 2000, 24000),
        (2000, "monthly", 2000, 24000),
        (30000, "annual", 2500, 30000),
        (0, "weekly", 0, 0),
    ],
)
def test_frequency_normalization(amount, frequency, monthly, annual):
    assert monthly_amount(amount, frequency) == pytest.approx(monthly, abs=0.0001)
    result = income_summary([{"amount": amount, "frequency": frequency}])
    assert result["monthly"] == pytest.approx(monthly, abs=0.0001)
    assert result["annual"] == pytest.approx(annual, abs=0.01)


def test_irregular_income_month_by_month():
    season = [0, 0, 1500, 3000, 3000, 3000, 3000, 3000, 2000, 1000, 0, 0]
    result = income_summary(
        [{"name": "construction", "frequency": "irregular", "by_month": season, "form": "cash"}]
    )
    assert result["annual"] == pytest.approx(19500)
    assert result["monthly"] == pytest.approx(1625)
    assert (result["lowest_month"], result["highest_month"]) == (0, 3000)
    assert result["irregular"] is True
    assert result["cash_monthly"] == pytest.approx(1625)


def test_cash_deposit_and_non_cash_parts():
    result = income_summary(
        [
            {"amount": 600, "frequency": "weekly", "form": "cash"},
            {"amount": 1200, "frequency": "semimonthly", "form": "deposit"},
            {"amount": 400, "frequency": "monthly", "form": "non_cash"},
        ]
    )
    assert result["cash_monthly"] == pytest.approx(2600)
    assert result["deposit_monthly"] == pytest.approx(2400)
    assert result["non_cash_monthly"] == pytest.approx(400)
    assert result["monthly"] == pytest.approx(5400)
    assert result["irregular"] is False


@pytest.mark.parametrize(
    "source, code",
    [
        ({"amount": -1, "frequency": "weekly"}, "negative_amount"),
        ({"amount": 1, "frequency": "daily"}, "unknown_frequency"),
        ({"amount": 1, "frequency": "weekly", "tips": 3}, "unknown_field"),
        ({"amount": 1}, "missing_field"),
        ({"frequency": "irregular"}, "missing_field"),
        ({"frequency": "irregular", "by_month": [100, -5]}, "negative_amount"),
        ({"amount": 1, "frequency": "weekly", "form": "gold"}, "unknown_form"),
    ],
)
def test_bad_income_is_an_input_error(source, code):
    with pytest.raises(InputError) as info:
        income_summary([source])
    assert info.value.code == code
