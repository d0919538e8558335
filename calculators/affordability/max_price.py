"""The highest whole-dollar price a household can afford, and the constraint that stops it."""

from __future__ import annotations

from calculators import InputError
from calculators.affordability.inputs import MAX_PRICE, MAX_PRICE_KEYS, _share
from calculators.affordability.price import failed_limits, price_out, report
from calculators.affordability.terms import Terms, resolve

BINDING = ("front_dti", "back_dti", "cash", "down_payment", "loan_limit", "ineligible")


def _all_cash_down(terms: Terms, price: float) -> float:
    """max_price without a fixed share: everything left after reserves and closing costs goes down."""
    available = (terms.cash_available or 0.0) - terms.reserves
    return min(price, available - terms.closing_rate * price + terms.seller_credit + terms.assistance)



def _down_for(terms: Terms, price: float) -> float:
    if terms.down_payment_rate is not None:
        return terms.down_payment_rate * price
    return _all_cash_down(terms, price)


def _failures(terms: Terms, price: float) -> list[str]:
    """Empty when `price` is affordable under max_price's rules, else the constraints it breaks."""
    out = price_out(terms, price, _down_for(terms, price))
    failed = failed_limits(terms, out, cash_check=True)
    if terms.down_payment_rate is None and "down_payment" in failed:
        # Putting all the cash in and still falling short of the minimum means cash is what limits.
        failed = ["cash" if f == "down_payment" else f for f in failed]
    return failed


def resolve_for_max_price(scenario: dict) -> Terms:
    """Validate a max_price scenario (cash_available required; optional fixed down-payment share)."""
    terms = resolve(scenario, MAX_PRICE_KEYS)
    if scenario.get("cash_available") is None:
        raise InputError("missing_field", "cash_available")
    terms.down_payment_rate = _share(scenario, "down_payment_rate")
    return terms


def highest_price(terms: Terms) -> tuple[int, str]:
    """(price, binding constraint): whole dollars, affordable, and price + 100 not affordable.

    Bracket by doubling, then bisect on whole dollars: about 40 evaluations of closed-form arithmetic.
    Affordability can switch back on above a boundary (e.g. an MI band), so the +100 check continues the
    search instead of trusting monotonicity.
    """
    if terms.blockers:
        return 0, "ineligible"
    failed = _failures(terms, 0.0)
    if failed:
        return 0, failed[0]
    lo = 0
    while True:
        step = 100_000
        hi = lo + step
        while not _failures(terms, float(hi)):
            lo = hi
            step *= 2
            hi = lo + step
            if hi > MAX_PRICE:
                return lo, "loan_limit"
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if _failures(terms, float(mid)):
                hi = mid
            else:
                lo = mid
        if _failures(terms, float(lo + 100)):
            return lo, _failures(terms, float(lo + 1))[0]
        lo += 100


def max_price(scenario: dict) -> dict:
    """The highest whole-dollar price this household can afford, what limits it, and its analysis."""
    terms = resolve_for_max_price(scenario)
    price, binding = highest_price(terms)
    analysis = report(terms, price_out(terms, float(price), _down_for(terms, float(price))))
    return {"price": price, "binding_constraint": binding, "analysis": analysis}
