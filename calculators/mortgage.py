"""Level-payment mortgage math: the monthly payment, the schedule, and the balances insurers average."""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

SCHEDULE_COLUMNS = ["month", "payment", "interest", "principal", "extra", "balance"]


@cache
def _schedule_index() -> pd.Index:
    """The schedule's column labels, built once: making an Index is a large share of a small frame.

    pandas is imported here, not at the top: the payment and the highest price need only numpy, and a
    newly started server draws the first calculator page sooner without loading pandas.
    """
    import pandas as pd

    return pd.Index(SCHEDULE_COLUMNS)


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
    """Month-by-month schedule, ending in the month the balance reaches 0 (sooner with extra payments).

    Balances come from the closed form B_k = P*g^k - (payment + extra)*(g^k - 1)/i (g = 1 + i), computed
    for every month at once with numpy; only the final month is settled by hand. The table is filled as
    one float block (months are whole numbers stored as floats): a frame with mixed column types costs
    pandas about ten times more to build than all the arithmetic.
    """
    import pandas as pd

    principal = float(principal)
    extra_monthly = float(extra_monthly)
    if principal < 0 or extra_monthly < 0:
        raise ValueError("principal and extra payments cannot be negative")
    if principal <= 1e-7:
        return pd.DataFrame(columns=SCHEDULE_COLUMNS)
    payment = monthly_payment(principal, annual_rate, years)
    i = float(annual_rate) / 12.0
    last = math.ceil(_months(years))
    # Column-major: each column is contiguous for numpy, and it is the layout pandas keeps (no copy).
    table = np.empty((last, len(SCHEDULE_COLUMNS)), order="F")
    month, pay, interest, scheduled, extra, balance = table.T
    elapsed = np.arange(last, dtype=float)  # payments made before each month
    np.add(elapsed, 1.0, out=month)
    outflow = payment + extra_monthly
    if i == 0:
        np.multiply(elapsed, -outflow, out=balance)
    else:
        # expm1/log1p keep g^m - 1 exact for tiny rates, where (1 + i)^m - 1 would round to 0.
        grown = np.expm1(elapsed * math.log1p(i))
        step = principal - outflow / i
        if math.isfinite(step):
            np.multiply(grown, step, out=balance)
        else:  # subnormal rates: outflow / i overflows, so divide after multiplying
            np.multiply(grown, principal, out=balance)
            balance -= grown * outflow / i
    balance += principal  # the balance at the start of each month
    np.multiply(balance, i, out=interest)
    np.subtract(payment, interest, out=scheduled)
    balance -= scheduled
    balance -= extra_monthly  # now: the balance after each month's payment, before settling the last
    # The final month: the first one whose payment covers what is left, or the term's last month
    # (a cent of float drift must not leave a phantom month).
    final = int(np.argmax(balance <= 1e-7))
    if balance[final] > 1e-7:
        final = last - 1
    table = table[: final + 1]
    month, pay, interest, scheduled, extra, balance = table.T
    owed = balance[final] + scheduled[final] + extra_monthly
    scheduled[final] = owed if final == last - 1 else min(scheduled[final], owed)
    extra.fill(extra_monthly)
    extra[final] = max(0.0, min(extra_monthly, owed - scheduled[final]))
    pay.fill(payment)
    pay[final] = interest[final] + scheduled[final]
    np.maximum(balance, 0.0, out=balance)
    balance[final] = 0.0
    return pd.DataFrame(table, columns=_schedule_index(), copy=False)
