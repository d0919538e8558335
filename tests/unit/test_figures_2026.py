"""The figures in force on 2026-12-05, each from its source, and staleness named next to a result."""

from __future__ import annotations

import datetime as dt

import pytest

from calculators import tenancy
from calculators.affordability.price import analyze
from ui.staleness import is_old, old_figures

FHA = {"loan_type": "fha", "annual_rate": 0.065, "gross_monthly_income": 60_000.0, "credit_score": 700}


# date, price, down payment, loan_over_limit expected (HUD ML 2025-23: $1,249,125 one unit in 2026)
@pytest.mark.parametrize(
    "as_of,price,down,over",
    [
        ("2026-03-01", 1_300_000.0, 45_500.0, True),  # base loan $1,254,500 is over the 2026 ceiling
        ("2026-03-01", 1_294_000.0, 45_290.0, False),  # $1,248,710 fits
        ("2025-06-01", 1_250_000.0, 43_750.0, False),  # 2025 ceiling $1,209,750 vs $1,206,250
    ],
)
def test_fha_limit_2026(as_of, price, down, over):
    result = analyze({**FHA, "price": price, "down_payment": down, "as_of": as_of})
    codes = {i["code"] for i in result["issues"]}
    assert ("loan_over_limit" in codes) is over
    assert "loan_limit_unknown" not in codes


@pytest.mark.parametrize(
    "facts,rate",
    [({"year_built": 1970}, 0.041), ({"year_built": 1970, "elderly_or_disabled": True}, 0.021)],
)
def test_dc_rent_cap_2026_is_the_exact_yearly_figure(facts, rate):
    cap = tenancy.rent_increase_cap("dc", "2026-06-01", **facts)
    assert (cap["max_rate"], cap["exact"], cap["capped"]) == (pytest.approx(rate), True, True)


@pytest.mark.parametrize(
    "place,day", [("dc", "2027-06-01"), ("montgomery_md", "2026-08-01"), ("takoma_park_md", "2026-08-01")]
)
def test_a_year_with_no_figure_is_unknown_not_the_ceiling(place, day):
    cap = tenancy.rent_increase_cap(place, day)
    assert cap["max_rate"] is None and cap["exact"] is False and cap["capped"] is True


TODAY = dt.date(2026, 12, 5)


@pytest.mark.parametrize(
    "entry,old",
    [
        ({"verified_on": "2025-12-04"}, True),  # 366 days
        ({"verified_on": "2025-12-05"}, False),
        ({"verified_on": "2026-12-05", "effective_to": "2026-12-05"}, True),  # its period is over
        ({"verified_on": "2026-12-05", "effective_to": "2027-01-01"}, False),
    ],
)
def test_is_old(entry, old):
    assert is_old(entry, TODAY) is old


def test_old_figures_names_only_sourced_figures_the_result_used():
    assumptions = [
        {"field": "loan_limit", "source_url": "https://x", "verified_on": "2024-06-01"},
        {"field": "annual_insurance", "source_url": "https://x", "verified_on": "2026-11-27"},
        {"field": "term_years", "source_url": None, "verified_on": None},
    ]
    assert [a["field"] for a in old_figures(assumptions, TODAY)] == ["loan_limit"]


# HUD's FY2026 median for the Washington metro was not found (searched 2026-12-05): FY2025's ends
# when FY2026 was due, and the median is unknown after it, never last year's figure used as current.
@pytest.mark.parametrize(
    "as_of,median",
    [("2025-04-01", 163900), ("2026-03-31", 163900), ("2026-04-01", None), ("2026-12-05", None)],
)
def test_the_median_is_unknown_once_its_fiscal_year_is_over(as_of, median):
    from calculators import InputError
    from calculators.ami import ami_percent

    if median is None:
        with pytest.raises(InputError) as err:
            ami_percent("dc", 4, 80_000, as_of)
        assert err.value.code == "no_rule_in_force"
    else:
        assert ami_percent("dc", 4, median * 0.8, as_of) == pytest.approx(80.0)


@pytest.mark.parametrize(
    "program,jurisdiction",
    [("dc_hpap", "dc"), ("va_housing_grant", "arlington_va"), ("va_fairfax_fthb", "fairfax_va")],
)
def test_programs_whose_limit_follows_the_median_say_unknown_not_over(program, jurisdiction):
    from calculators.assistance.screen import screen

    household = {
        "jurisdiction": jurisdiction,
        "household_size": 4,
        "annual_household_income": 90_000,
        "liquid_assets": 5_000,
        "first_time_buyer": True,
        "id_type": "ssn",
        "residency": "citizen",
        "credit_score": 700,
    }
    entry = next(r for r in screen(household, None, "2026-12-05") if r["program"] == program)
    assert entry["ami_percent"] is None and entry["income_limit"] is None
    assert "income_limit_unknown" in entry["reasons"] and "income_over_limit" not in entry["reasons"]
    # the same household in FY2025, when the median was on file, gets a percent
    before = next(r for r in screen(household, None, "2025-06-01") if r["program"] == program)
    assert before["ami_percent"] == pytest.approx(100 * 90_000 / 163_900)


# Program dollar limits tied to a year's median: used while in their year, unknown after, never stretched.
@pytest.mark.parametrize(
    "program,jurisdiction,as_of,limit",
    [
        ("dc_open_doors", "dc", "2025-06-01", 216580.0),
        ("dc_open_doors", "dc", "2026-01-14", 216580.0),
        ("dc_open_doors", "dc", "2026-01-15", None),
        ("va_arlington_mipap", "arlington_va", "2025-06-01", 131120.0),
        ("va_arlington_mipap", "arlington_va", "2026-06-01", None),
        ("md_mmp_6000", "montgomery_md", "2026-12-05", None),
    ],
)
def test_program_limits_end_with_their_year(program, jurisdiction, as_of, limit):
    from calculators.assistance.screen import screen

    household = {
        "jurisdiction": jurisdiction,
        "household_size": 4,
        "annual_household_income": 90_000,
        "liquid_assets": 5_000,
        "first_time_buyer": True,
        "id_type": "ssn",
        "residency": "citizen",
        "credit_score": 700,
    }
    entry = next(r for r in screen(household, None, as_of) if r["program"] == program)
    assert entry["income_limit"] == limit
    assert ("income_limit_unknown" in entry["reasons"]) is (limit is None)
