"""Calculator figures: max_price against a $100-step scan, amortization against a per-period loop, DPA screening."""

from __future__ import annotations

import random
import sys

import pandas as pd

from bench.timing import failed, figure, median_ms, paired_median_ms

MAX_PRICE_TARGET_MS = 5.0
SCREEN_TARGET_MS = 1000.0  # our own target: screening a 1,000-household caseload within a second

# A typical household at the desk: FHA in DC, 3.5% down, some debts.
SCENARIO = {
    "loan_type": "fha",
    "annual_rate": 0.065,
    "gross_monthly_income": 6500.0,
    "monthly_debts": 450.0,
    "cash_available": 40000.0,
    "reserves": 1000.0,
    "down_payment_rate": 0.035,
    "credit_score": 660,
    "jurisdiction": "dc",
}
AMORTIZATION = (300_000.0, 0.065, 30)
SCHEDULE_COLUMNS = ["month", "payment", "interest", "principal", "extra", "balance"]


def warn(message: str) -> None:
    """Baseline and real answer disagree: say so on stderr (the figures are still printed)."""
    print(f"bench warning: {message}", file=sys.stderr)


def naive_max_price(scenario: dict, step: int = 100) -> int:
    """The obvious way: call analyze at every $100 until a price stops being affordable."""
    from calculators.affordability.price import analyze

    rate = scenario["down_payment_rate"]
    base = {k: v for k, v in scenario.items() if k != "down_payment_rate"}
    price = 0
    while True:
        nxt = price + step
        result = analyze({**base, "price": float(nxt), "down_payment": rate * nxt})
        if not result["eligible"]:
            return price
        price = nxt


def max_price_figure() -> dict:
    from calculators.affordability.max_price import max_price

    answer = max_price(SCENARIO)["price"]
    naive = naive_max_price(SCENARIO)
    if not naive <= answer < naive + 100:
        warn(f"max_price gave {answer}, the $100 scan {naive}")
    value = median_ms(lambda: max_price(SCENARIO), runs=30)
    baseline = median_ms(lambda: naive_max_price(SCENARIO), runs=3, warmup=1)
    return figure(value, "ms", baseline, "linear scan in $100 steps calling analyze")


def loop_schedule(principal: float, annual_rate: float, years: int) -> pd.DataFrame:
    """The same schedule computed one month at a time in plain Python, then put in a DataFrame."""
    months = 12 * years
    i = annual_rate / 12
    payment = principal * i / (1 - (1 + i) ** -months)
    balance, rows = principal, []
    for month in range(1, months + 1):
        interest = balance * i
        principal_part = balance if month == months else min(payment - interest, balance)
        balance -= principal_part
        rows.append(
            {
                "month": month,
                "payment": interest + principal_part,
                "interest": interest,
                "principal": principal_part,
                "extra": 0.0,
                "balance": max(balance, 0.0),
            }
        )
    return pd.DataFrame(rows, columns=SCHEDULE_COLUMNS)


def amortization_figure() -> dict:
    from calculators.mortgage import amortization

    real = amortization(*AMORTIZATION)
    naive = loop_schedule(*AMORTIZATION)
    if len(real) != len(naive) or abs(float(real["interest"].sum()) - float(naive["interest"].sum())) > 0.01:
        warn("amortization and the per-period loop disagree on months or total interest")
    value, baseline = paired_median_ms(
        lambda: amortization(*AMORTIZATION), lambda: loop_schedule(*AMORTIZATION), runs=100, number=10
    )
    return figure(value, "ms", baseline, "per-period pure-Python loop")


def screening_households(n: int = 1000, seed: int = 7) -> list[dict]:
    """A varied, reproducible caseload of screening inputs (areas, sizes, incomes, ID and residency)."""
    rng = random.Random(seed)
    areas = ("dc", "montgomery_md", "prince_georges_md", "arlington_va", "fairfax_va", "alexandria_va")
    out = []
    for _ in range(n):
        income = round(rng.uniform(18_000, 140_000), -2)
        id_type = rng.choice(("ssn", "ssn", "itin"))
        out.append(
            {
                "jurisdiction": rng.choice(areas),
                "household_size": rng.randint(1, 7),
                "annual_household_income": income,
                "liquid_assets": round(rng.uniform(0, 40_000), -2),
                "first_time_buyer": rng.random() < 0.9,
                "id_type": id_type,
                "residency": "citizen" if id_type == "ssn" else "non_permanent_resident",
                "credit_score": rng.randint(560, 780),
            }
        )
    return out


def screen_figure() -> dict:
    from calculators.assistance.screen import screen

    caseload = screening_households()
    purchase = {"price": 380_000.0, "loan_type": "fha", "first_mortgage_amount": 366_700.0}

    def run() -> None:
        for household in caseload:
            screen(household, purchase)

    return figure(median_ms(run, runs=5, warmup=1), "ms", SCREEN_TARGET_MS, "target")


def figures() -> dict:
    """max_price_ms, amortization_ms and screen_1000_ms; a missing feature becomes an error entry."""
    out = {}
    for name, make in (
        ("max_price_ms", max_price_figure),
        ("amortization_ms", amortization_figure),
        ("screen_1000_ms", screen_figure),
    ):
        try:
            out[name] = make()
        except Exception as err:  # one missing feature must not hide the other figures
            out[name] = failed(err)
    return out
