"""Who each program takes: boundaries of income (every size, limit and $1 over), price, first-time,
SSN/ITIN, residency, credit, area and employer."""

import pytest

from calculators.assistance.inputs import PROGRAM_IDS
from calculators.assistance.screen import screen

AS_OF = "2025-06-01"
MONTGOMERY_2024 = [185640, 185640, 216580, 216580, 216580, 216580, 216580, 216580]
VH_GRANT = [141000, 141000, 164000, 164000, 164000, 164000, 164000, 164000]
ARLINGTON_2025 = [91840, 104960, 118080, 131120, 141680, 152160, 162640, 173120]


def household(**changes):
    base = {
        "jurisdiction": "montgomery_md",
        "household_size": 4,
        "annual_household_income": 90000,
        "liquid_assets": 5000,
        "first_time_buyer": True,
        "id_type": "ssn",
        "residency": "citizen",
        "credit_score": 700,
    }
    return {**base, **changes}


def entry(program, hh, purchase=None, as_of=AS_OF):
    return next(r for r in screen(hh, purchase, as_of) if r["program"] == program)


def income_cases(program, jurisdiction, table):
    for size, limit in enumerate(table, 1):
        yield pytest.param(program, jurisdiction, size, limit, False, id=f"{program}-{size}-at")
        yield pytest.param(program, jurisdiction, size, limit + 1, True, id=f"{program}-{size}-over")


@pytest.mark.parametrize(
    "program,jurisdiction,size,income,over",
    [
        *income_cases("md_mmp_6000", "montgomery_md", MONTGOMERY_2024),
        *income_cases("va_housing_grant", "fairfax_va", VH_GRANT),
        *income_cases("va_arlington_mipap", "arlington_va", ARLINGTON_2025),
    ],
)
def test_income_limit_by_household_size(program, jurisdiction, size, income, over):
    e = entry(
        program, household(jurisdiction=jurisdiction, household_size=size, annual_household_income=income)
    )
    assert ("income_over_limit" in e["reasons"]) is over
    if program != "va_arlington_mipap":  # Arlington's program is closed whatever the income
        assert e["eligible"] is not over


def test_ninth_person_uses_the_eight_person_limit():
    assert entry("md_mmp_6000", household(household_size=9, annual_household_income=216580))["eligible"]
    assert not entry("md_mmp_6000", household(household_size=9, annual_household_income=216581))["eligible"]


@pytest.mark.parametrize(
    "income,borrower,eligible",
    [(216580, None, True), (216581, None, False), (300000, 216580, True), (300000, 216581, False)],
)
def test_open_doors_counts_the_borrowers_income_only(income, borrower, eligible):
    hh = household(jurisdiction="dc", annual_household_income=income)
    if borrower is not None:
        hh["borrower_annual_income"] = borrower
    assert (
        entry("dc_open_doors", hh, {"price": 400000.0, "loan_type": "conventional"})["eligible"] is eligible
    )


@pytest.mark.parametrize(
    "size,percent,eligible",
    [(1, 110, True), (1, 110.01, False), (4, 110, True), (4, 110.01, False), (8, 50, True)],
)
def test_hpap_takes_up_to_110_percent_of_median(size, percent, eligible):
    factor = [0.70, 0.80, 0.90, 1.00, 1.08, 1.16, 1.24, 1.32][size - 1]
    income = 163900 * factor * percent / 100
    e = entry("dc_hpap", household(jurisdiction="dc", household_size=size, annual_household_income=income))
    assert e["eligible"] is eligible


@pytest.mark.parametrize(
    "price,new_construction,over",
    [(432000, False, False), (432001, False, True), (467000, True, False), (467001, True, True)],
)
def test_pathway_price_limit_resale_and_new(price, new_construction, over):
    hh = household(jurisdiction="prince_georges_md", annual_household_income=80000)
    e = entry("md_pg_pathway", hh, {"price": float(price), "new_construction": new_construction})
    assert ("price_over_limit" in e["reasons"]) is over
    assert e["eligible"] is not over


@pytest.mark.parametrize("price,over", [(750000, False), (750001, True)])
def test_virginia_grant_price_limit(price, over):
    e = entry("va_housing_grant", household(jurisdiction="alexandria_va"), {"price": float(price)})
    assert ("price_over_limit" in e["reasons"]) is over


@pytest.mark.parametrize("assets,over", [(60000, False), (60001, True)])
def test_mmp_assets_at_most_a_fifth_of_price(assets, over):
    e = entry("md_mmp_6000", household(liquid_assets=assets), {"price": 300000.0})
    assert ("assets_over_limit" in e["reasons"]) is over


@pytest.mark.parametrize(
    "program,jurisdiction,required",
    [
        ("dc_hpap", "dc", True),
        ("dc_open_doors", "dc", False),
        ("dc_eahp", "dc", True),
        ("md_mmp_6000", "montgomery_md", True),
        ("md_mmp_percent", "prince_georges_md", True),
        ("md_montgomery_mhp", "montgomery_md", True),
        ("md_pg_pathway", "prince_georges_md", True),
        ("va_housing_grant", "arlington_va", True),
        ("va_arlington_mipap", "arlington_va", True),
        ("va_alexandria_fhap", "alexandria_va", True),
        ("va_fairfax_fthb", "fairfax_va", True),
    ],
)
def test_first_time_rule(program, jurisdiction, required):
    e = entry(program, household(jurisdiction=jurisdiction, first_time_buyer=False, employer="dc_government"))
    assert ("not_first_time_buyer" in e["reasons"]) is required


@pytest.mark.parametrize(
    "program,jurisdiction,purchase,code",
    [
        ("md_mmp_6000", "montgomery_md", None, "ssn_required"),
        ("md_mmp_percent", "montgomery_md", None, "ssn_required"),
        ("md_montgomery_mhp", "montgomery_md", None, "ssn_required"),
        ("dc_hpap", "dc", None, "id_rule_unknown"),
        ("dc_open_doors", "dc", {"loan_type": "conventional"}, "id_rule_unknown"),
        ("dc_open_doors", "dc", {"loan_type": "fha"}, "ssn_required"),
        ("va_housing_grant", "fairfax_va", {"loan_type": "fha"}, "ssn_required"),
        ("md_pg_pathway", "prince_georges_md", None, "id_rule_unknown"),
        ("va_fairfax_fthb", "fairfax_va", None, "id_rule_unknown"),
    ],
)
def test_an_itin_household_is_never_told_yes_without_a_published_rule(program, jurisdiction, purchase, code):
    e = entry(program, household(jurisdiction=jurisdiction, id_type="itin"), purchase)
    assert code in e["reasons"]
    assert e["eligible"] is False
    assert entry(program, household(jurisdiction=jurisdiction), purchase)["reasons"].count(code) == 0


@pytest.mark.parametrize(
    "residency,as_of,out",
    [
        ("non_permanent_resident", "2025-05-24", False),
        ("non_permanent_resident", "2025-05-25", True),
        ("permanent_resident", "2025-05-25", False),
        ("citizen", "2026-01-01", False),
    ],
)
def test_fha_path_follows_hud_residency_rule(residency, as_of, out):
    hh = household(jurisdiction="dc", residency=residency)
    e = entry("dc_open_doors", hh, {"price": 400000.0, "loan_type": "fha"}, as_of=as_of)
    assert ("residency_ineligible" in e["reasons"]) is out
    assert e["eligible"] is not out


def test_mmp_takes_non_permanent_residents_with_an_ssn():
    assert entry("md_mmp_6000", household(residency="non_permanent_resident"))["eligible"]


@pytest.mark.parametrize(
    "program,jurisdiction,loan,score,low",
    [
        ("dc_open_doors", "dc", "conventional", 639, True),
        ("dc_open_doors", "dc", "conventional", 640, False),
        ("va_housing_grant", "arlington_va", "fha", 619, True),
        ("va_housing_grant", "arlington_va", "fha", 620, False),
        ("va_housing_grant", "arlington_va", "conventional", 639, True),
        ("va_housing_grant", "arlington_va", "conventional", 640, False),
        ("va_fairfax_fthb", "fairfax_va", None, 619, True),
        ("va_fairfax_fthb", "fairfax_va", None, 620, False),
    ],
)
def test_credit_minimum(program, jurisdiction, loan, score, low):
    purchase = {"price": 400000.0, "loan_type": loan} if loan else None
    hh = household(jurisdiction=jurisdiction, credit_score=score, annual_household_income=60000)
    e = entry(program, hh, purchase)
    assert ("credit_score_below_minimum" in e["reasons"]) is low
    assert e["eligible"] is not low


@pytest.mark.parametrize(
    "program,loan,allowed",
    [
        ("va_arlington_mipap", "fha", False),
        ("va_arlington_mipap", "conventional", True),
        ("dc_open_doors", "va", False),
    ],
)
def test_first_mortgage_type(program, loan, allowed):
    jurisdiction = "arlington_va" if program.startswith("va") else "dc"
    e = entry(
        program, household(jurisdiction=jurisdiction, annual_household_income=60000), {"loan_type": loan}
    )
    assert ("loan_type_not_allowed" in e["reasons"]) is not allowed


@pytest.mark.parametrize(
    "employer,eligible", [("dc_government", True), ("none", False), ("montgomery_county", False)]
)
def test_eahp_is_for_dc_government_employees(employer, eligible):
    e = entry("dc_eahp", household(jurisdiction="dc", employer=employer, annual_household_income=400000))
    assert e["eligible"] is eligible
    assert ("employer_required" in e["reasons"]) is not eligible


def test_arlington_program_is_shown_closed():
    e = entry("va_arlington_mipap", household(jurisdiction="arlington_va", annual_household_income=50000))
    assert e["eligible"] is False and "program_closed" in e["reasons"]


@pytest.mark.parametrize("income,eligible", [(24999, False), (25000, True)])
def test_fairfax_needs_a_minimum_income(income, eligible):
    e = entry(
        "va_fairfax_fthb",
        household(jurisdiction="fairfax_va", household_size=1, annual_household_income=income),
    )
    assert e["eligible"] is eligible


@pytest.mark.parametrize(
    "jurisdiction",
    ["dc", "montgomery_md", "prince_georges_md", "arlington_va", "fairfax_va", "alexandria_va", "other"],
)
def test_every_program_is_listed_and_out_of_area_ones_say_so(jurisdiction):
    results = screen(household(jurisdiction=jurisdiction), None, AS_OF)
    assert [r["program"] for r in results] == list(PROGRAM_IDS)
    for r in results:
        assert (jurisdiction in r["jurisdiction"]) is ("wrong_area" not in r["reasons"])
        assert r["source_url"].startswith("https://")


def test_programs_before_their_start_are_closed():
    e = entry("md_pg_pathway", household(jurisdiction="prince_georges_md"), None, as_of="2010-01-01")
    assert e["eligible"] is False and e["reasons"] == ["program_closed"]
