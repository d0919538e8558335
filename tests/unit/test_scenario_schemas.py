"""Saved scenarios have one typed, versioned schema per kind: validated on save and on load."""

from __future__ import annotations

import datetime as dt

import pytest

from db import scenario_schemas as schemas
from db.scenario_schemas import ScenarioError, parse

EXAMPLES = [
    schemas.Affordability(
        mode="afford",
        price=285000,
        monthly_total=1980.5,
        cash_to_close=4200,
        loan_type="fha",
        eligible=True,
        binding_constraint="back_dti",
        widgets={"income": 5025.0, "loan": "fha", "vet": False},
    ),
    schemas.Assistance(
        programs=(schemas.ProgramAmount("dc_hpap", 202000), schemas.ProgramAmount("dc_open_doors", None)),
        combined_programs=("dc_hpap",),
        total_assistance=202000,
        household_size=4,
        jurisdiction="dc",
    ),
    schemas.Budget(
        monthly_income=4830,
        monthly_spending=4310,
        left_over=520,
        categories={"housing": 1850.0},
        tables={"debts": [{"name": "Car", "balance": 7800.0, "apr": 8.9, "minimum": 240.0}]},
    ),
    schemas.TenantChecklist(
        place="dc",
        topic="all",
        answers={"dc-sign-license": "no"},
        red_flags=("dc-sign-license",),
        as_of=dt.date(2026, 12, 5),
    ),
]


@pytest.mark.parametrize("typed", EXAMPLES, ids=lambda t: t.kind)
def test_a_saved_scenario_reads_back_exactly(typed):
    assert parse(typed.kind, typed.inputs(), typed.summary()) == typed


@pytest.mark.parametrize(
    "kind, inputs, summary, code, field",
    [
        ("affordability", {}, {"price": "lots"}, "not_a_number", "price"),
        ("affordability", {}, {"price": -1}, "negative_amount", "price"),
        ("affordability", {}, {"price": float("nan")}, "not_a_number", "price"),
        ("affordability", {}, {"loan_type": "jumbo"}, "unknown_option", "loan_type"),
        ("affordability", {"widgets": {"bad key!": 1}}, {}, "not_a_code", "widgets"),
        ("affordability", {"widgets": {"ok": [1, 2]}}, {}, "not_a_scalar", "widgets.ok"),
        ("assistance", {}, {"programs": [{"name": "Programa de Asistencia"}]}, "missing_field", "programs"),
        (
            "assistance",
            {},
            {"programs": [{"program": "Programa de Asistencia (HPAP)"}]},
            "not_a_code",
            "programs",
        ),
        ("assistance", {}, {"programs": "dc_hpap"}, "not_a_list", "programs"),
        ("budget", {}, {"categories": {"Phone internet": 10}}, "not_a_code", "categories"),
        ("budget", {}, {"categories": [1]}, "not_a_mapping", "categories"),
        ("tenant_checklist", {"answers": {"dc-sign-license": "maybe"}}, {}, "unknown_option", "answers"),
        (
            "tenant_checklist",
            {},
            {"red_flags": [{"en": "Deposit", "es": "Depósito"}]},
            "not_a_code",
            "red_flags",
        ),
        ("retirement", {}, {}, "unknown_kind", "kind"),
    ],
)
def test_what_does_not_fit_the_schema_is_refused(kind, inputs, summary, code, field):
    with pytest.raises(ScenarioError) as err:
        parse(kind, inputs, summary)
    assert (err.value.code, err.value.field) == (code, field)


def test_an_unknown_version_is_refused():
    with pytest.raises(ScenarioError) as err:
        parse("budget", {}, {}, version=99)
    assert err.value.code == "unknown_version"


@pytest.mark.parametrize(
    "kind, inputs, summary, expected",
    [
        (
            "affordability",
            {"mode": "afford", "loan_type": "fha", "gross_monthly_income": 5025.0, "monthly_debts": 400.0},
            {"max_price": 250000, "monthly": {"total": 1800.5}, "binding_constraint": "cash"},
            {"price": 250000, "monthly_total": 1800.5, "loan_type": "fha", "monthly_debts": 400.0},
        ),
        (
            "assistance",
            {"household": {"household_size": 3, "jurisdiction": "dc"}, "purchase": {"price": 300000}},
            {
                "eligible": [{"program": "dc_hpap", "name": "Programa (HPAP)", "amount": 5}],
                "combined_programs": ["dc_hpap"],
                "total_assistance": 5,
            },
            {"programs": (schemas.ProgramAmount("dc_hpap", 5.0),), "household_size": 3, "price": 300000},
        ),
        (
            "assistance",
            {},
            {"programs": [{"program": "dc_eahp", "eligible": False}, {"name": "only a name"}]},
            {"programs": ()},
        ),
        (
            "budget",
            {"income": [{"name": "Job", "amount": 500}]},
            {"income": 3000, "spending": 3200, "categories": {"rent": 1500, "Phone internet": 3}},
            {"monthly_income": 3000, "left_over": -200, "categories": {"rent": 1500}},
        ),
        (
            "tenant_checklist",
            {"place": "dc", "answers": {"dc-sign-license": "no", "x": "maybe"}},
            {"red_flags": ["dc-sign-license", {"en": "free text", "es": "texto"}], "as_of": "2026-11-02"},
            {
                "red_flags": ("dc-sign-license",),
                "answers": {"dc-sign-license": "no"},
                "as_of": dt.date(2026, 11, 2),
            },
        ),
    ],
)
def test_rows_saved_before_the_schemas_are_read_through_them(kind, inputs, summary, expected):
    typed = parse(kind, inputs, summary, version=0)
    assert {key: getattr(typed, key) for key in expected} == expected
    assert parse(kind, typed.inputs(), typed.summary()) == typed  # and the result is a valid version 1
