"""Spending plan over the CFPB "Your Money, Your Goals" categories, with remittances, tandas and cash envelopes."""

from __future__ import annotations

from calculators import InputError, check_keys, number

# Category -> group. Groups feed the 50/30/20 reference: needs, wants, savings (savings and extra debt).
# Remittances are a fixed obligation to family, never a "want" (research B3).
CATEGORIES = {
    "housing": "needs",
    "utilities": "needs",
    "groceries": "needs",
    "transportation": "needs",
    "health_care": "needs",
    "child_care_school": "needs",
    "household_supplies": "needs",
    "debt_payments": "needs",
    "remittances": "obligation",
    "tanda": "savings",
    "savings": "savings",
    "eating_out": "wants",
    "personal_care": "wants",
    "pets": "wants",
    "phone_internet": "needs",
    "entertainment": "wants",
    "other": "wants",
}
ITEM_KEYS = frozenset({"category", "amount", "envelope", "name"})


def spending_plan(items: list[dict], monthly_income: float) -> dict:
    """Totals by category and group, what is left, and the cash that goes into envelopes each week."""
    if not isinstance(items, list):
        raise InputError("not_a_list", "spending")
    income = number({"monthly_income": monthly_income}, "monthly_income")
    by_category: dict[str, float] = {}
    groups = dict.fromkeys(("needs", "obligation", "wants", "savings"), 0.0)
    envelopes = 0.0
    for row, item in enumerate(items, start=1):
        try:
            check_keys(item, ITEM_KEYS, ("category",))
            amount = number(item, "amount", 0.0)
        except InputError as error:
            raise InputError(error.code, "spending", str(row)) from None
        category = item["category"]
        if category not in CATEGORIES:
            raise InputError("unknown_category", "spending", str(row))
        by_category[category] = by_category.get(category, 0.0) + amount
        groups[CATEGORIES[category]] += amount
        if item.get("envelope"):
            envelopes += amount
    total = sum(by_category.values())
    return {
        "by_category": by_category,
        "groups": groups,
        "total": total,
        "left_over": income - total,
        "envelopes_monthly": envelopes,
        "envelopes_weekly": envelopes * 12 / 52,
        "reference": fifty_thirty_twenty(income, groups),
    }


def fifty_thirty_twenty(monthly_income: float, groups: dict) -> dict:
    """The 50/30/20 split as a reference beside the plan's own shares (never a pass/fail verdict)."""
    needs = groups.get("needs", 0.0) + groups.get("obligation", 0.0)
    shares = {"needs": needs, "wants": groups.get("wants", 0.0), "savings": groups.get("savings", 0.0)}
    guide = {"needs": 0.50, "wants": 0.30, "savings": 0.20}
    return {
        key: {
            "amount": shares[key],
            "share": shares[key] / monthly_income if monthly_income > 0 else 0.0,
            "guide_share": guide[key],
            "guide_amount": monthly_income * guide[key],
        }
        for key in guide
    }


def remittance_costs(amount: float, options: list[dict]) -> list[dict]:
    """Each way to send `amount`: fee plus exchange-rate markup, in dollars and as a share, cheapest first."""
    sent = number({"amount": amount}, "amount")
    if sent <= 0:
        raise InputError("no_amount", "remittance_amount")
    rows = []
    for row, option in enumerate(options, start=1):
        try:
            check_keys(option, frozenset({"name", "fee", "fx_margin"}), ("name",))
            fee = number(option, "fee", 0.0)
            margin = number(option, "fx_margin", 0.0, maximum=1.0)
        except InputError as error:
            raise InputError(error.code, "remittance_options", str(row)) from None
        cost = fee + sent * margin
        rows.append({"name": str(option["name"]), "cost": cost, "share": cost / sent, "index": row})
    rows.sort(key=lambda r: (r["cost"], r["index"]))
    for r in rows:
        del r["index"]
    return rows


def tanda_schedule(contribution: float, members: int, payout_month: int) -> dict:
    """A tanda (rotating savings circle): what you put in each month, the month you take the pot, your net position."""
    paid = number({"tanda_contribution": contribution}, "tanda_contribution")
    if not isinstance(members, int) or isinstance(members, bool) or members < 2:
        raise InputError("out_of_range", "tanda_members")
    if (
        not isinstance(payout_month, int)
        or isinstance(payout_month, bool)
        or not 1 <= payout_month <= members
    ):
        raise InputError("payout_after_end", "tanda_payout_month")
    pot = paid * members
    position = 0.0
    schedule = []
    for month in range(1, members + 1):
        received = pot if month == payout_month else 0.0
        position += received - paid
        schedule.append({"month": month, "paid": paid, "received": received, "net_position": position})
    # Before the payout the member is saving; after it, they owe the circle (like a 0% loan).
    return {"pot": pot, "schedule": schedule, "months_owing": members - payout_month}
