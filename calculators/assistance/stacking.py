"""Programs used together: which eligible ones stack, their total and payment, and what they do to a purchase."""

from __future__ import annotations

from calculators import repayment
from calculators.assistance.inputs import check_purchase


def _combine(a: dict, b: dict) -> bool:
    """Two programs stack when either one's rule says it combines with the other."""
    return b["program"] in a["combines_with"] or a["program"] in b["combines_with"]


def stack(
    results: list[dict], purchase: dict | None = None, years: int = 30, appreciation_rate: float = 0.0
) -> dict:
    """The eligible programs that can be used together (largest first), their total, payment and schedule.

    A pair whose rules do not say they combine is not stacked: the smaller one is listed in `skipped`
    so the counselor asks the programs. Referrals and unknown amounts are never counted.
    """
    pur = check_purchase(purchase)
    usable = [r for r in results if r["eligible"] and r["amount"] is not None and r["kind"] != "referral"]
    usable.sort(key=lambda r: -r["amount"])
    chosen: list[dict] = []
    skipped = []
    for entry in usable:
        clash = [c["program"] for c in chosen if not _combine(c, entry)]
        if clash:
            skipped.append({"program": entry["program"], "conflicts_with": clash})
        else:
            chosen.append(entry)
    rows = []
    for year in range(1, years + 1):
        owed = sum(
            repayment.owed_after(c["repayment"], c["amount"], pur["price"], year, appreciation_rate)
            for c in chosen
        )
        paid = sum(repayment.paid_by(c["repayment"], c["amount"], year) for c in chosen)
        rows.append({"year": year, "paid_so_far": paid, "owed_if_sold": owed})
    contributions = [c["contribution"] for c in chosen if c["contribution"] is not None]
    return {
        "programs": [c["program"] for c in chosen],
        "total": sum(c["amount"] for c in chosen),
        "monthly_payment": sum(c["monthly_payment"] or 0.0 for c in chosen),
        "contribution": max(contributions) if contributions else 0.0,
        "skipped": skipped,
        "schedule": rows if chosen else [],
    }


def purchase_effect(stacked: dict, cash_to_close: float, monthly_total: float) -> dict:
    """Cash to close and monthly cost before and after the stacked assistance."""
    after_cash = max(0.0, cash_to_close - stacked["total"])
    return {
        "cash_to_close_before": cash_to_close,
        "cash_to_close_after": after_cash,
        "monthly_before": monthly_total,
        "monthly_after": monthly_total + stacked["monthly_payment"],
    }
