"""Spending plan, 50/30/20 reference, remittance costs, tanda, emergency fund, savings goal, snapshots."""

from __future__ import annotations

import pytest

from calculators import InputError
from calculators.budget import (
    compare_snapshots,
    emergency_fund,
    remittance_costs,
    savings_timeline,
    spending_plan,
    summarize,
    tanda_schedule,
)

PLAN = [
    {"category": "housing", "amount": 1400},
    {"category": "groceries", "amount": 500, "envelope": True},
    {"category": "remittances", "amount": 300},
    {"category": "eating_out", "amount": 100, "envelope": True},
    {"category": "savings", "amount": 200},
]


def test_spending_plan_totals_groups_and_envelopes():
    plan = spending_plan(PLAN, 3000)
    assert plan["total"] == 2500
    assert plan["left_over"] == 500
    assert plan["groups"] == {"needs": 1900, "obligation": 300, "wants": 100, "savings": 200}
    assert plan["envelopes_monthly"] == 600
    assert plan["envelopes_weekly"] == pytest.approx(600 * 12 / 52)


def test_fifty_thirty_twenty_is_a_reference_with_remittances_as_needs():
    ref = spending_plan(PLAN, 3000)["reference"]
    assert ref["needs"]["amount"] == 2200
    assert ref["needs"]["share"] == pytest.approx(2200 / 3000)
    assert ref["wants"]["guide_amount"] == pytest.approx(900)
    assert ref["savings"]["guide_share"] == 0.20


def test_spending_over_income_shows_negative_left_over():
    assert spending_plan(PLAN, 2000)["left_over"] == -500


@pytest.mark.parametrize(
    "items, code",
    [
        ([{"category": "housing", "amount": -1}], "negative_amount"),
        ([{"category": "yachts", "amount": 1}], "unknown_category"),
        ([{"category": "housing", "amount": 1, "note": "x"}], "unknown_field"),
    ],
)
def test_bad_spending(items, code):
    with pytest.raises(InputError) as info:
        spending_plan(items, 1000)
    assert (info.value.code, info.value.field) == (code, "spending")


def test_remittance_costs_cheapest_first_with_fx_margin():
    rows = remittance_costs(
        300,
        [
            {"name": "store", "fee": 12, "fx_margin": 0.03},
            {"name": "app", "fee": 3, "fx_margin": 0.01},
        ],
    )
    assert [r["name"] for r in rows] == ["app", "store"]
    assert rows[0]["cost"] == pytest.approx(6)
    assert rows[1]["share"] == pytest.approx(21 / 300)


@pytest.mark.parametrize(
    "payout, positions",
    [
        (1, [400, 300, 200, 100, 0]),
        (5, [-100, -200, -300, -400, 0]),
    ],
)
def test_tanda_net_position(payout, positions):
    result = tanda_schedule(100, 5, payout)
    assert result["pot"] == 500
    assert [row["net_position"] for row in result["schedule"]] == positions


def test_tanda_payout_month_must_be_in_the_circle():
    with pytest.raises(InputError) as info:
        tanda_schedule(100, 5, 6)
    assert info.value.code == "payout_after_end"


@pytest.mark.parametrize(
    "spending, saved, starter, stage, still_needed",
    [
        (2000, 100, 500, "starter", 400),
        (2000, 500, 500, "three_months", 5500),
        (2000, 6000, 500, "done", 0),
    ],
)
def test_emergency_fund_stages(spending, saved, starter, stage, still_needed):
    result = emergency_fund(spending, saved, starter)
    assert (result["stage"], result["still_needed"]) == (stage, still_needed)


@pytest.mark.parametrize(
    "goal, saved, deposit, rate, months",
    [
        (1200, 0, 100, 0.0, 12),
        (1200, 1200, 0, 0.0, 0),
        (10000, 1000, 250, 0.0, 36),
        (10000, 1000, 250, 0.04, 34),  # 1000*1.00333^34 + 250*(1.00333^34-1)/0.00333 = 10105
    ],
)
def test_savings_timeline(goal, saved, deposit, rate, months):
    result = savings_timeline(goal, saved, deposit, rate)
    assert result["months"] == months
    assert result["final_balance"] >= goal
    assert (result["interest_earned"] > 0) == (rate > 0 and months > 0)


def test_savings_goal_never_reached_without_deposits():
    with pytest.raises(InputError) as info:
        savings_timeline(1000, 0, 0, 0.02)
    assert (info.value.code, info.value.field) == ("never_reached", "monthly_deposit")


def test_summary_has_the_fields_saved_with_a_snapshot():
    plan = spending_plan(PLAN, 3000)
    summary = summarize(
        {"monthly": 3000},
        plan,
        [{"balance": 900, "minimum": 35}],
        savings=1000,
        starter_goal=500,
        credit_score=640,
    )
    assert summary["monthly_income"] == 3000
    assert summary["monthly_spending"] == 2500
    assert summary["left_over"] == 500
    assert summary["total_debt"] == 900
    assert summary["credit_score"] == 640
    assert summary["emergency_fund_months"] == pytest.approx(0.4)
    assert "credit_score" not in summarize({"monthly": 3000}, plan, [], 0, 0)


@pytest.mark.parametrize(
    "before, after, improved, outcomes",
    [
        (
            {
                "monthly_income": 3000,
                "monthly_spending": 2800,
                "savings": 100,
                "total_debt": 5000,
                "left_over": 200,
            },
            {
                "monthly_income": 3000,
                "monthly_spending": 2600,
                "savings": 400,
                "total_debt": 4500,
                "left_over": 400,
            },
            ["savings", "total_debt", "left_over"],
            ["budget_developed", "improved_financial_capacity"],
        ),
        (
            {"monthly_income": 3000, "monthly_spending": 2800, "savings": 100, "credit_score": 600},
            {"monthly_income": 3000, "monthly_spending": 2800, "savings": 50, "credit_score": 600},
            [],
            ["budget_developed"],
        ),
        (
            {"credit_score": 580},
            {"credit_score": 640},
            ["credit_score"],
            ["improved_financial_capacity"],
        ),
    ],
)
def test_compare_snapshots(before, after, improved, outcomes):
    result = compare_snapshots(before, after)
    assert result["improved"] == improved
    assert result["outcomes"] == outcomes


def test_coaching_situation_from_results():
    from calculators.budget import coaching_situation, income_summary

    income = income_summary([{"frequency": "irregular", "by_month": [3000, 1000], "form": "cash"}])
    plan = spending_plan(
        [{"category": "housing", "amount": 2500}, {"category": "tanda", "amount": 100}], 2166.67
    )
    facts = coaching_situation(
        income=income,
        plan=plan,
        calendar={"short_weeks": [1]},
        fund=emergency_fund(2600, 0, 500),
        debts=[{"balance": 300}],
        remittance_share=0.07,
        remittance_ceiling=0.05,
        banked=False,
        ready={"debt_payments_to_cut": 50.0},
    )
    assert all(facts.values()), [k for k, v in facts.items() if not v]
    calm = coaching_situation(income=income_summary([]), plan=spending_plan([], 100), credit_score=700)
    assert not any(calm.values()), [k for k, v in calm.items() if v]
