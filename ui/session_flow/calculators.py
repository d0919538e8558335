"""Each calculator's end of the session flow: the typed scenario it saves, the household facts it can
update, and the amounts it hands to the next calculator of the visit."""

from __future__ import annotations

import json

import streamlit as st

from db import scenario_schemas as schemas
from db.household_context import HouseholdContext
from db.local_time import today_local
from ui.budget import tables as budget_tables
from ui.session_flow import save, seeds
from ui.session_flow.banner import settle
from ui.text import _

AFFORDABILITY_WIDGETS = (
    "mode", "loan", "rate", "term", "income", "car", "cards", "student", "other_debt", "credit", "area",
    "aff_id_type", "aff_residency", "vet", "va_used", "va_exempt", "cash", "reserves", "dp_pct", "price",
    "down", "tax", "homestead", "ins", "closing", "min_down", "hoa", "seller", "dpa", "pmi", "limits",
)  # fmt: skip
ASSISTANCE_WIDGETS = (
    "dpa_area", "dpa_size", "dpa_income", "dpa_borrower", "dpa_assets", "dpa_first", "dpa_id", "dpa_status",
    "dpa_credit", "dpa_employer", "dpa_price", "dpa_loan", "dpa_loan_amount", "dpa_sell_year", "dpa_rate",
    "dpa_debts",
)  # fmt: skip
BUDGET_WIDGETS = (
    "savings", "banked", "debt_budget", "credit_score", "starter_goal", "starting_balance", "irregular_cash",
    "transfers_per_month", "tanda_members", "tanda_payout_month", "gross_income", "goal", "monthly_deposit",
    "savings_rate",
)  # fmt: skip
TABLES_BASELINE = "sf_budget_tables_baseline"  # the budget's tables as first drawn (to tell an edited one)
TABLES_SAVED = "sf_budget_tables_saved"  # True when the tables came from a saved budget
TENANT_WIDGETS = ("tr_place", "tr_topic")


def _amount(value):
    return None if value is None else float(value)


def affordability(mode: str, scenario: dict, debts: dict, analysis: dict | None, result: dict | None) -> None:
    """Carry income, debts, savings and price on; offer to save when there is an analysis."""
    settle("affordability")  # after "Use blank values": the browser shows the new values
    seeds.remember(
        "affordability",
        save.widget_values(AFFORDABILITY_WIDGETS),
        monthly_income=_amount(scenario.get("gross_monthly_income")),
        debts={k: float(v or 0) for k, v in debts.items()},
        savings=_amount(scenario.get("cash_available")),
        price=_amount(analysis["price"]) if analysis else None,
    )
    if analysis is None:
        return
    typed = schemas.Affordability(
        mode=mode,
        price=analysis["price"],
        monthly_total=analysis["monthly"]["total"],
        down_payment=analysis["down_payment"],
        cash_to_close=analysis["cash_to_close"],
        loan_type=scenario["loan_type"],
        front_dti=analysis["front_dti"],
        back_dti=analysis["back_dti"],
        eligible=analysis["eligible"],
        binding_constraint=result["binding_constraint"] if result else None,
        gross_monthly_income=scenario.get("gross_monthly_income"),
        monthly_debts=scenario.get("monthly_debts"),
        cash_available=scenario.get("cash_available"),
    )
    save.save_panel(
        "affordability",
        typed,
        AFFORDABILITY_WIDGETS,
        page_facts=seeds.family_facts(
            "affordability",
            save.widget_values(AFFORDABILITY_WIDGETS),
            {
                "annual_income": round(float(scenario.get("gross_monthly_income") or 0) * 12, 2),
                "monthly_debts": scenario.get("monthly_debts"),
                "savings": scenario.get("cash_available"),
            },
        ),
    )


def assistance(household: dict, purchase: dict, eligible: list, stacked: dict, debts) -> None:
    settle("assistance")  # after "Use blank values": the browser shows the new values
    seeds.remember(
        "assistance",
        save.widget_values(ASSISTANCE_WIDGETS),
        annual_income=_amount(household.get("annual_household_income")),
        household_size=household.get("household_size"),
        savings=_amount(household.get("liquid_assets")),
        debts={"other_debt": float(debts or 0)},
        price=_amount(purchase.get("price")),
    )
    typed = schemas.Assistance(
        programs=tuple(schemas.ProgramAmount(r["program"], r["amount"] or None) for r in eligible),
        combined_programs=tuple(stacked.get("programs") or ()),
        total_assistance=stacked.get("total"),
        jurisdiction=household.get("jurisdiction"),
        household_size=household.get("household_size"),
        annual_household_income=household.get("annual_household_income"),
        liquid_assets=household.get("liquid_assets"),
        price=purchase.get("price"),
        monthly_debts=_amount(debts),
    )
    save.save_panel(
        "assistance",
        typed,
        ASSISTANCE_WIDGETS,
        page_facts=seeds.family_facts(
            "assistance",
            save.widget_values(ASSISTANCE_WIDGETS),
            {
                "annual_income": household.get("annual_household_income"),
                "household_size": household.get("household_size"),
                "monthly_debts": _amount(debts),
                "savings": household.get("liquid_assets"),
            },
        ),
    )


def budget_arrival(ctx: HouseholdContext, restored: dict | None) -> None:
    """On arriving at the budget coach, its tables start from the budget opened again on the client file,
    else from the file's latest saved budget (the examples when there is none, or with blank values)."""
    st.session_state.pop(TABLES_BASELINE, None)
    latest = ctx.latest.get("budget") or (None, None, None)
    scenario = restored["row"]["scenario"] if restored else latest[1]
    found = isinstance(scenario, schemas.Budget) and bool(scenario.tables)
    st.session_state[TABLES_SAVED] = found  # the family's tables, not the examples
    if found:
        budget_tables.restore(scenario.tables)


def budget(summary: dict, tables: dict) -> None:
    settle("budget")  # after "Use blank values": the browser shows the new values
    shown = json.dumps(tables, sort_keys=True, default=str)
    first = st.session_state.setdefault(TABLES_BASELINE, shown)
    tables_theirs = shown != first or bool(st.session_state.get(TABLES_SAVED))
    seeds.remember(
        "budget",
        save.widget_values(BUDGET_WIDGETS),
        theirs={"debts": tables_theirs},
        savings=summary.get("savings"),
        debts={"other_debt": summary.get("monthly_debt_payments") or 0.0},
        credit_score=summary.get("credit_score"),
    )
    typed = schemas.Budget(
        monthly_income=summary["monthly_income"],
        monthly_spending=summary["monthly_spending"],
        left_over=summary["left_over"],
        monthly_debt_payments=summary.get("monthly_debt_payments"),
        total_debt=summary.get("total_debt"),
        savings=summary.get("savings"),
        emergency_fund_months=summary.get("emergency_fund_months"),
        credit_score=summary.get("credit_score"),
        categories={k: float(v) for k, v in (summary.get("categories") or {}).items()},
        tables=tables,
    )
    save.save_panel(
        "budget",
        typed,
        BUDGET_WIDGETS,
        page_facts=seeds.family_facts(
            "budget",
            save.widget_values(BUDGET_WIDGETS),
            {"monthly_debts": summary.get("monthly_debt_payments"), "savings": summary.get("savings")},
            theirs={"debts": tables_theirs},
        ),
        touched=shown != first,  # a table edited counts as typed, like a field
    )


def tenant_checklist(place: str, topic: str, answers: dict, flags: list) -> None:
    settle("tenant_checklist")  # after "Use blank values": the browser shows the new values
    typed = schemas.TenantChecklist(
        place=place,
        topic=topic,
        answers=dict(answers),
        red_flags=tuple(f["id"] for f in flags if f["flag"] == "red"),
        to_check=tuple(f["id"] for f in flags if f["flag"] == "check"),
        as_of=today_local(),
    )
    save.save_panel(
        "tenant_checklist",
        typed,
        TENANT_WIDGETS,
        label=_("Save checklist progress to the client file"),
        touched=bool(answers),  # an answer is always typed: the checklist starts unanswered
    )
