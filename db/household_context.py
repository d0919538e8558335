"""The household context: one typed value, built from the open client file, that every calculator starts from.

Each value carries where it came from (intake and its date, or a saved scenario and its date), so a page
can say so. A logged-out visit, or a counselor who chose blank values, has the same shape, empty.
Pure: no Streamlit, no database (the UI gives it the household record and its latest saved scenarios).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from db import scenario_schemas as schemas
from db.local_time import local_date

INTAKE = "intake"
VISIT = "visit"  # typed in another calculator during this visit


@dataclass(frozen=True)
class Sourced:
    """A value and where it came from: 'intake' or a scenario kind ('budget', ...), and that record's date."""

    value: object
    source: str
    on: dt.date | None = None


@dataclass(frozen=True)
class HouseholdContext:
    household_id: int | None = None
    name: str = ""
    version: int | None = None
    annual_income: Sourced | None = None
    income_frequency: Sourced | None = None  # "annual" on intake; the budget's paychecks say how often
    cash_income_monthly: Sourced | None = None  # paid in cash (the budget's income rows marked cash)
    seasonal_income_yearly: Sourced | None = None  # irregular or seasonal income (the budget's by-month row)
    household_size: Sourced | None = None
    debts: Sourced | None = None  # {kind: monthly payment}: car, cards, student, other_debt
    savings: Sourced | None = None
    jurisdiction: Sourced | None = None
    credit_score: Sourced | None = None
    id_type: Sourced | None = None  # kind only, never a number; sensitive: never in a URL
    residency: Sourced | None = None  # sensitive
    first_time_buyer: Sourced | None = None
    veteran: Sourced | None = None
    current_rent: Sourced | None = None
    latest: dict = field(default_factory=dict)  # kind -> (scenario id, typed scenario, saved on)

    @property
    def is_open(self) -> bool:
        return self.household_id is not None

    def value(self, name: str, default=None):
        found = getattr(self, name, None)
        return default if found is None or found.value is None else found.value

    def sources(self) -> list[tuple[str, Sourced]]:
        """(field name, sourced value) for every value the file gave, in field order."""
        return [
            (f.name, getattr(self, f.name))
            for f in fields(self)
            if isinstance(getattr(self, f.name), Sourced) and getattr(self, f.name).value is not None
        ]


EMPTY = HouseholdContext()
DEBT_KINDS = ("car", "cards", "student", "other_debt")


def _intake_day(household: dict) -> dt.date | None:
    for key in ("updated_at", "opened_on"):
        value = household.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
    return None


def _budget_facts(budget: schemas.Budget, on: dt.date | None) -> dict:
    out = {}
    if budget.savings is not None:
        out["savings"] = Sourced(budget.savings, "budget", on)
    if budget.credit_score:
        out["credit_score"] = Sourced(int(budget.credit_score), "budget", on)
    rent = budget.categories.get("housing") or budget.categories.get("rent")
    if rent:
        out["current_rent"] = Sourced(float(rent), "budget", on)
    if budget.monthly_debt_payments:
        out["debts"] = Sourced({"other_debt": budget.monthly_debt_payments}, "budget", on)
    rows = budget.tables.get("income") or []
    cash = [r for r in rows if isinstance(r, dict) and r.get("form") == "cash"]
    if cash and budget.monthly_income:
        share = sum(float(r.get("amount") or 0) for r in cash) / max(
            1.0, sum(float(r.get("amount") or 0) for r in rows if isinstance(r, dict))
        )
        out["cash_income_monthly"] = Sourced(round(budget.monthly_income * share, 2), "budget", on)
    frequencies = sorted({r.get("frequency") for r in rows if isinstance(r, dict) and r.get("frequency")})
    if frequencies:
        out["income_frequency"] = Sourced(", ".join(frequencies), "budget", on)
    seasonal = [r for r in rows if isinstance(r, dict) and r.get("frequency") == "irregular"]
    if seasonal:
        total = sum(sum(float(x or 0) for x in r.get("by_month") or []) for r in seasonal)
        out["seasonal_income_yearly"] = Sourced(total, "budget", on)
    return out


def _affordability_facts(home: schemas.Affordability, on: dt.date | None) -> dict:
    """Debts typed there and the veteran box. Not its savings: the page starts with an example amount,
    and a saved scenario cannot tell it from one the family gave (the budget and intake say savings)."""
    out = {}
    debts = {k: home.widgets.get(k) for k in DEBT_KINDS if isinstance(home.widgets.get(k), (int, float))}
    if any(debts.values()):
        out["debts"] = Sourced(debts, "affordability", on)
    if home.widgets.get("vet") is True:
        out["veteran"] = Sourced(True, "affordability", on)
    return out


def build(household: dict | None, latest: dict | None = None) -> HouseholdContext:
    """The context of a household record (db.households.household_dict) and its latest typed scenarios.

    `latest` maps a kind to {"id", "scenario", "created_at"} (db.scenarios rows). Intake gives income,
    size, place, ID kind, residency, first-time buyer and the credit score of the HUD answers (no field
    of the file says "veteran": only a saved affordability does); the newest saved budget or affordability gives
    debts, savings, credit score and rent (the newer of the two wins where both have a value).
    """
    if not household:
        return EMPTY
    latest = latest or {}
    on = _intake_day(household)

    def intake(key, value=None):
        value = household.get(key) if value is None else value
        return Sourced(value, INTAKE, on) if value not in (None, "") else None

    values = {
        "annual_income": intake("annual_income"),
        "income_frequency": intake("annual_income", "annual" if household.get("annual_income") else None),
        "household_size": intake("household_size"),
        "jurisdiction": intake("jurisdiction"),
        "id_type": intake("id_type"),
        "residency": intake("residency"),
        "first_time_buyer": intake("first_time_buyer"),
        "savings": intake("savings"),
        "credit_score": intake("credit_score"),  # the client file's HUD answers (db.hud_client)
        "debts": intake("monthly_debts", {"other_debt": household["monthly_debts"]})
        if household.get("monthly_debts")
        else None,
    }
    dated = []
    for kind, facts in (("budget", _budget_facts), ("affordability", _affordability_facts)):
        row = latest.get(kind)
        if row and isinstance(row.get("scenario"), schemas.KINDS[kind]):
            saved = row.get("created_at")
            day = local_date(saved) if isinstance(saved, dt.datetime) else saved
            dated.append((saved or dt.datetime.min, facts(row["scenario"], day)))
    for _saved, facts in sorted(dated, key=lambda pair: pair[0]):  # oldest first: the newest overwrites
        values.update(facts)
    return HouseholdContext(
        household_id=household.get("id"),
        name=household.get("display_name") or "",
        version=household.get("version"),
        latest={
            kind: (row.get("id"), row.get("scenario"), row.get("created_at"))
            for kind, row in latest.items()
            if row
        },
        **values,
    )
