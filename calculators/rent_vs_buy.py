"""Rent or buy over 1 to 15 years: the net cost of each, year by year, and the year buying becomes cheaper.

Owning costs the up-front cash (and what it would have earned), the mortgage payment, the other monthly
costs (tax, insurance, mortgage insurance, HOA) and maintenance, minus the equity left after selling.
Renting costs the rent. Every growth rate is the counselor's assumption, entered on the page.
"""

from __future__ import annotations

from calculators import InputError, check_keys, number
from calculators.mortgage import balance_after, monthly_payment

KEYS = frozenset(
    {
        "monthly_rent",
        "rent_growth",
        "price",
        "down_payment",
        "closing_costs",
        "loan_amount",
        "annual_rate",
        "term_years",
        "monthly_other_costs",
        "maintenance_rate",
        "appreciation",
        "investment_return",
        "selling_cost_rate",
        "years",
    }
)
REQUIRED = (
    "monthly_rent",
    "price",
    "down_payment",
    "loan_amount",
    "annual_rate",
    "rent_growth",
    "appreciation",
    "investment_return",
    "maintenance_rate",
    "selling_cost_rate",
)


def compare(inputs: dict) -> dict:
    """Year-by-year net cost of renting and of owning; `break_even_year` is the first year owning costs less."""
    check_keys(inputs, KEYS, REQUIRED)
    rent = number(inputs, "monthly_rent")
    price = number(inputs, "price")
    if price <= 0:
        raise InputError("missing_field", "price")
    down = number(inputs, "down_payment")
    if down > price:
        raise InputError("down_payment_over_price", "down_payment")
    closing = number(inputs, "closing_costs", 0.0)
    loan = number(inputs, "loan_amount")
    rate = number(inputs, "annual_rate", maximum=0.20)
    term = number(inputs, "term_years", 30, minimum=10, maximum=40)
    other = number(inputs, "monthly_other_costs", 0.0)
    rent_growth = number(inputs, "rent_growth", minimum=-0.5, maximum=0.5)
    appreciation = number(inputs, "appreciation", minimum=-0.5, maximum=0.5)
    invest = number(inputs, "investment_return", minimum=-0.5, maximum=0.5)
    maintenance = number(inputs, "maintenance_rate", maximum=0.2)
    selling = number(inputs, "selling_cost_rate", maximum=0.5)
    years = number(inputs, "years", 10, minimum=1, maximum=15)
    if years != int(years):
        raise InputError("out_of_range", "years")
    years = int(years)

    payment = monthly_payment(loan, rate, term)
    upfront = down + closing
    rent_total = 0.0
    owner_paid = upfront
    rows = []
    break_even = None
    for year in range(1, years + 1):
        rent_total += 12.0 * rent * (1.0 + rent_growth) ** (year - 1)
        value_start = price * (1.0 + appreciation) ** (year - 1)
        paid_months = min(12, max(0, int(round(12 * term)) - 12 * (year - 1)))
        owner_paid += payment * paid_months + 12.0 * other + maintenance * value_start
        value = price * (1.0 + appreciation) ** year
        balance = max(0.0, balance_after(loan, rate, term, min(12 * year, int(round(12 * term)))))
        equity = value * (1.0 - selling) - balance
        lost_return = upfront * ((1.0 + invest) ** year - 1.0)
        own_cost = owner_paid + lost_return - equity
        rows.append(
            {
                "year": year,
                "rent_cost": rent_total,
                "own_cost": own_cost,
                "home_value": value,
                "balance": balance,
                "equity": equity,
            }
        )
        if break_even is None and own_cost <= rent_total:
            break_even = year
    last = rows[-1]
    cheaper = "buy" if last["own_cost"] < last["rent_cost"] else "rent"
    return {
        "years": rows,
        "break_even_year": break_even,
        "cheaper": cheaper,
        "difference": abs(last["rent_cost"] - last["own_cost"]),
    }
