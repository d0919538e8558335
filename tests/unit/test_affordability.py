"""calculators.affordability: the shared reference cases, the rule files, and each fee rule at its boundary."""

from __future__ import annotations

import json

import pytest

from calculators.affordability.max_price import _failures as failures
from calculators.affordability.max_price import max_price, resolve_for_max_price
from calculators.affordability.price import analyze
from calculators.rules import load, validate_rows
from tests.conftest import SHARED


def _reference(kind: str) -> list:
    path = SHARED / "reference-cases" / f"affordability.{kind}.json"
    if not path.is_file():
        return [pytest.param(None, id=f"{kind}-cases-missing")]
    return [pytest.param(case, id=case["name"]) for case in json.loads(path.read_text())]


def dig(result: dict, dotted: str):
    for part in dotted.split("."):
        result = result[part]
    return result


def tolerance(key: str) -> float:
    """Ratios within 0.0001, money within a cent (the contract's rule for the reference cases)."""
    return 0.0001 if key.endswith("dti") or key == "ltv" else 0.01


@pytest.mark.parametrize("case", _reference("analyze"))
def test_reference_analyze(case, reference_cases_dir):
    assert case is not None, f"no affordability.analyze.json in {reference_cases_dir}"
    result = analyze(case["input"])
    for key, expected in case["expect"].items():
        assert dig(result, key) == pytest.approx(expected, abs=tolerance(key)), key


@pytest.mark.parametrize("case", _reference("max_price"))
def test_reference_max_price(case, reference_cases_dir):
    """`price` is whole dollars, affordable, and price + 100 is not; it agrees with the reference's search."""
    assert case is not None, f"no affordability.max_price.json in {reference_cases_dir}"
    result = max_price(case["input"])
    terms = resolve_for_max_price(case["input"])
    price = result["price"]
    assert price == int(price)
    assert failures(terms, float(price)) == []
    assert failures(terms, float(price + 100)) != []
    assert abs(price - case["expect"]["price"]) < 100
    assert failures(terms, float(case["expect"]["price"])) == []
    assert result["analysis"]["price"] == price


@pytest.mark.parametrize("name", ["loans", "property"])
def test_rule_files_are_valid(name):
    assert validate_rows(name, load(name)) == []


BASE = {
    "loan_type": "fha",
    "annual_rate": 0.0675,
    "gross_monthly_income": 9000,
    "price": 400_000,
    "down_payment": 14_000,
    "property_tax_rate": 0.0085,
    "annual_insurance": 1500,
    "closing_cost_rate": 0.03,
    "as_of": "2026-06-01",
}


def run(**changes) -> dict:
    scenario = {**BASE, **changes}
    return analyze({k: v for k, v in scenario.items() if v is not None})


def codes(result: dict) -> dict:
    return {i["code"]: i["severity"] for i in result["issues"]}


# ML 2023-05 annual MIP: term, base loan (price - down), LTV, expected annual rate
FHA_MIP = [
    (30, 400_000, 20_000, 0.0050),  # LTV 95% exactly: the lower rate
    (30, 400_000, 19_999, 0.0055),  # a dollar less down: LTV just over 95%
    (30, 900_000, 126_000, 0.0070),  # base loan 774,000 > 726,200, LTV 86%
    (30, 800_000, 20_000, 0.0075),  # large loan, LTV 97.5%
    (30, 800_000, 73_800, 0.0050),  # base loan exactly 726,200 is not "above"
    (30, 800_000, 73_799, 0.0070),  # a dollar more and it is
    (15, 300_000, 30_000, 0.0015),  # LTV 90% exactly
    (15, 300_000, 29_999, 0.0040),
    (15, 1_000_000, 220_000, 0.0015),  # large loan, LTV 78%
    (15, 1_000_000, 150_000, 0.0040),  # large loan, LTV 85%
    (15, 1_000_000, 50_000, 0.0065),  # large loan, LTV 95%
]


@pytest.mark.parametrize("term,price,down,rate", FHA_MIP)
def test_fha_annual_mip_band(term, price, down, rate):
    from calculators.mortgage import year_one_average_balance

    result = run(term_years=term, price=price, down_payment=down, gross_monthly_income=50_000)
    base = price - down
    expected = rate * year_one_average_balance(base, 0.0675, term) / 12
    assert result["monthly"]["mortgage_insurance"] == pytest.approx(expected, abs=1e-9)
    assert result["financed_fees"] == pytest.approx(0.0175 * base)
    mip = [a for a in result["assumptions"] if a["field"] == "fha_annual_mip"]
    assert mip and mip[0]["value"] == rate and "2023-05" in mip[0]["source_url"]


# down payment share, first use, exempt, expected funding fee rate
VA_FEES = [
    (0.0, True, False, 0.0215),
    (0.0499, True, False, 0.0215),
    (0.05, True, False, 0.015),
    (0.0999, True, False, 0.015),
    (0.10, True, False, 0.0125),
    (0.0, False, False, 0.033),
    (0.05, False, False, 0.015),
    (0.20, False, False, 0.0125),
    (0.0, True, True, 0.0),
    (0.0, False, True, 0.0),
]


@pytest.mark.parametrize("share,first_use,exempt,fee", VA_FEES)
def test_va_funding_fee(share, first_use, exempt, fee):
    result = run(
        loan_type="va",
        veteran=True,
        price=400_000,
        down_payment=400_000 * share,
        va_first_use=first_use,
        va_exempt=exempt,
    )
    assert result["financed_fees"] == pytest.approx(fee * result["base_loan"])
    assert result["monthly"]["mortgage_insurance"] == 0.0


def test_usda_fees_apply_to_the_loan_with_its_fee():
    from calculators.mortgage import year_one_average_balance

    result = run(loan_type="usda", price=280_000, down_payment=0)
    assert result["financed_fees"] == pytest.approx(2800)
    expected = 0.0035 * year_one_average_balance(282_800, 0.0675, 30) / 12
    assert result["monthly"]["mortgage_insurance"] == pytest.approx(expected)
    assert codes(result) == {"usda_area_check": "warning"}
    assert result["eligible"] is True


# down payment, credit score, pmi_rate override, expected annual MI rate on the base loan
CONVENTIONAL_MI = [
    (80_000, 700, None, 0.0),  # LTV 80% exactly: no MI
    (60_000, 700, None, 0.0033),  # LTV 85%: the 80.01-85% band, 680-719
    (40_000, 780, None, 0.0039),  # LTV 90%: the 85.01-90% band, 760+
    (20_000, 620, None, 0.0115),  # LTV 95%
    (20_000, None, None, 0.0115),  # credit unknown: the band's highest rate
    (12_000, 700, None, 0.0131),  # LTV 97%
    (20_000, 700, 0.005, 0.005),  # the counselor's own rate wins
]


@pytest.mark.parametrize("down,credit,pmi,rate", CONVENTIONAL_MI)
def test_conventional_mortgage_insurance(down, credit, pmi, rate):
    result = run(
        loan_type="conventional", price=400_000, down_payment=down, credit_score=credit, pmi_rate=pmi
    )
    assert result["monthly"]["mortgage_insurance"] == pytest.approx(rate * (400_000 - down) / 12)


def test_conventional_mi_unknown_says_verify():
    """97% LTV with a 650 score has no published rate: no number invented, a warning instead."""
    result = run(loan_type="conventional", price=400_000, down_payment=12_000, credit_score=650)
    assert result["monthly"]["mortgage_insurance"] == 0.0
    assert codes(result)["mortgage_insurance_unknown"] == "warning"
