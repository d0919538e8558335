"""Cash-flow calendar (YMYG "Bill calendar"): paydays against bill due dates, week by week in one month."""

from __future__ import annotations

import calendar
import datetime as dt

from calculators import InputError, check_keys, number

# Weeks of the month as counselors fill the paper calendar: days 1-7, 8-14, 15-21, 22-28, 29-end.
WEEK_STARTS = (1, 8, 15, 22, 29)
PAY_STEP_DAYS = {"weekly": 7, "biweekly": 14}


def _day(value, field: str, row: int, last: int) -> int:
    """A day of the month; a due day past the month's end (e.g. the 31st in April) falls on the last day."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 31:
        raise InputError("bad_day", field, str(row))
    return min(value, last)


def pay_days(frequency: str, first_day: int, year: int, month: int) -> list[int]:
    """The days of `month` on which a paycheck lands, counting from the first payday in that month."""
    last = calendar.monthrange(year, month)[1]
    first = min(first_day, last)
    if frequency in PAY_STEP_DAYS:
        return list(range(first, last + 1, PAY_STEP_DAYS[frequency]))
    if frequency == "semimonthly":
        # The usual 15th and last day, whatever the first payday says.
        return [15, last]
    if frequency in ("monthly", "once"):
        return [first]
    raise InputError("unknown_frequency", "frequency")


def cash_flow_calendar(
    year: int, month: int, starting_balance: float, incomes: list[dict], bills: list[dict]
) -> dict:
    """Money in and out per week of the month with the running balance; weeks ending below zero are flagged."""
    if (
        not isinstance(year, int)
        or not isinstance(month, int)
        or not 1 <= month <= 12
        or not 1900 <= year <= 2200
    ):
        raise InputError("bad_date", "month")
    start = number({"starting_balance": starting_balance}, "starting_balance", minimum=None)
    last = calendar.monthrange(year, month)[1]
    events = []
    for row, income in enumerate(incomes, start=1):
        try:
            check_keys(income, frozenset({"name", "amount", "frequency", "first_day"}), ("first_day",))
            amount = number(income, "amount", 0.0)
        except InputError as error:
            raise InputError(error.code, "cash_incomes", str(row)) from None
        first = _day(income["first_day"], "cash_incomes", row, last)
        try:
            days = pay_days(income.get("frequency", "monthly"), first, year, month)
        except InputError:
            raise InputError("unknown_frequency", "cash_incomes", str(row)) from None
        events += [(day, amount, str(income.get("name") or "")) for day in days]
    for row, bill in enumerate(bills, start=1):
        try:
            check_keys(bill, frozenset({"name", "amount", "due_day"}), ("due_day",))
            amount = number(bill, "amount", 0.0)
        except InputError as error:
            raise InputError(error.code, "bills", str(row)) from None
        events.append((_day(bill["due_day"], "bills", row, last), -amount, str(bill.get("name") or "")))
    weeks = []
    balance = start
    for i, first_day in enumerate(WEEK_STARTS):
        if first_day > last:
            break
        last_day = min(first_day + 6, last) if i < len(WEEK_STARTS) - 1 else last
        money_in = sum(a for d, a, _ in events if first_day <= d <= last_day and a > 0)
        money_out = -sum(a for d, a, _ in events if first_day <= d <= last_day and a < 0)
        balance += money_in - money_out
        weeks.append(
            {
                "week": i + 1,
                "start": dt.date(year, month, first_day).isoformat(),
                "end": dt.date(year, month, last_day).isoformat(),
                "money_in": money_in,
                "money_out": money_out,
                "balance": balance,
                "short": balance < 0,
            }
        )
    return {
        "weeks": weeks,
        "ending_balance": balance,
        "short_weeks": [w["week"] for w in weeks if w["short"]],
        "lowest_balance": min([start] + [w["balance"] for w in weeks]),
    }
