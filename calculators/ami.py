"""Area median income for the Washington HUD metro area: the published median and HUD's size adjustment."""

from __future__ import annotations

from calculators import InputError, number, rules

METRO_JURISDICTIONS = (
    "dc",
    "montgomery_md",
    "prince_georges_md",
    "arlington_va",
    "fairfax_va",
    "alexandria_va",
)


def median_row(jurisdiction: str, as_of=None) -> dict:
    """The HUD median-family-income row in force for a jurisdiction of the Washington metro area."""
    if jurisdiction not in METRO_JURISDICTIONS:
        raise InputError("unknown_jurisdiction", "jurisdiction")
    return rules.rule("ami", "median", as_of, area="washington_metro")


def size_factor(household_size: int, as_of=None) -> float:
    """HUD's share of the 4-person median for a household size (0.70 for one person ... +0.08 past eight)."""
    row = rules.rule("ami", "size_factors", as_of)
    factors = row["factors"]
    if household_size <= len(factors):
        return float(factors[household_size - 1])
    return float(factors[-1]) + row["per_person_over_8"] * (household_size - len(factors))


def check_size(value) -> int:
    """A whole household size from 1 to 20."""
    size = number({"household_size": value}, "household_size", minimum=1, maximum=20)
    if size is None:
        raise InputError("missing_field", "household_size")
    if size != int(size):
        raise InputError("not_a_whole_number", "household_size")
    return int(size)


def adjusted_median(jurisdiction: str, household_size: int, as_of=None) -> float:
    """The median income for this household size: 4-person median times HUD's size factor."""
    size = check_size(household_size)
    return median_row(jurisdiction, as_of)["median_family_income"] * size_factor(size, as_of)


def ami_percent(jurisdiction: str, household_size: int, annual_income: float, as_of=None) -> float:
    """Income as a percent of the area median family income, adjusted for household size the HUD way."""
    income = number({"annual_income": annual_income}, "annual_income")
    if income is None:
        raise InputError("missing_field", "annual_income")
    return 100.0 * income / adjusted_median(jurisdiction, household_size, as_of)


def income_limit_at(percent: float, jurisdiction: str, household_size: int, as_of=None) -> float:
    """A program limit set as a percent of the median, for this household size (HUD method, no rounding)."""
    return percent / 100.0 * adjusted_median(jurisdiction, household_size, as_of)
