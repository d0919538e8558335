"""calculators.affordability: issues at each rule's boundary, bad input named by field, defaults with sources."""

from __future__ import annotations

import pytest

from calculators import InputError
from calculators.affordability.price import analyze
from tests.unit.test_affordability import BASE, codes, run

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
