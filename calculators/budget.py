"""Budgeting coach: one budget summary from income, spending, debts and savings, and two snapshots compared.

The parts live in small modules (income, spending, cashflow, debt, savings); this module keeps the public
names of CONTRACTS.md importable from `calculators.budget`.
"""

from __future__ import annotations

from calculators import InputError, number
from calculators.cashflow import cash_flow_calendar, pay_days
from calculators.debt import compare_methods, debt_payoff, debt_to_income, mortgage_ready_gap
from calculators.income import FREQUENCIES, income_summary, monthly_amount
from calculators.savings import emergency_fund, savings_timeline
from calculators.spending import (
    CATEGORIES,
    fifty_thirty_twenty,
    remittance_costs,
    spending_plan,
    tanda_schedule,
)

__all__ = [
    "CATEGORIES",
    "FREQUENCIES",
    "cash_flow_calendar",
    "coaching_situation",
    "compare_methods",
    "compare_snapshots",
    "debt_payoff",
    "debt_to_income",
    "emergency_fund",
    "fifty_thirty_twenty",
    "income_summary",
    "monthly_amount",
    "mortgage_ready_gap",
    "pay_days",
    "remittance_costs",
    "savings_timeline",
    "spending_plan",
    "summarize",
    "tanda_schedule",
]

# What a snapshot comparison looks at, and which direction is better (HUD-9902 "improved financial
# capacity": more discretionary income, less debt, more savings, a higher credit score).
COMPARED = {"savings": 1, "total_debt": -1, "left_over": 1, "credit_score": 1}


def summarize(
    income: dict, plan: dict, debts: list[dict], savings: float, starter_goal: float, credit_score=None
) -> dict:
    """The figures saved with a budget snapshot (plain numbers, JSON-able)."""
    saved = number({"savings": savings}, "savings")
    score = number({"credit_score": credit_score}, "credit_score", minimum=300, maximum=850)
    fund = emergency_fund(plan["total"], saved, starter_goal)
    summary = {
        "monthly_income": income["monthly"],
        "monthly_spending": plan["total"],
        "left_over": plan["left_over"],
        "monthly_debt_payments": sum(float(d.get("minimum") or 0) for d in debts),
        "total_debt": sum(float(d.get("balance") or 0) for d in debts),
        "savings": saved,
        "emergency_fund_months": fund["months_covered"],
        "categories": dict(plan["by_category"]),
    }
    if score is not None:
        summary["credit_score"] = score
    return summary


def compare_snapshots(before: dict, after: dict) -> dict:
    """What changed between an older and a newer budget snapshot, and the HUD-9902 outcomes it supports."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        raise InputError("not_a_mapping", "snapshots")
    changes, improved, worse = {}, [], []
    for key, direction in COMPARED.items():
        old, new = before.get(key), after.get(key)
        if not isinstance(old, (int, float)) or not isinstance(new, (int, float)):
            continue
        change = float(new) - float(old)
        changes[key] = {"before": float(old), "after": float(new), "change": change}
        if change * direction > 0.005:
            improved.append(key)
        elif change * direction < -0.005:
            worse.append(key)
    outcomes = []
    if (after.get("monthly_income") or 0) > 0 and (after.get("monthly_spending") or 0) > 0:
        outcomes.append("budget_developed")
    if improved:
        outcomes.append("improved_financial_capacity")
    return {"changes": changes, "improved": improved, "worse": worse, "outcomes": outcomes}


def coaching_situation(
    *,
    income: dict,
    plan: dict,
    calendar: dict | None = None,
    fund: dict | None = None,
    debts: list[dict] = (),
    remittance_share: float | None = None,
    remittance_ceiling: float | None = None,
    banked: bool = True,
    ready: dict | None = None,
    credit_score=None,
) -> dict:
    """The yes/no facts coaching tips are chosen by (codes in curricula.coaching.SITUATIONS)."""
    return {
        "spending_over_income": plan["left_over"] < 0,
        "short_weeks": bool(calendar and calendar["short_weeks"]),
        "irregular_income": bool(income.get("irregular")),
        "remittance_fees_high": remittance_share is not None
        and remittance_ceiling is not None
        and remittance_share > remittance_ceiling,
        "no_bank_account": not banked,
        "cash_income": income.get("cash_monthly", 0) > 0,
        "below_starter_cushion": bool(fund and fund["stage"] == "starter"),
        "has_debts": any(float(d.get("balance") or 0) > 0 for d in debts),
        "dti_over_guideline": bool(ready and ready["debt_payments_to_cut"] > 0),
        "in_tanda": plan["by_category"].get("tanda", 0) > 0,
        "no_credit_score": not credit_score,
    }
