"""Turn pay as people know it (by the hour, week, two weeks, ...) into gross monthly income."""

from __future__ import annotations

from calculators import InputError, number

# Paychecks per year; monthly income is a year's pay divided by 12 (lenders' way, not 4 weeks a month).
PER_YEAR = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12, "yearly": 1}
FREQUENCIES = ("hourly", *PER_YEAR)


def monthly_income(amount: float, frequency: str, hours_per_week: float = 40.0) -> float:
    """Gross monthly income from one pay amount: hourly pay needs the usual hours worked per week."""
    amount = number({"amount": amount}, "amount")
    if frequency not in FREQUENCIES:
        raise InputError("unknown_frequency", "frequency", str(frequency))
    if frequency == "hourly":
        hours = number({"hours_per_week": hours_per_week}, "hours_per_week", maximum=168)
        return amount * hours * 52 / 12
    return amount * PER_YEAR[frequency] / 12
