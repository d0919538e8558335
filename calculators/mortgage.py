"""Level-payment mortgage math: the monthly payment, the schedule, and the balances insurers average."""

from __future__ import annotations

import math

import pandas as pd

SCHEDULE_COLUMNS = ["month", "payment", "interest", "principal", "extra", "balance"]


def _months(years: float) -> float:
    return 12.0 * float(years)


def monthly_payment(principal: float, annual_rate: float, years: float) -> float:
    """The level monthly payment that repays `principal` over `years`; 0% spreads it evenly."""
    principal = float(principal)
    n = _months(years)
    if n <= 0:
        raise ValueError("years must be positive")
    i = float(annual_rate) / 12.0
    if i == 0:
        return principal / n
    # -expm1(-n*log1p(i)) is 1-(1+i)^-n computed without cancellation for tiny rates.
    return principal * i / -math.expm1(-n * math.log1p(i))


def balance_after(principal: float, annual_rate: float, years: float, months: int) -> float:
    """The scheduled balance after `months` level payments (no extra payments)."""
    i = float(annual_rate) / 12.0
    if i == 0:
        return principal - months * principal / _months(years)
    growth = (1.0 + i) ** months
    return principal * growth - monthly_payment(principal, annual_rate, years) * (growth - 1.0) / i


def year_one_average_balance(principal: float, annual_rate: float, years: float) -> float:
    """Average of the 12 month-start scheduled balances of year one (HUD's basis for annual MIP)."""
    principal = float(principal)
    i = float(annual_rate) / 12.0
    if i == 0:
        return principal - 5.5 * principal / _months(years)
    # Closed form of sum_{k=0..11} balance_k, so max_price can call it thousands of times cheaply.
    growth_sum = ((1.0 + i) ** 12 - 1.0) / i
    payment = monthly_payment(principal, annual_rate, years)
    return (principal * growth_sum - payment * (growth_sum - 12.0) / i) / 12.0


def amortization(
    principal: float, annual_rate: float, years: float, extra_monthly: float = 0.0
) -> pd.DataFrame:
    """Month-by-month schedule, ending in the month the balance reaches 0 (sooner with extra payments)."""
    principal = float(principal)
    extra_monthly = float(extra_monthly)
    if principal < 0 or extra_monthly < 0:
        raise ValueError("principal and extra payments cannot be negative")
    payment = monthly_payment(principal, annual_rate, years)
    i = float(annual_rate) / 12.0
    rows = []
    balance = principal
    month = 0
    limit = math.ceil(_months(years)) + 1
    # A cent of float drift must not leave a phantom final month.
    while balance > 1e-7 and month < limit:
        month += 1
        interest = balance * i
        scheduled_principal = min(payment - interest, balance)
        if month == limit - 1 or scheduled_principal >= balance:
            scheduled_principal = balance
        extra = min(extra_monthly, balance - scheduled_principal)
        balance = balance - scheduled_principal - extra
        rows.append(
            (month, interest + scheduled_principal, interest, scheduled_principal, extra, max(balance, 0.0))
        )
    return pd.DataFrame(rows, columns=SCHEDULE_COLUMNS)
