"""Area median income: HUD's size adjustment on the published Washington-metro median."""

import math

import pytest

from calculators import InputError
from calculators.ami import adjusted_median, ami_percent

FY2024 = "2024-06-01"
MEDIAN_2024 = 154700


@pytest.mark.parametrize(
    "size,factor",
    [
        (1, 0.70),
        (2, 0.80),
        (3, 0.90),
        (4, 1.00),
        (5, 1.08),
        (6, 1.16),
        (7, 1.24),
        (8, 1.32),
        (9, 1.40),
        (10, 1.48),
    ],
)
def test_income_at_the_size_adjusted_median_is_100_percent(size, factor):
    assert ami_percent("dc", size, MEDIAN_2024 * factor, FY2024) == pytest.approx(100.0)
    assert adjusted_median("arlington_va", size, FY2024) == pytest.approx(MEDIAN_2024 * factor)


@pytest.mark.parametrize(
    "as_of,median",
    [
        ("2022-06-01", 142300),
        ("2023-06-01", 150700),
        ("2024-04-01", 154700),
        ("2025-03-31", 154700),
        ("2025-04-01", 163900),
    ],
)
def test_the_fiscal_year_in_force_gives_the_median(as_of, median):
    assert ami_percent("montgomery_md", 4, median * 0.8, as_of) == pytest.approx(80.0)


def test_a_bigger_household_at_the_same_income_is_a_lower_percent():
    assert ami_percent("dc", 5, 80000, FY2024) < ami_percent("dc", 4, 80000, FY2024)


@pytest.mark.parametrize(
    "args,code,field",
    [
        (("other", 4, 50000), "unknown_jurisdiction", "jurisdiction"),
        (("dc", 0, 50000), "out_of_range", "household_size"),
        (("dc", 2.5, 50000), "not_a_whole_number", "household_size"),
        (("dc", 4, -1), "negative_amount", "annual_income"),
        (("dc", 4, math.nan), "not_a_number", "annual_income"),
    ],
)
def test_bad_input_names_the_field(args, code, field):
    with pytest.raises(InputError) as err:
        ami_percent(*args, as_of=FY2024)
    assert (err.value.code, err.value.field) == (code, field)


def test_no_median_before_the_first_table():
    with pytest.raises(InputError) as err:
        ami_percent("dc", 4, 50000, "2020-01-01")
    assert err.value.code == "no_rule_in_force"
