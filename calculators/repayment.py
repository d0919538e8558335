"""What a buyer owes back on assistance: the monthly payment and the amount due if they sell after each year."""

from __future__ import annotations

REPAYMENT_KINDS = (
    "grant",
    "deferred",
    "forgivable",
    "deferred_then_amortizing",
    "shared_appreciation",
    "referral",
)


def monthly_payment(terms: dict, amount: float | None) -> float | None:
    """The monthly payment once repayment starts: principal-only over the amortizing years, else 0."""
    if amount is None or terms.get("type") == "referral":
        return None
    if terms.get("type") == "deferred_then_amortizing":
        return amount / (12 * terms["amortize_years"])
    return 0.0


def owed_after(
    terms: dict, amount: float, price: float | None, year: int, appreciation_rate: float = 0.0
) -> float:
    """What is repaid if the home is sold (or refinanced) at the end of `year`."""
    kind = terms.get("type")
    if kind in ("grant", "referral"):
        return 0.0
    if kind == "forgivable":
        # forgiven in equal parts on each anniversary: after N years nothing is owed
        return amount * max(0.0, 1.0 - year / terms["forgive_years"])
    if kind == "deferred_then_amortizing":
        paid_months = max(0, year - terms["deferred_years"]) * 12
        return max(0.0, amount - paid_months * monthly_payment(terms, amount))
    if kind == "shared_appreciation":
        if not price:
            return amount
        # principal plus the loan's share of the price (capped) times the gain in value
        share = min(terms.get("appreciation_share_max", 0.0), amount / price)
        gain = max(0.0, price * (1.0 + appreciation_rate) ** year - price)
        return amount + share * gain
    return amount  # deferred: the whole loan is due on sale, refinance or the due date


def paid_by(terms: dict, amount: float, year: int) -> float:
    """Monthly payments made through the end of `year` (only amortizing seconds have any)."""
    if terms.get("type") != "deferred_then_amortizing":
        return 0.0
    months = max(0, year - terms["deferred_years"]) * 12
    return min(amount, months * monthly_payment(terms, amount))


def schedule(
    terms: dict,
    amount: float | None,
    price: float | None = None,
    years: int = 30,
    appreciation_rate: float = 0.0,
):
    """Year by year: payments made so far and what is owed on a sale after that year (empty when unknown)."""
    if amount is None or terms.get("type") == "referral":
        return []
    return [
        {
            "year": year,
            "paid_so_far": paid_by(terms, amount, year),
            "owed_if_sold": owed_after(terms, amount, price, year, appreciation_rate),
        }
        for year in range(1, years + 1)
    ]
