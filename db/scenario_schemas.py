"""One typed, versioned schema per kind of saved scenario: the calculator that saves it, the client file
that lists it and the plan that prints it all read the same dataclass, never a dict with guessed keys.

A saved scenario stores codes and numbers only (a program id, a budget category, a tenant checklist
item id, a loan type): labels are put in the reader's language when the scenario is shown or printed.
`widgets` keeps the calculator's form values by widget key, so "Open again" restores the screen exactly.

Pure: no Streamlit, no database. `parse` validates on save and on load and raises ScenarioError.
Rows saved before these schemas existed (version 0) are read through `upgrade_legacy`, the same
conversion (db.scenario_legacy) migration 0008 applied to the rows on file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from dataclasses import dataclass, field

SCHEMA_VERSION = 1
CODE = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,79}$")  # program ids, categories, checklist item ids, places
WIDGET_KEY = re.compile(r"^[A-Za-z0-9_]{1,60}$")
MAX_WIDGETS = 120
LOAN_TYPES = ("conventional", "fha", "va", "usda", "itin")
ANSWERS = ("yes", "no", "not_sure")


class ScenarioError(ValueError):
    """A saved scenario that does not fit its kind's schema: `.code` is stable, `.field` names the value."""

    def __init__(self, code: str, field_name: str = ""):
        super().__init__(f"{code}: {field_name}" if field_name else code)
        self.code = code
        self.field = field_name


# --- checks -----------------------------------------------------------------------------------------


def _number(value, name: str, *, optional: bool = True, minimum: float | None = None) -> float | None:
    if value is None or value == "":
        if optional:
            return None
        raise ScenarioError("missing_field", name)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ScenarioError("not_a_number", name)
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise ScenarioError("not_a_number", name)
    if minimum is not None and value < minimum:
        raise ScenarioError("negative_amount", name)
    return value


def _code(value, name: str, *, optional: bool = True, allowed: tuple | None = None) -> str | None:
    if value is None or value == "":
        if optional:
            return None
        raise ScenarioError("missing_field", name)
    if not isinstance(value, str) or not CODE.match(value):
        raise ScenarioError("not_a_code", name)
    if allowed is not None and value not in allowed:
        raise ScenarioError("unknown_option", name)
    return value


def _codes(values, name: str) -> list[str]:
    if values is None:
        return []
    if not isinstance(values, (list, tuple)):
        raise ScenarioError("not_a_list", name)
    return [_code(v, name, optional=False) for v in values]


def _bool(value, name: str) -> bool | None:
    if value is None:
        return None
    if not isinstance(value, bool):
        raise ScenarioError("not_a_boolean", name)
    return value


def _widgets(values) -> dict:
    """Form values by widget key: scalars only (a restored widget takes exactly what was on screen)."""
    if values is None:
        return {}
    if not isinstance(values, dict) or len(values) > MAX_WIDGETS:
        raise ScenarioError("not_a_mapping", "widgets")
    out = {}
    for key, value in values.items():
        if not isinstance(key, str) or not WIDGET_KEY.match(key):
            raise ScenarioError("not_a_code", "widgets")
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            raise ScenarioError("not_a_number", f"widgets.{key}")
        if value is not None and not isinstance(value, (str, int, float, bool)):
            raise ScenarioError("not_a_scalar", f"widgets.{key}")
        if isinstance(value, str) and len(value) > 200:
            raise ScenarioError("too_long", f"widgets.{key}")
        out[key] = value
    return out


def _day(value, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as err:
        raise ScenarioError("not_a_date", name) from err


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class _Schema:
    """Shared by every kind: `inputs()` and `summary()` are what the scenario row stores."""

    kind = ""
    INPUT_FIELDS: tuple[str, ...] = ("widgets",)

    def as_dict(self) -> dict:
        return _plain(dataclasses.asdict(self))

    def inputs(self) -> dict:
        data = self.as_dict()
        return {k: data[k] for k in self.INPUT_FIELDS}

    def summary(self) -> dict:
        data = self.as_dict()
        return {k: v for k, v in data.items() if k not in self.INPUT_FIELDS}


# --- the kinds ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Affordability(_Schema):
    """Home affordability: the price judged (or the highest one), its monthly cost and the cash to buy."""

    mode: str = "afford"
    price: float | None = None
    monthly_total: float | None = None
    down_payment: float | None = None
    cash_to_close: float | None = None
    loan_type: str | None = None
    front_dti: float | None = None
    back_dti: float | None = None
    eligible: bool | None = None
    binding_constraint: str | None = None
    gross_monthly_income: float | None = None
    monthly_debts: float | None = None
    cash_available: float | None = None
    widgets: dict = field(default_factory=dict)
    kind = "affordability"

    @classmethod
    def parse(cls, inputs: dict, summary: dict) -> Affordability:
        return cls(
            mode=_code(summary.get("mode"), "mode") or "afford",
            price=_number(summary.get("price"), "price", minimum=0),
            monthly_total=_number(summary.get("monthly_total"), "monthly_total", minimum=0),
            down_payment=_number(summary.get("down_payment"), "down_payment", minimum=0),
            cash_to_close=_number(summary.get("cash_to_close"), "cash_to_close", minimum=0),
            loan_type=_code(summary.get("loan_type"), "loan_type", allowed=LOAN_TYPES),
            front_dti=_number(summary.get("front_dti"), "front_dti"),
            back_dti=_number(summary.get("back_dti"), "back_dti"),
            eligible=_bool(summary.get("eligible"), "eligible"),
            binding_constraint=_code(summary.get("binding_constraint"), "binding_constraint"),
            gross_monthly_income=_number(
                summary.get("gross_monthly_income"), "gross_monthly_income", minimum=0
            ),
            monthly_debts=_number(summary.get("monthly_debts"), "monthly_debts", minimum=0),
            cash_available=_number(summary.get("cash_available"), "cash_available", minimum=0),
            widgets=_widgets(inputs.get("widgets")),
        )


@dataclass(frozen=True)
class ProgramAmount:
    program: str
    amount: float | None = None


@dataclass(frozen=True)
class Assistance(_Schema):
    """Down-payment assistance: the programs that may fit (ids and amounts) and what they add up to."""

    programs: tuple[ProgramAmount, ...] = ()
    combined_programs: tuple[str, ...] = ()
    total_assistance: float | None = None
    jurisdiction: str | None = None
    household_size: int | None = None
    annual_household_income: float | None = None
    liquid_assets: float | None = None
    price: float | None = None
    monthly_debts: float | None = None
    widgets: dict = field(default_factory=dict)
    kind = "assistance"

    @classmethod
    def parse(cls, inputs: dict, summary: dict) -> Assistance:
        raw = summary.get("programs") or []
        if not isinstance(raw, list):
            raise ScenarioError("not_a_list", "programs")
        programs = []
        for item in raw:
            if not isinstance(item, dict):
                raise ScenarioError("not_a_mapping", "programs")
            programs.append(
                ProgramAmount(
                    _code(item.get("program"), "programs", optional=False),
                    _number(item.get("amount"), "programs", minimum=0),
                )
            )
        size = _number(summary.get("household_size"), "household_size", minimum=1)
        return cls(
            programs=tuple(programs),
            combined_programs=tuple(_codes(summary.get("combined_programs"), "combined_programs")),
            total_assistance=_number(summary.get("total_assistance"), "total_assistance", minimum=0),
            jurisdiction=_code(summary.get("jurisdiction"), "jurisdiction"),
            household_size=None if size is None else int(size),
            annual_household_income=_number(
                summary.get("annual_household_income"), "annual_household_income", minimum=0
            ),
            liquid_assets=_number(summary.get("liquid_assets"), "liquid_assets", minimum=0),
            price=_number(summary.get("price"), "price", minimum=0),
            monthly_debts=_number(summary.get("monthly_debts"), "monthly_debts", minimum=0),
            widgets=_widgets(inputs.get("widgets")),
        )


@dataclass(frozen=True)
class Budget(_Schema):
    """A budget snapshot: monthly income and spending, debts, savings, and spending by category code."""

    monthly_income: float | None = None
    monthly_spending: float | None = None
    left_over: float | None = None
    monthly_debt_payments: float | None = None
    total_debt: float | None = None
    savings: float | None = None
    emergency_fund_months: float | None = None
    credit_score: float | None = None
    categories: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)  # the income, spending and debt rows, for "Open again"
    widgets: dict = field(default_factory=dict)
    kind = "budget"
    INPUT_FIELDS = ("widgets", "tables")

    @classmethod
    def parse(cls, inputs: dict, summary: dict) -> Budget:
        raw = summary.get("categories") or {}
        if not isinstance(raw, dict):
            raise ScenarioError("not_a_mapping", "categories")
        categories = {
            _code(k, "categories", optional=False): _number(v, "categories", optional=False)
            for k, v in raw.items()
        }
        tables = inputs.get("tables") or {}
        if not isinstance(tables, dict) or not all(isinstance(v, list) for v in tables.values()):
            raise ScenarioError("not_a_mapping", "tables")
        left = _number(summary.get("left_over"), "left_over")
        income = _number(summary.get("monthly_income"), "monthly_income", minimum=0)
        spending = _number(summary.get("monthly_spending"), "monthly_spending", minimum=0)
        if left is None and income is not None and spending is not None:
            left = income - spending
        return cls(
            monthly_income=income,
            monthly_spending=spending,
            left_over=left,
            monthly_debt_payments=_number(
                summary.get("monthly_debt_payments"), "monthly_debt_payments", minimum=0
            ),
            total_debt=_number(summary.get("total_debt"), "total_debt", minimum=0),
            savings=_number(summary.get("savings"), "savings", minimum=0),
            emergency_fund_months=_number(summary.get("emergency_fund_months"), "emergency_fund_months"),
            credit_score=_number(summary.get("credit_score"), "credit_score"),
            categories=categories,
            tables=_plain(tables),
            widgets=_widgets(inputs.get("widgets")),
        )


@dataclass(frozen=True)
class TenantChecklist(_Schema):
    """Tenant checklist progress: the place, the answers by item id, and the items that were flagged."""

    place: str | None = None
    topic: str | None = None
    answers: dict = field(default_factory=dict)
    red_flags: tuple[str, ...] = ()
    to_check: tuple[str, ...] = ()
    as_of: dt.date | None = None
    widgets: dict = field(default_factory=dict)
    kind = "tenant_checklist"
    INPUT_FIELDS = ("widgets", "place", "topic", "answers")

    @classmethod
    def parse(cls, inputs: dict, summary: dict) -> TenantChecklist:
        raw = inputs.get("answers") or {}
        if not isinstance(raw, dict):
            raise ScenarioError("not_a_mapping", "answers")
        answers = {
            _code(k, "answers", optional=False): _code(v, "answers", allowed=ANSWERS) for k, v in raw.items()
        }
        return cls(
            place=_code(inputs.get("place"), "place"),
            topic=_code(inputs.get("topic"), "topic"),
            answers={k: v for k, v in answers.items() if v},
            red_flags=tuple(_codes(summary.get("red_flags"), "red_flags")),
            to_check=tuple(_codes(summary.get("to_check"), "to_check")),
            as_of=_day(summary.get("as_of"), "as_of"),
            widgets=_widgets(inputs.get("widgets")),
        )

    @property
    def answered(self) -> int:
        return len(self.answers)


KINDS: dict[str, type] = {
    "affordability": Affordability,
    "assistance": Assistance,
    "budget": Budget,
    "tenant_checklist": TenantChecklist,
}
Scenario = Affordability | Assistance | Budget | TenantChecklist


def parse(kind: str, inputs, summary, version: int = SCHEMA_VERSION):
    """The typed scenario of a row (or of what a page is about to save); ScenarioError when it does not fit."""
    if kind not in KINDS:
        raise ScenarioError("unknown_kind", "kind")
    inputs = inputs if isinstance(inputs, dict) else {}
    summary = summary if isinstance(summary, dict) else {}
    if version == 0:
        from db.scenario_legacy import upgrade_legacy

        inputs, summary = upgrade_legacy(kind, inputs, summary)
    elif version != SCHEMA_VERSION:
        raise ScenarioError("unknown_version", "schema_version")
    return KINDS[kind].parse(inputs, summary)
