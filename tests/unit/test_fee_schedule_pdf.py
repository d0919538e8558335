"""The fee schedule PDF: the agency's dated lines in the family's language, and HUD's fee rules."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from db.funding import FeeLine, Schedule
from reports.fee_schedule_pdf import fee_schedule_pdf

SCHEDULE = Schedule(
    1,
    dt.date(2026, 10, 1),
    (FeeLine("Homebuyer counseling", "Consejería para comprar casa", 0.0),
     FeeLine("Credit report", "Informe de crédito", 12.5)),
    "Ask about a payment plan.",
    "Pregunte por un plan de pagos.",
)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Our fees", "October 1, 2026", "Homebuyer counseling", "Free", "Credit report", "$12.50",
                "Ask about a payment plan.", "Intake", "always free", "Signature:"]),
        ("es", ["Nuestras cuotas", "1 de octubre de 2026", "Consejería para comprar casa", "Gratis",
                "Informe de crédito", "$12.50", "Pregunte por un plan de pagos.", "siempre es gratis", "Firma:"]),
    ],
)
def test_schedule_prints_in_the_family_language(lang, expected):
    text = _text(fee_schedule_pdf(SCHEDULE, "Camino Test Agency", lang, dt.date(2026, 12, 5)))
    for piece in [*expected, "Camino Test Agency"]:
        assert piece in text, piece


def test_no_schedule_saved_still_prints_the_rules():
    text = _text(fee_schedule_pdf(None, "Camino", "es", dt.date(2026, 12, 5)))
    assert "todavía no ha guardado" in text and "siempre es gratis" in text
