"""Dollar amounts typed into a form or an import: checked once, the same way for every field."""

from __future__ import annotations

import math

from calculators import InputError


def optional_amount(value, key: str, maximum: float) -> float | None:
    """None when left blank; otherwise a finite amount from 0 to `maximum`, or an InputError on `key`."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise InputError("not_a_number", key)
    try:
        amount = float(value)
    except (TypeError, ValueError) as err:
        raise InputError("not_a_number", key) from err
    if math.isnan(amount) or math.isinf(amount):
        raise InputError("not_a_number", key)
    if amount < 0:
        raise InputError("negative_amount", key)
    if amount > maximum:
        raise InputError("out_of_range", key)
    return amount
