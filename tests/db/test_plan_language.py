"""The printed plan speaks the family's language, never codes (issue #22, item 1).

Scenarios are saved in one language (typed rows, and rows the screens saved before the typed schemas,
with Spanish names beside the codes); the plan printed in the other language, in Spanish, English and
both, must show every label in the copy's language and no internal id.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from db import scenario_schemas as schemas
from db import scenarios
from db.engine import transaction
from db.models import Office, Scenario
from reports.action_plan import layout
from reports.action_plan.build import build_pdf
from reports.action_plan.data import load_plan

TODAY = dt.date(2026, 3, 5)
ADDRESS = "3000 14th St NW, Washington, DC 20009"
IDS = [
    "dc-sign-bill-of-rights",
    "dc-sign-license",
    "dc-movein-inspection",
    "dc_hpap",
    "dc_open_doors",
    "phone_internet",
    "health_care",
    "eating_out",
    "Phone internet",
    "Health care".replace(" ", "_"),
]
# Labels of one language that must never reach the other language's copy.
SPANISH = [
    "Programa de Asistencia para Comprar Vivienda de DC",
    "Puertas Abiertas",
    "Carta de Derechos del Inquilino",
    "Oficina del Defensor del Inquilino",
    "Préstamo FHA",
    "Teléfono e internet",
    "Comer fuera",
]
ENGLISH = [
    "Home Purchase Assistance Program",
    "Tenant Bill of Rights",
    "Office of the Tenant Advocate",
    "FHA loan",
    "Phone and internet",
    "Eating out",
    "Health care",
]
LEGACY_SPANISH_ROWS = [  # what the screens saved before the typed schemas, with the screen in Spanish
    (
        "tenant_checklist",
        {"place": "dc", "topic": "all", "answers": {"dc-sign-bill-of-rights": "no", "dc-sign-license": "no"}},
        {"red_flags": ["dc-sign-bill-of-rights", "dc-sign-license"], "to_check": [], "answered": 2},
    ),
    (
        "assistance",
        {"household": {"jurisdiction": "dc", "household_size": 4}, "purchase": {}},
        {
            "eligible": [
                {
                    "program": "dc_hpap",
                    "name": "Programa de Asistencia para Comprar Vivienda de DC (HPAP)",
                    "amount": 202000,
                }
            ],
            "combined_programs": ["dc_hpap"],
            "total_assistance": 202000,
        },
    ),
]


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def household(agency):
    """The north household with an office address, legacy Spanish rows, then newer typed rows."""
    engine, counselor = agency["engine"], agency["users"]["counselor"]
    household_id = agency["households"]["north"]
    with transaction(engine) as s:
        s.get(Office, counselor["office_id"]).address = ADDRESS
        for kind, inputs, summary in LEGACY_SPANISH_ROWS:
            s.add(
                Scenario(
                    household_id=household_id,
                    kind=kind,
                    inputs=inputs,
                    summary=summary,
                    created_at=dt.datetime(2026, 1, 10),
                )
            )
    scenarios.save(
        engine,
        counselor,
        household_id,
        schemas.Budget(
            monthly_income=4000,
            monthly_spending=3500,
            left_over=500,
            categories={"housing": 1800, "phone_internet": 120, "health_care": 90, "eating_out": 150},
        ),
    )
    scenarios.save(
        engine,
        counselor,
        household_id,
        schemas.Affordability(price=300000, monthly_total=2100, cash_to_close=9000, loan_type="fha"),
    )
    return engine, counselor, household_id


@pytest.fixture
def chart_bars(monkeypatch):
    """The labelled bars each printed budget chart is drawn from (the chart is an image pypdf cannot read)."""
    drawn = []
    real = layout.bar_chart_png

    def spy(bars, **kwargs):
        drawn.append([label for label, _amount in bars])
        return real(bars, **kwargs)

    monkeypatch.setattr(layout, "bar_chart_png", spy)
    return drawn


@pytest.mark.parametrize(
    "lang, present, absent",
    [
        (
            "en",
            [
                "DC Home Purchase Assistance Program (HPAP)",
                "Tenant Bill of Rights",
                "FHA loan",
                "Whom to call",
            ],
            SPANISH,
        ),
        (
            "es",
            ["Programa de Asistencia para Comprar Vivienda de DC (HPAP)", "Préstamo FHA", "A quién llamar"],
            ENGLISH,
        ),
    ],
)
def test_plan_prints_every_label_in_its_language_and_no_code(household, chart_bars, lang, present, absent):
    engine, counselor, household_id = household
    plan = load_plan(engine, counselor, household_id, action="plan_printed", today=TODAY)
    text = pdf_text(build_pdf(plan, lang))
    assert [p for p in present if p not in text] == []
    assert [a for a in absent if a in text] == []
    assert [code for code in IDS if code in text] == []
    assert ADDRESS in text
    (bars,) = chart_bars
    assert [a for a in absent if a in " ".join(bars)] == []
    assert not any("_" in label for label in bars)


def test_both_languages_print_each_copy_in_its_own_words(household, chart_bars):
    engine, counselor, household_id = household
    plan = load_plan(engine, counselor, household_id, action="plan_printed", today=TODAY)
    text = pdf_text(build_pdf(plan, "both"))
    spanish, english = text.split("Your action plan", 1)
    assert "Programa de Asistencia para Comprar Vivienda de DC (HPAP)" in spanish
    assert "DC Home Purchase Assistance Program (HPAP)" in english
    assert [a for a in ENGLISH if a in spanish] == []
    assert [a for a in SPANISH if a in english] == []
    assert [code for code in IDS if code in text] == []
    spanish_bars, english_bars = chart_bars
    assert "Teléfono e internet" in " ".join(spanish_bars) or "internet" in " ".join(spanish_bars)
    assert "Phone and internet" in english_bars and "Phone and internet" not in spanish_bars
