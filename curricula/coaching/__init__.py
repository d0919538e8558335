"""Coaching tips for the budget coach: bilingual TOML, chosen by the household's situation.

`tips()` loads and validates every tip; `tips_for(situation)` returns the tips whose `when` code is true
in `situation`, in file order. No Streamlit here; the page shows `en`/`es` with `ui.text.pick()`.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent
TIP_FIELDS = frozenset({"id", "when", "en", "es", "source_url"})
# The situations the budget coach knows how to describe; a tip's `when` must be one of these.
SITUATIONS = frozenset(
    {
        "spending_over_income",
        "short_weeks",
        "irregular_income",
        "remittance_fees_high",
        "no_bank_account",
        "cash_income",
        "below_starter_cushion",
        "has_debts",
        "dti_over_guideline",
        "in_tanda",
        "no_credit_score",
    }
)


def problems(rows: list) -> list[str]:
    """What is wrong with a list of tip rows (empty when they are all usable)."""
    found, seen = [], set()
    for i, tip in enumerate(rows, start=1):
        if not isinstance(tip, dict):
            found.append(f"tip {i}: not a table")
            continue
        for key in tip.keys() - TIP_FIELDS:
            found.append(f"tip {i}: unknown field {key}")
        for key in TIP_FIELDS - tip.keys():
            found.append(f"tip {i}: missing {key}")
        for key in TIP_FIELDS & tip.keys():
            if not isinstance(tip[key], str) or not tip[key].strip():
                found.append(f"tip {i}: empty {key}")
        when = tip.get("when")
        if not isinstance(when, str) or when not in SITUATIONS:
            found.append(f"tip {i}: unknown situation {tip.get('when')!r}")
        if not str(tip.get("source_url", "")).startswith("https://"):
            found.append(f"tip {i}: source_url must be an https address")
        tip_id = repr(tip.get("id"))  # repr: a malformed id (a list) must not crash the check
        if tip_id in seen:
            found.append(f"tip {i}: duplicate id {tip.get('id')}")
        seen.add(tip_id)
    return found


@cache
def tips() -> tuple[dict, ...]:
    """Every tip in tips.toml, validated; a broken file raises ValueError naming the problems."""
    with (CONTENT_DIR / "tips.toml").open("rb") as f:
        rows = tomllib.load(f).get("tip", [])
    found = problems(rows)
    if found:
        raise ValueError("; ".join(found))
    return tuple(rows)


def tips_for(situation: dict) -> list[dict]:
    """The tips that fit `situation` ({code: bool}); unknown codes are an error, not ignored."""
    unknown = set(situation) - SITUATIONS
    if unknown:
        raise ValueError(f"unknown situation: {', '.join(sorted(unknown))}")
    return [tip for tip in tips() if situation.get(tip["when"])]
