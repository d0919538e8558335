"""The printed action plan: every section in both languages, any name prints, empty sections say so."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from db import scenario_schemas as schemas
from reports import charts
from reports.action_plan.__main__ import main
from reports.action_plan.build import build_pdf, plan_languages

TODAY = dt.date(2026, 3, 5)


def rich_plan(name: str = "María José Núñez Pérez", lang: str = "es") -> dict:
    """A plan with something in every section (the shape reports.action_plan.data.load_plan returns)."""
    return {
        "household": {
            "id": 7,
            "name": name,
            "language": lang,
            "housing_status": "renter",
            "jurisdiction": "dc",
            "household_size": 4,
            "stage": "budget",
            "members": [],
        },
        "agency": {
            "name": "Agencia Camino",
            "office": "Oficina Norte",
            "phone": "(202) 555-0100",
            "address": "",
        },
        "counselor": {"name": "Ana Lucía Peña", "hud_id": "HUD-7654321"},
        "date": TODAY,
        "next_follow_up": dt.date(2026, 4, 2),
        "given_plan_on": None,
        "summary": "Alquilan en Columbia Heights y quieren comprar en dos años.",
        "goals": ["Ahorrar $6,000 para el pago inicial", "Subir el crédito a 640"],
        "steps": [
            {
                "text": "Abrir una cuenta de ahorros",
                "owner": "client",
                "due_date": dt.date(2026, 3, 20),
                "status": "open",
            },
            {
                "text": "Revisar el reporte de crédito",
                "owner": "counselor",
                "due_date": None,
                "status": "done",
            },
        ],
        "scenarios": {
            kind: {"scenario": typed, "saved_on": dt.date(2026, 2, 20)}
            for kind, typed in (
                (
                    "budget",
                    schemas.Budget(
                        monthly_income=4830,
                        monthly_spending=4310,
                        left_over=520,
                        total_debt=3200,
                        categories={
                            "housing": 1850,
                            "groceries": 900,
                            "remittances": 400,
                            "transportation": 380,
                        },
                    ),
                ),
                (
                    "affordability",
                    schemas.Affordability(
                        price=285000, monthly_total=1980.4, cash_to_close=4200, loan_type="fha"
                    ),
                ),
                ("assistance", schemas.Assistance(programs=(schemas.ProgramAmount("dc_hpap", 202000),))),
                (
                    "tenant_checklist",
                    schemas.TenantChecklist(
                        place="dc", red_flags=("dc-deposit-cap",), answers={"dc-deposit-cap": "no"}
                    ),
                ),
            )
        },
        "milestones": {
            "reached": [{"code": "budget_completed", "achieved_on": dt.date(2026, 2, 1), "value": None}],
            "next": ["credit_report_reviewed", "credit_score_at_target"],
        },
        "referrals": [
            {
                "agency": "Clínica legal",
                "contact": "(202) 555-0142",
                "reason": "Contrato",
                "referred_on": TODAY,
                "follow_up_on": dt.date(2026, 3, 15),
                "status": "open",
            }
        ],
    }


def empty_plan(lang: str = "es") -> dict:
    return {
        "household": {"id": 8, "name": "Nguyễn Thị Ngọc", "language": lang, "housing_status": "owner"},
        "agency": {},
        "counselor": {},
        "date": TODAY,
        "next_follow_up": None,
        "goals": [],
        "steps": [],
        "scenarios": {},
        "milestones": {"reached": [], "next": []},
        "referrals": [],
    }


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def squash(text: str) -> str:
    """Extracted text with whitespace collapsed, so a phrase wrapped across lines still matches."""
    return " ".join(text.split())


SECTIONS = {
    "es": [
        "Su plan de acción",
        "María José Núñez Pérez",
        "Ana Lucía Peña",
        "HUD-7654321",
        "5 de marzo de 2026",
        "Sus metas",
        "Ahorrar $6,000 para el pago inicial",
        "Pasos: quién hace qué, y para cuándo",
        "Su consejero o consejera",
        "20 de marzo de 2026",
        "Su presupuesto del mes",
        "$4,830",
        "Lo que queda cada mes",
        "Comprar una casa",
        "$285,000",
        "$1,980",
        "$4,200",
        "Préstamo FHA",
        "Programa de Asistencia para Comprar Vivienda de DC (HPAP)",
        "$202,000",
        "Su vivienda de alquiler",
        "¿Su depósito de seguridad es de un mes de renta o menos?",
        "Oficina del Defensor del Inquilino de DC (OTA): 202-719-6560",
        "Su avance",
        "Presupuesto completado",
        "Reporte de crédito revisado",
        "Otros lugares que le pueden ayudar",
        "Clínica legal",
        "(202) 555-0142",
        "Próximo seguimiento",
        "2 de abril de 2026",
        "Firma del cliente",
        "Firma del consejero",
        "Página 1 de",
    ],
    "en": [
        "Your action plan",
        "María José Núñez Pérez",
        "HUD-7654321",
        "March 5, 2026",
        "Your goals",
        "Steps: who does what, and by when",
        "Your counselor",
        "Your monthly budget",
        "$4,830",
        "What is left each month",
        "Buying a home",
        "$285,000",
        "FHA loan",
        "DC Home Purchase Assistance Program (HPAP)",
        "Your home as a renter",
        "Is your security deposit one month's rent or less?",
        "Your progress",
        "Budget completed",
        "Other places that can help you",
        "Next follow-up",
        "April 2, 2026",
        "Client signature",
        "Counselor signature",
        "Page 1 of",
    ],
}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_section_prints_in_the_language(lang):
    text = squash(pdf_text(build_pdf(rich_plan(), lang)))
    missing = [phrase for phrase in SECTIONS[lang] if phrase not in text]
    assert missing == []


@pytest.mark.parametrize(
    "lang, absent",
    [
        ("es", ["Your goals", "Client signature", "Page 1 of"]),
        ("en", ["Sus metas", "Firma del cliente", "Página"]),
    ],
)
def test_one_language_copy_has_no_words_of_the_other(lang, absent):
    text = squash(pdf_text(build_pdf(rich_plan(), lang)))
    assert [phrase for phrase in absent if phrase in text] == []


def test_both_languages_print_spanish_then_english():
    both = build_pdf(rich_plan(), "both")
    es_pages, en_pages = page_count(build_pdf(rich_plan(), "es")), page_count(build_pdf(rich_plan(), "en"))
    assert page_count(both) == es_pages + en_pages
    text = squash(pdf_text(both))
    assert text.index("Su plan de acción") < text.index("Your action plan")
    assert f"Página 1 de {es_pages + en_pages}" in text and f"of {es_pages + en_pages}" in text


@pytest.mark.parametrize(
    "plan_lang, asked, expected",
    [
        ("es", None, ["es"]),
        ("en", None, ["en"]),
        ("en", "es", ["es"]),
        ("es", "both", ["es", "en"]),
        ("fr", None, ["es"]),
    ],
)
def test_plan_prints_in_the_households_language_unless_asked(plan_lang, asked, expected):
    assert plan_languages({"household": {"language": plan_lang}}, asked) == expected


def test_page_count_of_a_full_plan_and_large_print():
    plan = rich_plan()
    assert 2 <= page_count(build_pdf(plan, "es")) <= 4
    plan["goals"] = [f"Meta número {i}: ahorrar un poco más cada quincena" for i in range(12)]
    normal = page_count(build_pdf(plan, "es"))
    large = page_count(build_pdf(plan, "es", large_print=True))
    assert large > normal


@pytest.mark.parametrize(
    "lang, phrases",
    [
        (
            "es",
            [
                "Todavía no hay metas escritas",
                "Todavía no hay pasos escritos",
                "Todavía no hay presupuesto",
                "Todavía no hay un cálculo para comprar casa",
                "Todavía no hemos revisado programas",
                "Todavía no hay referidos",
                "Su consejero le va a llamar para poner una fecha",
                "Firma del cliente",
            ],
        ),
        ("en", ["No goals written yet", "No budget yet", "No referrals yet", "Client signature"]),
    ],
)
def test_empty_sections_say_so(lang, phrases):
    data = build_pdf(empty_plan(lang), lang)
    text = squash(pdf_text(data))
    assert [p for p in phrases if p not in text] == []
    assert "Nguyễn Thị Ngọc" in text
    assert page_count(data) == 1


@pytest.mark.parametrize(
    "name",
    [
        "Nguyễn Thị Ngọc Đặng",
        "José Ñañez Güemes",
        "Renée O'Connor-Çelik",
        "Trần Văn Hùng",
        "Zoë Ødegård Łukasz",
    ],
)
def test_names_with_diacritics_print_exactly(name):
    assert name in pdf_text(build_pdf(rich_plan(name=name), "es"))


def test_odd_characters_and_huge_notes_never_crash():
    plan = rich_plan(name="Ana 🏠 \x00\x07 \ud800 مرحبا 中文 " + "x" * 300)
    long_note = ("Nota muy larga con acentos áéíóú. " * 400) + "y" * 3000
    plan["summary"] = long_note
    plan["goals"] = [long_note, "", "\u200b"]
    plan["steps"][0]["text"] = long_note
    plan["referrals"][0]["reason"] = long_note
    data = build_pdf(plan, "es")
    assert data.startswith(b"%PDF")
    assert page_count(data) > 3
    text = pdf_text(data)
    assert "Ana" in text and "Nota muy larga" in text


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.text(max_size=80),
    goal=st.text(max_size=200),
    reason=st.text(max_size=120),
)
def test_any_text_renders_a_pdf(name, goal, reason):
    plan = empty_plan()
    plan["household"]["name"] = name
    plan["goals"] = [goal]
    plan["referrals"] = [{"agency": reason, "contact": name, "reason": goal, "status": "open"}]
    assert build_pdf(plan, "es").startswith(b"%PDF")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
def test_first_page_renders_to_a_non_blank_png(tmp_path):
    from PIL import Image

    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(build_pdf(rich_plan(), "es"))
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True
    )
    png = next(tmp_path.glob("p*.png"))
    image = Image.open(png).convert("L")
    lo, hi = image.getextrema()
    dark = sum(image.histogram()[:128])
    assert image.width > 200 and hi - lo > 100
    assert dark > image.width * image.height * 0.01  # real text on the page, not a blank sheet


def test_chart_is_cached_by_its_data():
    bars = [("Renta", 1850.0), ("Comida", 900.0)]
    first = charts.bar_chart_png(bars, title="Gastos")
    hits = charts.cache_info().hits
    again = charts.bar_chart_png(list(bars), title="Gastos")
    assert again == first and charts.cache_info().hits == hits + 1
    other = charts.bar_chart_png([("Rent", 1850.0), ("Food", 900.0)], title="Spending")
    assert other != first and other.startswith(b"\x89PNG")


def test_chart_rows_are_cleaned():
    assert charts.bar_rows([("", float("nan")), ("  Rent\n", -5), ("Food", "12")]) == (
        ("?", 0.0),
        ("Rent", 0.0),
        ("Food", 12.0),
    )


def test_command_line_demo_writes_a_pdf(tmp_path, capsys):
    out = tmp_path / "demo.pdf"
    assert main(["--demo", "--lang", "en", "--out", str(out)]) == 0
    text = squash(pdf_text(out.read_bytes()))
    assert "Your action plan" in text and "Your monthly budget" in text and "$4,830" in text
    assert "wrote" in capsys.readouterr().out


def test_command_line_needs_a_household_or_demo(tmp_path):
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path / "x.pdf")])
