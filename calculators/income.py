"""Income tracker: pay on any schedule, or month by month when it is irregular, made monthly and yearly."""

from __future__ import annotations

from calculators import InputError, check_keys, number

# Pay periods in a year; monthly = amount * periods / 12 (a biweekly check is not "twice a month").
PERIODS_PER_YEAR = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12, "annual": 1}
FREQUENCIES = (*PERIODS_PER_YEAR, "irregular")
# How the money arrives: cash in hand, a check or deposit, or help that is not money (SNAP, WIC).
FORMS = ("cash", "deposit", "non_cash")
SOURCE_KEYS = frozenset({"name", "amount", "frequency", "form", "by_month"})


def monthly_amount(amount: float, frequency: str) -> float:
    """One pay amount on a schedule, as an average month."""
    if frequency not in PERIODS_PER_YEAR:
        raise InputError("unknown_frequency", "frequency", str(frequency))
    return amount * PERIODS_PER_YEAR[frequency] / 12


def _by_month(source: dict, row: int) -> list[float]:
    """The twelve months of an irregular or seasonal income (missing months count as 0)."""
    months = source.get("by_month")
    if not isinstance(months, (list, tuple)) or not 1 <= len(months) <= 12:
        raise InputError("missing_field", "by_month", str(row))
    values = []
    for value in months:
        values.append(number({"by_month": 0.0 if value is None else value}, "by_month"))
    return values + [0.0] * (12 - len(values))


def income_summary(sources: list[dict]) -> dict:
    """Every income source normalized to monthly and annual, with cash and non-cash parts and a 12-month view."""
    if not isinstance(sources, list):
        raise InputError("not_a_list", "income")
    rows = []
    by_month = [0.0] * 12
    parts = dict.fromkeys(FORMS, 0.0)
    for row, source in enumerate(sources, start=1):
        try:
            check_keys(source, SOURCE_KEYS, ("frequency",))
        except InputError as error:
            raise InputError(error.code, error.field, str(row)) from None
        frequency = source["frequency"]
        form = source.get("form", "deposit")
        if form not in FORMS:
            raise InputError("unknown_form", "form", str(row))
        if frequency == "irregular":
            months = _by_month(source, row)
        elif frequency in PERIODS_PER_YEAR:
            try:
                amount = number(source, "amount", 0.0)
            except InputError as error:
                raise InputError(error.code, "amount", str(row)) from None
            months = [monthly_amount(amount, frequency)] * 12
        else:
            raise InputError("unknown_frequency", "frequency", str(row))
        annual = sum(months)
        for i, value in enumerate(months):
            by_month[i] += value
        parts[form] += annual / 12
        rows.append(
            {
                "name": str(source.get("name") or ""),
                "frequency": frequency,
                "form": form,
                "monthly": annual / 12,
                "annual": annual,
            }
        )
    annual = sum(by_month)
    return {
        "sources": rows,
        "monthly": annual / 12,
        "annual": annual,
        "cash_monthly": parts["cash"],
        "deposit_monthly": parts["deposit"],
        "non_cash_monthly": parts["non_cash"],
        "by_month": by_month,
        "lowest_month": min(by_month),
        "highest_month": max(by_month),
        "irregular": any(r["frequency"] == "irregular" for r in rows)
        or max(by_month) - min(by_month) > 0.005,
    }
