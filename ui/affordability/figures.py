"""Rates and dates for the affordability page, in the reader's language with only the decimals they need."""

from __future__ import annotations

import math

from ui.text import date, percent

# A rule's rate never needs more than three decimals of a percent (0.125%).
MAX_DIGITS = 3


def rate(ratio) -> str:
    """A rule's rate as a percent with the decimals it needs: 0.28 -> 28%, 0.0085 -> 0.85%, 0.00125 -> 0.125%."""
    shown = float(ratio) * 100
    if not math.isfinite(shown):
        return percent(0, 0)
    shown = round(shown, MAX_DIGITS)
    digits = next((d for d in range(MAX_DIGITS) if round(shown, d) == shown), MAX_DIGITS)
    return percent(ratio, digits)


def day(value) -> str:
    """A date written out like the rest of the page ("December 7, 2026", "7 de diciembre de 2026")."""
    try:
        return date(value, "long")
    except (TypeError, ValueError):  # not a date after all: shown as it came
        return str(value)
