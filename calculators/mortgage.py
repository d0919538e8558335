"""Level-payment mortgage math: the monthly payment, the schedule, and the balances insurers average."""

from __future__ import annotations

import math
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

SCHEDULE_COLUMNS = ["month", "payment", "interest", "principal", "extra", "balance"]
_MONEY_COLUMNS = len(SCHEDULE_COLUMNS) - 1  # every column but the month number


@lru_cache(maxsize=32)
def _month_numbers(last: int) -> tuple[np.ndarray, np.ndarray]:
    """Month numbers 1..last and payments made before each month, for a term.

    Both are read-only and shared between calls; a schedule's frame copies what it keeps.
    """
    numbers = np.arange(1, last + 1)
    elapsed = np.arange(last, dtype=float)
    numbers.flags.writeable = elapsed.flags.writeable = False
    return numbers, elapsed


@lru_cache(maxsize=32)
def _row_labels(count: int) -> pd.RangeIndex:
    """Row labels 0..count-1; a schedule's length repeats, and a RangeIndex is immutable.

    pandas is imported here, not at the top: the payment and the highest price need only numpy, and a
    newly started server draws the first calculator page sooner without loading pandas.
    """
    import pandas as pd

    return pd.RangeIndex(count)


@cache
def _money_labels() -> pd.Index:
    """The labels of the money columns, built once (an Index of text is a large share of a small frame)."""
    import pandas as pd

    return pd.Index(SCHEDULE_COLUMNS[1:])


def _schedule_frame(numbers: np.ndarray, money: np.ndarray, months: int) -> pd.DataFrame:
    """The schedule's frame through pandas' public API only: the money rows (this call's own array) as one
    two-dimensional table of floats, then the month numbers (copied: they are shared) inserted in front.

    About twice as fast as a frame from a dict of six columns, which regroups them into blocks."""
    import pandas as pd

    frame = pd.DataFrame(money[:, :months].T, index=_row_labels(months), columns=_money_labels(), copy=False)
    frame.insert(0, SCHEDULE_COLUMNS[0], numbers[:months].copy())
    return frame


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


def _final_month(balance: np.ndarray, principal: float, i: float, outflow: float) -> int:
    """Index of the first month whose closing balance is (within 1e-7 of) zero, else the term's last.

    The closed-form count of payments names the month; two looks at `balance` confirm it, and only
    when float rounding puts it a month off is the whole column searched.
    """
    last = len(balance) - 1
    if i == 0:
        payments = principal / outflow
    else:
        payments = (
            -math.log1p(-principal * i / outflow) / math.log1p(i) if principal * i < outflow else math.inf
        )
    guess = min(max(math.ceil(payments) - 1, 0), last) if math.isfinite(payments) else last
    settled = balance[guess] <= 1e-7
    if (settled or guess == last) and (guess == 0 or balance[guess - 1] > 1e-7):
        return guess
    final = int(np.argmax(balance <= 1e-7))
    return final if balance[final] <= 1e-7 else last


def amortization(
    principal: float, annual_rate: float, years: float, extra_monthly: float = 0.0
) -> pd.DataFrame:
    """Month-by-month schedule, ending in the month the balance reaches 0 (sooner with extra payments).

    Balances come from the closed form B_k = P*g^k - (payment + extra)*(g^k - 1)/i (g = 1 + i), computed
    for every month at once with numpy; only the final month is settled by hand.
    """
    principal = float(principal)
    extra_monthly = float(extra_monthly)
    if principal < 0 or extra_monthly < 0:
        raise ValueError("principal and extra payments cannot be negative")
    if principal <= 1e-7:
        import pandas as pd

        return pd.DataFrame(columns=SCHEDULE_COLUMNS)
    payment = monthly_payment(principal, annual_rate, years)
    i = float(annual_rate) / 12.0
    last = math.ceil(12.0 * float(years))
    numbers, elapsed = _month_numbers(last)
    # One row per money column, each contiguous, so each row is one column of the frame.
    money = np.empty((_MONEY_COLUMNS, last))
    pay, interest, scheduled, extra, balance = money
    outflow = payment + extra_monthly
    if i == 0:
        np.multiply(elapsed, -outflow, out=balance)
    else:
        # expm1/log1p keep g^m - 1 exact for tiny rates, where (1 + i)^m - 1 would round to 0.
        np.multiply(elapsed, math.log1p(i), out=balance)
        np.expm1(balance, out=balance)
        step = principal - outflow / i
        if math.isfinite(step):
            balance *= step
        else:  # subnormal rates: outflow / i overflows, so divide after multiplying
            grown = balance.copy()
            balance *= principal
            balance -= grown * outflow / i
    balance += principal  # the balance at the start of each month
    np.multiply(balance, i, out=interest)
    np.subtract(payment, interest, out=scheduled)
    balance -= scheduled
    if extra_monthly:
        balance -= extra_monthly  # now: the balance after each month's payment, before settling the last
    # The final month: the first one whose payment covers what is left, or the term's last month
    # (a cent of float drift must not leave a phantom month).
    if not extra_monthly and last > 1 and balance[last - 2] > 1e-7:
        final = last - 1  # the usual case: level payments end with the term
    else:
        final = _final_month(balance, principal, i, outflow)
    owed = balance[final] + scheduled[final] + extra_monthly
    scheduled[final] = owed if final == last - 1 else min(scheduled[final], owed)
    extra.fill(extra_monthly)  # months after the final one are dropped below
    extra[final] = max(0.0, min(extra_monthly, owed - scheduled[final]))
    pay.fill(payment)
    pay[final] = interest[final] + scheduled[final]
    balance[final] = 0.0  # every earlier balance is above 1e-7, so none is negative
    months = final + 1
    return _schedule_frame(numbers, money, months)
