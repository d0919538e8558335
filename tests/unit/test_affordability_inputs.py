"""Pure helpers behind the affordability page: pay to monthly income, and the defaults shown with sources."""

from __future__ import annotations

import pytest

from calculators import InputError
from calculators.affordability.inputs import defaults
from calculators.pay import monthly_income

# amount, frequency, hours a week, monthly income
PAY = [
    (20, "hourly", 40, 20 * 40 * 52 / 12),
    (18.5, "hourly", 30, 18.5 * 30 * 52 / 12),
    (800, "weekly", None, 800 * 52 / 12),
    (1600, "biweekly", None, 1600 * 26 / 12),
    (1500, "semimonthly", None, 3000),
    (4000, "monthly", None, 4000),
    (60000, "yearly", None, 5000),
    (0, "weekly", None, 0),
]


@pytest.mark.parametrize("amount,frequency,hours,monthly", PAY)
def test_pay_to_monthly_income(amount, frequency, hours, monthly):
    args = (amount, frequency) if hours is None else (amount, frequency, hours)
    assert monthly_income(*args) == pytest.approx(monthly)


@pytest.mark.parametrize(
    "args,code",
    [
        ((-5, "weekly"), "negative_amount"),
        ((20, "daily"), "unknown_frequency"),
        ((20, "hourly", 200), "out_of_range"),
    ],
)
def test_bad_pay(args, code):
    with pytest.raises(InputError) as err:
        monthly_income(*args)
    assert err.value.code == code


# loan type, jurisdiction, credit, date, field, expected value (None: nothing on file, the page asks for it)
DEFAULTS = [
    ("fha", "dc", None, "2026-06-01", "property_tax_rate", 0.0085),
    ("fha", "dc", None, "2025-06-01", "homestead_deduction", 89850),
    ("fha", "dc", None, "2026-06-01", "homestead_deduction", None),  # TY2026 amount not found
    ("fha", "dc", None, "2026-06-01", "annual_insurance", 1482),
    ("fha", "montgomery_md", None, "2026-06-01", "property_tax_rate", None),
    ("fha", "montgomery_md", None, "2026-06-01", "homestead_deduction", None),
    ("fha", "montgomery_md", None, "2026-06-01", "annual_insurance", 1685),
    ("fha", "fairfax_va", None, "2026-06-01", "annual_insurance", 1673),
    ("fha", "other", None, "2026-06-01", "annual_insurance", None),
    ("fha", "dc", 550, "2026-06-01", "min_down_rate", 0.10),
    ("fha", "dc", 600, "2026-06-01", "min_down_rate", 0.035),
    ("itin", "dc", None, "2026-06-01", "min_down_rate", 0.10),
    ("fha", "dc", None, "2026-06-01", "back_max", 0.569),
    ("va", "dc", None, "2026-06-01", "front_limit", None),
    ("conventional", "dc", None, "2026-06-01", "loan_limit", 1249125),
    ("conventional", "dc", None, "2025-06-01", "loan_limit", 1209750),
    ("fha", "dc", None, "2026-06-01", "loan_limit", 1249125),  # HUD ML 2025-23 ceiling
    ("fha", "dc", None, "2027-06-01", "loan_limit", None),  # not published yet
    ("fha", "arlington_va", None, "2026-06-01", "property_tax_rate", None),  # CY2026 rate not found
    ("fha", "fairfax_va", None, "2026-06-01", "property_tax_rate", None),
    ("fha", "alexandria_va", None, "2025-06-01", "property_tax_rate", 0.01135),
    ("conventional", "other", None, "2026-06-01", "loan_limit", None),
]


@pytest.mark.parametrize("loan_type,area,credit,day,field,value", DEFAULTS)
def test_defaults_shown_on_the_page(loan_type, area, credit, day, field, value):
    entry = defaults(loan_type, area, credit, day)[field]
    assert entry["value"] == value
    if value is None:
        assert entry["source_url"] is None
    else:
        assert entry["source_url"].startswith("https://") and entry["verified_on"]
