"""What moves the highest price (paying off a debt, more savings, more income) and what a target price takes."""

from __future__ import annotations

import dataclasses
import math

from calculators import InputError, number
from calculators.affordability.inputs import MAX_INCOME
from calculators.affordability.max_price import _failures, highest_price, resolve_for_max_price

CASH_STEP = 5_000.0
INCOME_STEP = 500.0
RATE_STEP = 0.005


def _price_with(terms, **changes) -> int:
    return highest_price(dataclasses.replace(terms, **changes))[0]


def levers(scenario: dict, debts: list[dict] | None = None) -> list[dict]:
    """How much the highest price moves with each change, largest gain first.

    `debts` lists the household's debts as {name, monthly}; their payments are part of `monthly_debts`.
    Each lever: {kind, name, amount, price, change} with kind pay_off_debt, more_cash, more_income, lower_rate.
    """
    terms = resolve_for_max_price(scenario)
    base, _binding = highest_price(terms)
    found = []
    for i, debt in enumerate(debts or []):
        if not isinstance(debt, dict) or set(debt) - {"name", "monthly"}:
            raise InputError("unknown_field", f"debts[{i}]")
        monthly = number(debt, "monthly", 0.0)
        if monthly <= 0:
            continue
        price = _price_with(terms, debts=max(0.0, terms.debts - monthly))
        found.append(
            {"kind": "pay_off_debt", "name": str(debt.get("name") or ""), "amount": monthly, "price": price}
        )
    cash = (terms.cash_available or 0.0) + CASH_STEP
    found.append(
        {
            "kind": "more_cash",
            "name": "",
            "amount": CASH_STEP,
            "price": _price_with(terms, cash_available=cash),
        }
    )
    income = min(MAX_INCOME, terms.income + INCOME_STEP)
    found.append(
        {"kind": "more_income", "name": "", "amount": INCOME_STEP, "price": _price_with(terms, income=income)}
    )
    if terms.rate >= 2 * RATE_STEP:
        lower = terms.rate - RATE_STEP
        found.append(
            {"kind": "lower_rate", "name": "", "amount": RATE_STEP, "price": _price_with(terms, rate=lower)}
        )
    for lever in found:
        lever["change"] = lever["price"] - base
    return sorted((lever for lever in found if lever["change"] > 0), key=lambda lever: -lever["change"])


def _smallest(test, lo: float, hi: float) -> int | None:
    """The smallest whole number in [lo, hi] for which `test` passes, assuming it stays passing above it."""
    lo_i, hi_i = math.floor(lo), math.ceil(hi)
    if not test(hi_i):
        return None
    if test(lo_i):
        return lo_i
    while hi_i - lo_i > 1:
        mid = (lo_i + hi_i) // 2
        if test(mid):
            hi_i = mid
        else:
            lo_i = mid
    return hi_i


def what_it_takes(scenario: dict, target_price: float) -> dict:
    """The monthly income, or the savings, that would make `target_price` affordable (others unchanged).

    Returns {price, affordable_now, failing, income_needed, income_blocked_by, cash_needed, cash_blocked_by};
    a `*_needed` is None when that change alone cannot do it, and `*_blocked_by` says what still fails.
    """
    terms = resolve_for_max_price(scenario)
    price = number({"price": target_price}, "price", minimum=0.0)
    if price <= 0:
        raise InputError("missing_field", "price")
    failing = ["ineligible"] if terms.blockers else _failures(terms, price)
    result = {
        "price": price,
        "affordable_now": not failing,
        "failing": failing,
        "income_needed": None,
        "income_blocked_by": None,
        "cash_needed": None,
        "cash_blocked_by": None,
    }
    if terms.blockers:
        result["income_blocked_by"] = result["cash_blocked_by"] = "ineligible"
        return result

    def income_ok(value: int) -> bool:
        return not _failures(dataclasses.replace(terms, income=max(float(value), 1.0)), price)

    result["income_needed"] = _smallest(income_ok, 1.0, MAX_INCOME)
    if result["income_needed"] is None:
        result["income_blocked_by"] = _failures(dataclasses.replace(terms, income=MAX_INCOME), price)[0]

    def cash_ok(value: int) -> bool:
        return not _failures(dataclasses.replace(terms, cash_available=float(value)), price)

    most = price * (1.0 + terms.closing_rate) + terms.reserves
    result["cash_needed"] = _smallest(cash_ok, 0.0, most)
    if result["cash_needed"] is None:
        result["cash_blocked_by"] = _failures(dataclasses.replace(terms, cash_available=most), price)[0]
    return result
