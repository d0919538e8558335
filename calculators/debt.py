"""Debt payoff (snowball and avalanche), debt-to-income, and the gap to being mortgage-ready."""

from __future__ import annotations

import datetime as dt

from calculators import InputError, check_keys, number, rules

METHODS = ("snowball", "avalanche")
DEBT_KEYS = frozenset({"name", "balance", "apr", "minimum"})
MAX_MONTHS = 1200


def _clean_debts(debts: list[dict]) -> list[dict]:
    """Validated copies of the debts; errors name the `debts` table and the 1-based row in `detail`."""
    if not isinstance(debts, list):
        raise InputError("not_a_list", "debts")
    clean, names = [], set()
    for row, debt in enumerate(debts, start=1):
        try:
            check_keys(debt, DEBT_KEYS, ("name", "balance", "apr", "minimum"))
            balance = number(debt, "balance")
            apr = number(debt, "apr")
            minimum = number(debt, "minimum")
        except InputError as error:
            raise InputError(error.code, "debts", str(row)) from None
        if apr > 1:
            raise InputError("rate_out_of_range", "debts", str(row))
        name = str(debt["name"]).strip()
        if not name:
            raise InputError("missing_field", "debts", str(row))
        if name in names:
            raise InputError("duplicate_name", "debts", str(row))
        names.add(name)
        clean.append({"name": name, "balance": balance, "apr": apr, "minimum": minimum})
    return clean


def target_order(debts: list[dict], method: str) -> list[int]:
    """Indexes of the debts in the order extra money goes to them; ties keep input order (stable sort)."""
    if method == "snowball":
        return sorted(range(len(debts)), key=lambda i: debts[i]["balance"])
    if method == "avalanche":
        return sorted(range(len(debts)), key=lambda i: -debts[i]["apr"])
    raise InputError("unknown_method", "method")


def debt_payoff(debts: list[dict], monthly_budget: float, method: str) -> dict:
    """Month-by-month payoff with a fixed monthly budget: minimums first, the rest to targets in order."""
    items = _clean_debts(debts)
    budget = number({"monthly_budget": monthly_budget}, "monthly_budget")
    if budget is None:
        raise InputError("missing_field", "monthly_budget")
    order = target_order(items, method)
    if budget < sum(d["minimum"] for d in items):
        raise InputError("budget_below_minimums", "monthly_budget")
    balances = [d["balance"] for d in items]
    payoff_order = [items[i]["name"] for i in range(len(items)) if balances[i] <= 0]
    schedule, total_interest, month = [], 0.0, 0
    while any(b > 0 for b in balances):
        month += 1
        if month > MAX_MONTHS:
            raise InputError("never_paid_off", "monthly_budget")
        interest = 0.0
        for i, balance in enumerate(balances):
            if balance > 0:
                charge = balance * items[i]["apr"] / 12
                balances[i] += charge
                interest += charge
        left = budget
        paid = [0.0] * len(items)
        closed = []
        for i in range(len(items)):
            if balances[i] > 0:
                pay = min(items[i]["minimum"], balances[i])
                balances[i] -= pay
                paid[i] += pay
                left -= pay
                if balances[i] <= 0:
                    closed.append(i)
        for i in order:
            if left <= 0:
                break
            if balances[i] > 0:
                pay = min(left, balances[i])
                balances[i] -= pay
                paid[i] += pay
                left -= pay
                if balances[i] <= 0:
                    closed.append(i)
        for i in closed:
            balances[i] = 0.0
            payoff_order.append(items[i]["name"])
        total_interest += interest
        schedule.append(
            {
                "month": month,
                "interest": interest,
                "paid": sum(paid),
                "balances": {items[i]["name"]: balances[i] for i in range(len(items))},
                "total_balance": sum(balances),
            }
        )
    return {
        "method": method,
        "months": month,
        "total_interest": total_interest,
        "total_paid": sum(d["balance"] for d in items) + total_interest,
        "payoff_order": payoff_order,
        "payoff_month": {row["name"]: _month_paid(schedule, row["name"]) for row in items},
        "schedule": schedule,
    }


def _month_paid(schedule: list[dict], name: str) -> int:
    for row in schedule:
        if row["balances"][name] <= 0:
            return row["month"]
    return 0


def add_months(start: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `start`'s month (payoff dates are shown by month)."""
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def compare_methods(debts: list[dict], monthly_budget: float, start: dt.date | str | None = None) -> dict:
    """Snowball and avalanche side by side: months, interest, the interest difference and each payoff date."""
    first = rules.as_date(start) if start is not None else rules.today()
    results = {method: debt_payoff(debts, monthly_budget, method) for method in METHODS}
    for result in results.values():
        result["payoff_dates"] = {
            name: add_months(first, month - 1).isoformat() for name, month in result["payoff_month"].items()
        }
        result["debt_free_date"] = add_months(first, max(result["months"] - 1, 0)).isoformat()
    return {
        **results,
        "interest_difference": results["snowball"]["total_interest"] - results["avalanche"]["total_interest"],
        "months_difference": results["snowball"]["months"] - results["avalanche"]["months"],
    }


def debt_to_income(
    monthly_debt_payments: float, monthly_gross_income: float, housing_payment: float = 0.0
) -> dict:
    """Front-end (housing) and back-end (housing plus debts) ratios to gross monthly income."""
    debts = number({"monthly_debt_payments": monthly_debt_payments}, "monthly_debt_payments")
    income = number({"monthly_income": monthly_gross_income}, "monthly_income")
    housing = number({"housing_payment": housing_payment}, "housing_payment")
    if income <= 0:
        raise InputError("no_income", "monthly_income")
    return {"front": housing / income, "back": (housing + debts) / income, "debts_only": debts / income}


def mortgage_ready_gap(
    monthly_gross_income: float, monthly_debt_payments: float, loan_type: str = "fha", as_of=None
) -> dict:
    """Room left for a housing payment under the back-end guideline, and how much debt to pay down when none is left."""
    ratios = debt_to_income(monthly_debt_payments, monthly_gross_income)
    try:
        row = rules.rule("loans", "dti_guideline", as_of, loan_type=loan_type)
    except InputError:
        raise InputError("no_rule_in_force", "loan_type") from None
    if row.get("back") is None:
        raise InputError("no_rule_in_force", "loan_type")
    ceiling = monthly_gross_income * row["back"]
    room = ceiling - monthly_debt_payments
    return {
        "dti": ratios["debts_only"],
        "guideline_back": row["back"],
        "loan_type": loan_type,
        "max_total_payments": ceiling,
        "room_for_housing": max(room, 0.0),
        "debt_payments_to_cut": max(-room, 0.0),
        **rules.source_of(row),
    }
