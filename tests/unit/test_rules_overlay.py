"""Agency rows laid over the shipped tables: used from their date, the shipped rows kept around them."""

from __future__ import annotations

import datetime as dt

import pytest

from calculators import tenancy
from calculators.affordability.price import analyze
from calculators.rules import load, rule, shipped
from calculators.rules.overlay import AGENCY_MARK, AgencyRow, Overlay, merge, use

D = dt.date
SRC = "https://dhcd.dc.gov/page/rent-adjustment-provision"


def dc_allowance(rate, start, end=None, group="standard"):
    row = {
        "jurisdiction": "dc",
        "group": group,
        "rate": rate,
        "effective_from": start,
        "source_url": SRC,
        "verified_on": D(2027, 3, 1),
    }
    if end:
        row["effective_to"] = end
    return AgencyRow("tenancy", "rent_allowance", row)


def test_an_agency_rent_figure_gives_the_exact_cap_from_its_date_only():
    overlay = Overlay((dc_allowance(0.045, D(2027, 5, 1), D(2028, 5, 1)),))
    assert tenancy.rent_increase_cap("dc", "2027-06-01")["max_rate"] is None  # unknown without it
    with use(overlay):
        cap = tenancy.rent_increase_cap("dc", "2027-06-01")
        assert (cap["max_rate"], cap["exact"]) == (0.045, True)
        assert tenancy.rent_increase_cap("dc", "2026-06-01")["max_rate"] == pytest.approx(0.041)  # shipped
        assert tenancy.rent_increase_cap("dc", "2027-06-01", elderly_or_disabled=True)["max_rate"] is None
    assert tenancy.rent_increase_cap("dc", "2027-06-01")["max_rate"] is None  # nothing leaks out


def test_an_agency_row_replaces_the_shipped_row_from_its_date():
    fha = {**shipped("loans")["loan_limit"][-1], "amount": 1_300_000, "effective_from": D(2026, 7, 1)}
    fha.pop("note")
    with use(Overlay((AgencyRow("loans", "loan_limit", fha),))):
        rows = [r for r in load("loans")["loan_limit"] if r["program"] == "fha"]
        june = rule("loans", "loan_limit", "2026-06-30", program="fha")
        july = rule("loans", "loan_limit", "2026-07-01", program="fha")
        scenario = {"loan_type": "fha", "annual_rate": 0.065, "gross_monthly_income": 60_000.0}
        scenario.update(price=1_300_000.0, down_payment=45_500.0, as_of="2026-08-01", credit_score=700)
        assert analyze(scenario)["eligible"]  # $1,254,500 fits the agency's $1.3M
    assert (june["amount"], june.get(AGENCY_MARK)) == (1_249_125, None)
    assert (july["amount"], july[AGENCY_MARK]) == (1_300_000, True)
    assert sum(1 for r in rows if r["effective_from"] <= D(2026, 7, 1) < r.get("effective_to", D.max)) == 1
    assert shipped("loans")["loan_limit"][-1]["amount"] == 1_249_125  # the shipped data is untouched


# shipped rows (start, end), agency row (start, end), expected rows after the merge
MERGES = [
    ([(1, None)], (5, None), [(1, 5), (5, None)]),
    ([(1, None)], (5, 8), [(1, 5), (8, None), (5, 8)]),
    ([(1, 4), (4, None)], (2, 6), [(1, 2), (6, None), (2, 6)]),
    ([(6, 9)], (1, 3), [(6, 9), (1, 3)]),  # no overlap: the shipped row stays whole
    ([(3, 5)], (1, None), [(1, None)]),  # covered entirely: replaced
]


@pytest.mark.parametrize("ship,agency,expected", MERGES)
def test_merge_trims_the_shipped_series_around_the_agency_period(ship, agency, expected):
    def r(start, end):
        out = {"effective_from": D(2030, start, 1), "source_url": SRC, "verified_on": D(2030, 1, 1)}
        return {**out, "effective_to": D(2030, end, 1)} if end else out

    data = {"t": [r(*p) for p in ship]}
    merged = merge(data, [AgencyRow("f", "t", r(*agency))])
    got = [
        (x["effective_from"].month, x["effective_to"].month if x.get("effective_to") else None)
        for x in merged["t"]
    ]
    assert got == expected
    assert merged["t"][-1][AGENCY_MARK] is True


def test_other_series_are_untouched():
    overlay = Overlay((dc_allowance(0.03, D(2026, 5, 1)),))
    with use(overlay):
        assert tenancy.rent_increase_cap("dc", "2026-06-01")["max_rate"] == 0.03
        assert tenancy.rent_increase_cap("dc", "2026-06-01", elderly_or_disabled=True)["max_rate"] == 0.021
        assert tenancy.rent_increase_cap("montgomery_md", "2025-08-01")["max_rate"] == pytest.approx(0.057)
