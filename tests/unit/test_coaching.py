"""Coaching tips: every tip is complete and bilingual, and the chooser picks by situation."""

from __future__ import annotations

import pytest

from curricula import coaching


def test_every_tip_is_valid_and_every_situation_has_a_tip():
    rows = coaching.tips()
    assert coaching.problems(list(rows)) == []
    assert {tip["when"] for tip in rows} == coaching.SITUATIONS
    assert all(tip["en"] != tip["es"] for tip in rows)


@pytest.mark.parametrize(
    "situation, expected",
    [
        ({"remittance_fees_high": True}, ["remittance_fees_high"]),
        (
            {"irregular_income": True, "short_weeks": True},
            ["cash_flow_short_weeks", "irregular_income_calendar"],
        ),
        ({"no_bank_account": True, "cash_income": False}, ["no_bank_account"]),
        ({"has_debts": False}, []),
        ({}, []),
    ],
)
def test_tips_for_situation(situation, expected):
    assert [tip["id"] for tip in coaching.tips_for(situation)] == expected


def test_unknown_situation_is_an_error():
    with pytest.raises(ValueError, match="rich_uncle"):
        coaching.tips_for({"rich_uncle": True})


@pytest.mark.parametrize(
    "row, problem",
    [
        ({"id": "x", "when": "has_debts", "en": "a", "es": "b"}, "missing source_url"),
        ({"id": "x", "when": "moon", "en": "a", "es": "b", "source_url": "https://x"}, "unknown situation"),
        ({"id": "x", "when": "has_debts", "en": "a", "es": " ", "source_url": "https://x"}, "empty es"),
        ({"id": "x", "when": "has_debts", "en": "a", "es": "b", "source_url": "http://x"}, "https"),
    ],
)
def test_problems_are_reported(row, problem):
    assert any(problem in p for p in coaching.problems([row]))
