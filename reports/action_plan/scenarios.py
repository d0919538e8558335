"""What the plan shows of each saved scenario, with every label put in the plan's language at print time.

A saved scenario (db.scenario_schemas) holds codes and numbers: a budget category, a program id, a tenant
checklist item id, a loan type. Here each code becomes words in `lang` (the screen's, or one copy of a
printed plan), so a scenario saved in Spanish prints in English and the reverse, and no code is shown.
Pure: no Streamlit, no database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import i18n
from calculators import rules
from curricula import tenant_rights
from db import scenario_schemas as schemas
from i18n import N_
from i18n.labels import BUDGET_CATEGORY_LABELS

LOAN_LABELS = {
    "conventional": N_("Conventional loan"),
    "fha": N_("FHA loan"),
    "va": N_("VA loan (veterans)"),
    "usda": N_("USDA loan (rural areas)"),
    "itin": N_("ITIN loan"),
}
CATEGORY_LABELS = BUDGET_CATEGORY_LABELS  # the budget coach's words for each category
UNKNOWN_CATEGORY = N_("Other spending")
UNKNOWN_PROGRAM = N_("A down-payment assistance program")
BUDGET_FIGURES = (
    ("monthly_income", N_("Money coming in each month")),
    ("monthly_spending", N_("Spending plan each month")),
    ("left_over", N_("What is left each month")),
    ("monthly_debt_payments", N_("Debt payments each month")),
    ("total_debt", N_("Total debt owed")),
    ("savings", N_("Savings")),
)


def scenario_of(plan: dict, kind: str):
    """The typed latest scenario of `kind` in a plan dict (reports.action_plan.data), or None."""
    entry = (plan.get("scenarios") or {}).get(kind) or {}
    typed = entry.get("scenario")
    return typed if isinstance(typed, schemas.KINDS.get(kind, ())) else None


def saved_on(plan: dict, kind: str) -> dt.date | None:
    return ((plan.get("scenarios") or {}).get(kind) or {}).get("saved_on")


def t(message: str, lang: str) -> str:
    return i18n.gettext(message, lang)


# --- budget ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetView:
    figures: list[tuple[str, float]]  # (label, amount) in the order printed
    bars: list[tuple[str, float]]  # spending by category, labelled, largest first
    left_over: float | None


def category_label(code: str, lang: str) -> str:
    return t(CATEGORY_LABELS.get(code, UNKNOWN_CATEGORY), lang)


def budget_view(budget: schemas.Budget | None, lang: str) -> BudgetView | None:
    if budget is None:
        return None
    figures = [
        (t(label, lang), getattr(budget, key))
        for key, label in BUDGET_FIGURES
        if getattr(budget, key) is not None
    ]
    merged: dict[str, float] = {}
    for code, amount in budget.categories.items():
        if amount and amount > 0:
            label = category_label(code, lang)
            merged[label] = merged.get(label, 0.0) + amount
    bars = sorted(merged.items(), key=lambda pair: -pair[1])
    if not figures and not bars:
        return None
    return BudgetView(figures, bars, budget.left_over)


# --- buying a home ------------------------------------------------------------------------------------


# What the plan shows of a home-buying estimate, in order: the screen's preview and the printed plan alike.
# The income and debts it was worked out from come first, so the family sees their own numbers.
HOME_FIGURES = (
    ("gross_monthly_income", N_("Income a month used for this estimate")),
    ("monthly_debts", N_("Debt payments a month used for this estimate")),
    ("price", N_("Home price to aim for")),
    ("monthly_total", N_("Monthly home payment (with taxes and insurance)")),
    ("down_payment", N_("Down payment")),
    ("cash_to_close", N_("Cash needed to buy (down payment and closing costs)")),
)


def home_figures(home: schemas.Affordability | None, lang: str) -> list[tuple[str, float]]:
    """(label in `lang`, amount) for each figure of the estimate that is known."""
    if home is None:
        return []
    return [
        (t(label, lang), getattr(home, key)) for key, label in HOME_FIGURES if getattr(home, key) is not None
    ]


def loan_label(code: str | None, lang: str) -> str:
    return t(LOAN_LABELS[code], lang) if code in LOAN_LABELS else ""


@cache
def _program_names(program_id: str) -> dict:
    """The program's bilingual name from its newest rule row (a closed program keeps its last name)."""
    try:
        rows = rules.load(f"assistance/{program_id}")["program"]
    except Exception:  # an id no rule file knows: the plan prints a general name, never the id
        return {}
    named = [r for r in rows if isinstance(r.get("name"), dict)]
    if not named:
        return {}
    return dict(max(named, key=lambda r: rules.as_date(r["effective_from"]))["name"])


def program_name(program_id: str, lang: str) -> str:
    names = _program_names(program_id)
    return i18n.text(names, lang) if names else t(UNKNOWN_PROGRAM, lang)


def program_rows(assistance: schemas.Assistance | None, lang: str) -> list[tuple[str, float | None]]:
    """(program name in `lang`, amount or None) for each program that may fit."""
    if assistance is None:
        return []
    return [(program_name(p.program, lang), p.amount) for p in assistance.programs]


# --- renting ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TenantLine:
    flag: str  # "red" (warning sign) or "check" (not sure: to check)
    question: str
    what_to_do: str
    whom_to_call: list[str]


@cache
def _items_by_id() -> dict[str, dict]:
    return {item["id"]: item for item in tenant_rights.all_items()}


def _contact(cid: str, lang: str) -> str:
    contact = tenant_rights.contacts().get(cid)
    if contact is None:
        return ""
    parts = [p for p in (contact.get("phone"), contact.get("url")) if p]
    name = i18n.text(contact["name"], lang)
    return f"{name}: {', '.join(parts)}" if parts else name


def tenant_lines(checklist: schemas.TenantChecklist | None, lang: str) -> list[TenantLine]:
    """Each flagged checklist item in `lang`: the question, what to do and whom to call (unknown ids skipped)."""
    if checklist is None:
        return []
    items = _items_by_id()
    lines = []
    for flag, ids in (("red", checklist.red_flags), ("check", checklist.to_check)):
        for item_id in ids:
            item = items.get(item_id)
            if item is None:
                continue
            lines.append(
                TenantLine(
                    flag,
                    i18n.text(item["text"], lang),
                    i18n.text(item["next_steps"], lang),
                    [c for c in (_contact(cid, lang) for cid in item.get("contacts", [])) if c],
                )
            )
    return lines
