"""Savings goals: the emergency fund in two steps, and months to a goal such as a down payment."""

from __future__ import annotations

from calculators import InputError, number

MAX_MONTHS = 1200
# Coaching steps: first a small cushion the household picks, then three months of spending (research B2).
FULL_FUND_MONTHS = 3


def emergency_fund(monthly_spending: float, saved: float, starter_goal: float) -> dict:
    """Where the household is: building the starter cushion, then three months of spending, or done."""
    spending = number({"monthly_spending": monthly_spending}, "monthly_spending")
    have = number({"savings": saved}, "savings")
    starter = number({"starter_goal": starter_goal}, "starter_goal")
    full = spending * FULL_FUND_MONTHS
    if have < starter:
        stage, goal = "starter", starter
    elif have < full:
        stage, goal = "three_months", full
    else:
        stage, goal = "done", full
    return {
        "stage": stage,
        "goal": goal,
        "still_needed": max(goal - have, 0.0),
        "months_covered": have / spending if spending > 0 else 0.0,
        "full_goal": full,
    }


def savings_timeline(goal: float, saved: float, monthly_deposit: float, annual_rate: float = 0.0) -> dict:
    """Months until `saved` plus deposits (with monthly interest) reaches `goal`, and the path there."""
    target = number({"goal": goal}, "goal")
    balance = number({"savings": saved}, "savings")
    deposit = number({"monthly_deposit": monthly_deposit}, "monthly_deposit")
    rate = number({"annual_rate": annual_rate}, "annual_rate", maximum=0.2)
    path = [{"month": 0, "balance": balance, "interest": 0.0}]
    earned = 0.0
    month = 0
    while balance < target:
        if deposit <= 0 and (rate <= 0 or balance <= 0):
            raise InputError("never_reached", "monthly_deposit")
        month += 1
        if month > MAX_MONTHS:
            raise InputError("never_reached", "monthly_deposit")
        interest = balance * rate / 12
        earned += interest
        balance += interest + deposit
        path.append({"month": month, "balance": balance, "interest": earned})
    return {"months": month, "final_balance": balance, "interest_earned": earned, "path": path}
