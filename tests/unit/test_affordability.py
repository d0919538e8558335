"""calculators.affordability: the shared reference cases, each rule at its boundary, issues, errors, properties."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError
from calculators.affordability.max_price import _failures as failures
from calculators.affordability.max_price import max_price, resolve_for_max_price
from calculators.affordability.price import analyze, is_finite_result
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


# loan type, changes, as_of, issue code expected, severity (None: the code must be absent)
ELIGIBILITY = [
    ("fha", {"id_type": "itin"}, "2026-06-01", "ssn_required", "blocker"),
    ("fha", {"residency": "non_permanent_resident"}, "2025-05-24", "residency_ineligible", None),
    ("fha", {"residency": "non_permanent_resident"}, "2025-05-25", "residency_ineligible", "blocker"),
    ("fha", {"residency": "permanent_resident"}, "2026-06-01", "residency_ineligible", None),
    ("conventional", {"residency": "non_permanent_resident"}, "2026-06-01", "residency_ineligible", None),
    (
        "conventional",
        {"id_type": "itin", "down_payment": 80_000},
        "2026-06-01",
        "itin_lender_overlay",
        "warning",
    ),
    ("conventional", {"id_type": "itin"}, "2026-06-01", "ssn_required", None),
    ("itin", {"id_type": "itin", "down_payment": 60_000}, "2026-06-01", "ssn_required", None),
    ("va", {}, "2026-06-01", "va_eligibility_required", "blocker"),
    ("va", {"veteran": True}, "2026-06-01", "va_eligibility_required", None),
    ("usda", {}, "2026-06-01", "usda_area_check", "warning"),
    ("conventional", {"credit_score": 619}, "2026-06-01", "credit_score_below_minimum", "blocker"),
    ("conventional", {"credit_score": 620}, "2026-06-01", "credit_score_below_minimum", None),
    ("fha", {"credit_score": 499}, "2026-06-01", "credit_score_below_minimum", "blocker"),
    ("fha", {"credit_score": 550}, "2026-06-01", "down_payment_below_minimum", "blocker"),  # needs 10%
    ("fha", {"credit_score": 550, "down_payment": 40_000}, "2026-06-01", "down_payment_below_minimum", None),
    ("fha", {"credit_score": 580}, "2026-06-01", "down_payment_below_minimum", None),
    ("itin", {"down_payment": 39_999}, "2026-06-01", "down_payment_below_minimum", "blocker"),
    (
        "itin",
        {"down_payment": 20_000, "min_down_rate": 0.05},
        "2026-06-01",
        "down_payment_below_minimum",
        None,
    ),
    ("fha", {"cash_available": 25_999}, "2026-06-01", "cash_short", "blocker"),
    ("fha", {"cash_available": 26_000}, "2026-06-01", "cash_short", None),
    ("fha", {"cash_available": 30_000, "reserves": 5_000}, "2026-06-01", "cash_short", "blocker"),
    ("fha", {}, "2027-06-01", "loan_limit_unknown", "warning"),  # no 2027 FHA limit published yet
    ("fha", {}, "2026-06-01", "loan_limit_unknown", None),  # HUD ML 2025-23
    ("fha", {}, "2025-06-01", "loan_limit_unknown", None),
    (
        "conventional",
        {"price": 1_400_000, "down_payment": 140_000, "gross_monthly_income": 90_000},
        "2026-06-01",
        "loan_over_limit",
        "blocker",
    ),
    (
        "conventional",
        {"price": 1_380_000, "down_payment": 140_000, "gross_monthly_income": 90_000},
        "2026-06-01",
        "loan_over_limit",
        None,
    ),
    ("fha", {"gross_monthly_income": 7000}, "2026-06-01", "front_dti_over_limit", "blocker"),
    ("fha", {"monthly_debts": 900}, "2026-06-01", "back_dti_over_limit", "blocker"),
    ("fha", {"monthly_debts": 900, "back_limit": 0.569}, "2026-06-01", "back_dti_over_limit", None),
]


@pytest.mark.parametrize("loan_type,changes,as_of,code,severity", ELIGIBILITY)
def test_issues(loan_type, changes, as_of, code, severity):
    result = run(loan_type=loan_type, as_of=as_of, **changes)
    assert codes(result).get(code) == severity
    assert result["eligible"] == (not any(s == "blocker" for s in codes(result).values()))


# changes, error code, field
BAD_INPUT = [
    ({"monthly_debts": -1}, "negative_amount", "monthly_debts"),
    ({"annual_rate": 0.2001}, "rate_out_of_range", "annual_rate"),
    ({"annual_rate": -0.01}, "rate_out_of_range", "annual_rate"),
    ({"annual_rate": "abc"}, "not_a_number", "annual_rate"),
    ({"term_years": 9}, "term_out_of_range", "term_years"),
    ({"term_years": 41}, "term_out_of_range", "term_years"),
    ({"down_payment": 400_001}, "down_payment_over_price", "down_payment"),
    ({"down_payment": -5}, "negative_amount", "down_payment"),
    ({"gross_monthly_income": 0}, "no_income", "gross_monthly_income"),
    ({"gross_monthly_income": None}, "no_income", "gross_monthly_income"),
    ({"gross_monthly_income": -100}, "no_income", "gross_monthly_income"),
    ({"price": None}, "missing_field", "price"),
    ({"typo": 1}, "unknown_field", "typo"),
    ({"loan_type": "jumbo"}, "unknown_loan_type", "loan_type"),
    ({"jurisdiction": "baltimore"}, "unknown_jurisdiction", "jurisdiction"),
    ({"jurisdiction": "montgomery_md", "property_tax_rate": None}, "needs_value", "property_tax_rate"),
    ({"jurisdiction": "other", "annual_insurance": None}, "needs_value", "annual_insurance"),
    ({"credit_score": 900}, "out_of_range", "credit_score"),
    ({"as_of": "2020-01-01"}, "no_rule_in_force", "as_of"),
    ({"as_of": "not a date"}, "bad_date", "as_of"),
    ({"veteran": "yes"}, "not_a_boolean", "veteran"),
    ({"residency": "tourist"}, "unknown_residency", "residency"),
    ({"front_limit": 1.5}, "out_of_range", "front_limit"),
]


@pytest.mark.parametrize("changes,code,field", BAD_INPUT)
def test_bad_input_names_the_field(changes, code, field):
    with pytest.raises(InputError) as err:
        run(**changes)
    assert (err.value.code, err.value.field) == (code, field)


def test_zero_rate_is_allowed_by_the_calculator():
    assert run(annual_rate=0.0)["monthly"]["principal_interest"] == pytest.approx(386_000 * 1.0175 / 360)


def test_defaults_are_listed_with_their_sources():
    scenario = {
        k: v
        for k, v in BASE.items()
        if k not in ("property_tax_rate", "annual_insurance", "closing_cost_rate")
    }
    result = analyze(scenario)
    used = {a["field"]: a for a in result["assumptions"]}
    assert (
        used["property_tax_rate"]["value"] == 0.0085
        and "otr.cfo.dc.gov" in used["property_tax_rate"]["source_url"]
    )
    # DC's TY2026 homestead amount is not on file: left out and marked unknown, not TY2025's used
    assert used["homestead_deduction"] == {**used["homestead_deduction"], "value": 0.0, "unknown": True}
    assert used["annual_insurance"]["value"] == 1482
    assert used["closing_cost_rate"]["value"] == 0.03
    assert used["front_limit"]["value"] == 0.31 and used["back_limit"]["value"] == 0.43
    assert used["term_years"] == {**used["term_years"], "value": 30, "source_url": None}
    assert result["monthly"]["property_tax"] == pytest.approx(400_000 * 0.0085 / 12)


@pytest.mark.parametrize(
    "as_of,deduction,unknown",
    [("2025-06-01", 89850, False), ("2025-09-30", 89850, False), ("2025-10-01", 0.0, True)],
)
def test_dc_homestead_deduction_only_in_its_tax_year(as_of, deduction, unknown):
    scenario = {k: v for k, v in BASE.items() if k != "property_tax_rate"} | {"as_of": as_of}
    result = analyze(scenario)
    used = {a["field"]: a for a in result["assumptions"]}
    assert used["homestead_deduction"]["value"] == deduction
    assert used["homestead_deduction"].get("unknown", False) is unknown
    # DC's deduction is taken off before tax: (400,000 - 89,850) * 0.85% / 12
    assert result["monthly"]["property_tax"] == pytest.approx((400_000 - deduction) * 0.0085 / 12)


def test_no_homestead_deduction_outside_dc_is_not_unknown():
    scenario = {k: v for k, v in BASE.items() if k != "property_tax_rate"} | {"jurisdiction": "alexandria_va", "as_of": "2025-06-01"}
    used = {a["field"]: a for a in analyze(scenario)["assumptions"]}
    assert used["homestead_deduction"]["value"] == 0.0 and "unknown" not in used["homestead_deduction"]
    assert "property_tax_rate" not in {a["field"] for a in run()["assumptions"]}


def test_limits_show_guideline_and_program_maximum():
    limits = run()["limits"]
    assert (limits["front_guideline"], limits["back_guideline"]) == (0.31, 0.43)
    assert (limits["front_max"], limits["back_max"]) == (0.469, 0.569)
    va = run(loan_type="va", veteran=True)["limits"]
    assert va["front"] is None and va["back"] == 0.41


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
