"""calculators.affordability max_price: the binding constraint, its analysis, and properties over random scenarios."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.affordability.max_price import _failures as failures
from calculators.affordability.max_price import max_price, resolve_for_max_price
from calculators.affordability.price import analyze, is_finite_result

MP_BASE = {
    "loan_type": "conventional",
    "annual_rate": 0.065,
    "gross_monthly_income": 8000,
    "monthly_debts": 300,
    "cash_available": 40_000,
    "property_tax_rate": 0.0085,
    "annual_insurance": 1400,
    "closing_cost_rate": 0.03,
    "credit_score": 700,
    "as_of": "2026-06-01",
}


# changes, expected binding constraint, expected price (None: only check it is positive)
BINDING = [
    ({"loan_type": "fha", "id_type": "itin"}, "ineligible", 0),
    ({"monthly_debts": 4000}, "back_dti", 0),  # debts alone are over 36%
    ({"loan_type": "fha", "down_payment_rate": 0.03}, "down_payment", 0),
    ({"cash_available": 5000}, "cash", None),
    ({"cash_available": 2_000, "reserves": 5_000}, "cash", 0),
    ({}, "front_dti", None),
    ({"monthly_debts": 1200}, "back_dti", None),
    (
        {"gross_monthly_income": 500_000, "cash_available": 400_000, "front_limit": 0.5, "back_limit": 0.5},
        "loan_limit",
        None,
    ),
]


@pytest.mark.parametrize("changes,binding,price", BINDING)
def test_max_price_binding_constraint(changes, binding, price):
    result = max_price({**MP_BASE, **changes})
    assert result["binding_constraint"] == binding
    if price is not None:
        assert result["price"] == price
    else:
        assert result["price"] > 0
    if binding == "loan_limit":
        assert result["analysis"]["base_loan"] <= 1_249_125 < result["analysis"]["base_loan"] + 100


def test_max_price_analysis_is_the_analysis_at_that_price():
    result = max_price(MP_BASE)
    again = analyze(
        {
            **{k: v for k, v in MP_BASE.items() if k != "cash_available"},
            "price": result["price"],
            "down_payment": result["analysis"]["down_payment"],
        }
    )
    assert again["monthly"]["total"] == pytest.approx(result["analysis"]["monthly"]["total"])
    assert result["analysis"]["eligible"] is True


# ---------------------------------------------------------------------------------------------- properties
scenarios = st.fixed_dictionaries(
    {
        "loan_type": st.sampled_from(["conventional", "fha", "va", "usda", "itin"]),
        "annual_rate": st.floats(min_value=0.001, max_value=0.20),
        "term_years": st.integers(min_value=10, max_value=40),
        "gross_monthly_income": st.floats(min_value=500, max_value=60_000),
        "monthly_debts": st.floats(min_value=0, max_value=5_000),
        "cash_available": st.floats(min_value=0, max_value=600_000),
        "reserves": st.floats(min_value=0, max_value=20_000),
        "property_tax_rate": st.floats(min_value=0, max_value=0.03),
        "annual_insurance": st.floats(min_value=0, max_value=6_000),
        "monthly_hoa": st.floats(min_value=0, max_value=1_000),
        "closing_cost_rate": st.floats(min_value=0, max_value=0.06),
        "credit_score": st.one_of(st.none(), st.integers(min_value=300, max_value=850)),
        "jurisdiction": st.sampled_from(["dc", "montgomery_md", "arlington_va", "other"]),
        "veteran": st.booleans(),
        "as_of": st.sampled_from(["2024-03-01", "2025-06-01", "2026-06-01"]),
    }
).map(lambda d: {k: v for k, v in d.items() if v is not None})


@settings(max_examples=60, deadline=None)
@given(scenario=scenarios, more=st.floats(min_value=1, max_value=20_000))
def test_more_income_never_lowers_the_max_price(scenario, more):
    richer = {**scenario, "gross_monthly_income": scenario["gross_monthly_income"] + more}
    assert max_price(richer)["price"] >= max_price(scenario)["price"]


@settings(max_examples=60, deadline=None)
@given(scenario=scenarios, higher=st.floats(min_value=0.0001, max_value=0.05))
def test_a_higher_rate_never_raises_the_max_price(scenario, higher):
    dearer = {**scenario, "annual_rate": min(0.20, scenario["annual_rate"] + higher)}
    assert max_price(dearer)["price"] <= max_price(scenario)["price"]


@settings(max_examples=60, deadline=None)
@given(scenario=scenarios)
def test_max_price_is_affordable_and_100_more_is_not(scenario):
    result = max_price(scenario)
    terms = resolve_for_max_price(scenario)
    if result["binding_constraint"] == "ineligible":
        assert result["price"] == 0 and not result["analysis"]["eligible"]
        return
    if result["price"] > 0:
        assert failures(terms, float(result["price"])) == []
    assert failures(terms, float(result["price"] + 100)) != []


@settings(max_examples=80, deadline=None)
@given(scenario=scenarios, price=st.floats(min_value=1_000, max_value=3_000_000), share=st.floats(0, 1))
def test_analysis_is_finite_and_the_monthly_parts_add_up(scenario, price, share):
    scenario = {k: v for k, v in scenario.items() if k not in ("cash_available", "reserves")}
    result = analyze({**scenario, "price": price, "down_payment": price * share})
    monthly = result["monthly"]
    parts = ("principal_interest", "property_tax", "insurance", "mortgage_insurance", "hoa")
    assert monthly["total"] == pytest.approx(sum(monthly[p] for p in parts), abs=1e-6)
    assert is_finite_result(result)
    json.dumps(result)  # plain JSON-able data, so it can be saved on a client record
    assert result["eligible"] == (not any(i["severity"] == "blocker" for i in result["issues"]))


@settings(max_examples=40, deadline=None)
@given(scenario=scenarios)
def test_max_price_result_is_finite(scenario):
    assert is_finite_result(max_price(scenario))
