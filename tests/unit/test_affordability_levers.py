"""What moves the highest price, and what a target price would take."""

from __future__ import annotations

import pytest

from calculators import InputError
from calculators.affordability.levers import levers, what_it_takes
from calculators.affordability.max_price import _failures as failures
from calculators.affordability.max_price import max_price, resolve_for_max_price

SCENARIO = {
    "loan_type": "fha",
    "annual_rate": 0.0675,
    "gross_monthly_income": 7000,
    "monthly_debts": 900,
    "cash_available": 40_000,
    "property_tax_rate": 0.0085,
    "annual_insurance": 1500,
    "closing_cost_rate": 0.03,
    "credit_score": 660,
    "as_of": "2026-06-01",
}


def test_paying_off_a_debt_raises_the_price_by_the_difference():
    base = max_price(SCENARIO)["price"]
    found = {
        lever["kind"] + lever["name"]: lever for lever in levers(SCENARIO, [{"name": "car", "monthly": 310}])
    }
    car = found["pay_off_debtcar"]
    assert car["amount"] == 310
    assert car["price"] == max_price({**SCENARIO, "monthly_debts": 590})["price"]
    assert car["change"] == car["price"] - base > 0


def test_levers_come_largest_first_and_only_when_they_help():
    found = levers({**SCENARIO, "monthly_debts": 0})
    changes = [lever["change"] for lever in found]
    assert changes == sorted(changes, reverse=True)
    assert all(change > 0 for change in changes)
    assert {lever["kind"] for lever in found} >= {"more_income", "lower_rate"}


def test_a_debt_entry_with_unknown_keys_is_refused():
    with pytest.raises(InputError) as err:
        levers(SCENARIO, [{"name": "car", "monthly": 310, "ssn": "x"}])
    assert err.value.code == "unknown_field"


# target price, what the answer must satisfy
@pytest.mark.parametrize("target", [250_000, 350_000, 450_000])
def test_income_needed_is_the_smallest_that_works(target):
    result = what_it_takes(SCENARIO, target)
    needed = result["income_needed"]
    terms = resolve_for_max_price(SCENARIO)
    if needed is None:
        assert result["income_blocked_by"] in ("cash", "down_payment", "loan_limit")
        return
    richer = resolve_for_max_price({**SCENARIO, "gross_monthly_income": needed})
    poorer = resolve_for_max_price({**SCENARIO, "gross_monthly_income": needed - 1})
    assert failures(richer, float(target)) == []
    assert failures(poorer, float(target)) != []
    assert result["affordable_now"] == (failures(terms, float(target)) == [])


def test_cash_needed_is_the_smallest_that_works():
    result = what_it_takes({**SCENARIO, "gross_monthly_income": 20_000}, 500_000)
    needed = result["cash_needed"]
    assert needed is not None
    enough = resolve_for_max_price({**SCENARIO, "gross_monthly_income": 20_000, "cash_available": needed})
    short = resolve_for_max_price({**SCENARIO, "gross_monthly_income": 20_000, "cash_available": needed - 1})
    assert failures(enough, 500_000.0) == [] and failures(short, 500_000.0) != []


def test_an_ineligible_household_gets_no_number():
    result = what_it_takes({**SCENARIO, "id_type": "itin"}, 300_000)
    assert result["income_needed"] is None and result["cash_needed"] is None
    assert result["income_blocked_by"] == "ineligible"


def test_target_price_must_be_positive():
    with pytest.raises(InputError):
        what_it_takes(SCENARIO, 0)
