"""The notices PDF: the texts in force, in the family's language, each with a signature line."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from db.agreements import KINDS, NoticeText, default_texts
from reports.notices_pdf import notices_pdf


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Agreement to work together", "Privacy notice", "Signature:", "December 5, 2026"]),
        ("es", ["Acuerdo para trabajar juntos", "Aviso de privacidad", "Firma:", "5 de diciembre de 2026"]),
    ],
)
def test_notices_print_in_the_family_language(lang, expected):
    texts = [NoticeText(k, lang, 0, default_texts()[k][lang]) for k in KINDS]
    texts[2] = NoticeText("privacy", lang, 3, "Agency text v3 — Núñez")
    pdf = notices_pdf("María José Núñez", "Camino Test Agency", lang, texts, dt.date(2026, 12, 5))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    for piece in [*expected, "María José Núñez", "Camino Test Agency", "Agency text v3 — Núñez"]:
        assert piece in text, piece
    assert text.count("Signature:" if lang == "en" else "Firma:") == 3


@pytest.mark.parametrize("kind", KINDS)
def test_every_default_text_exists_in_both_languages(kind):
    assert default_texts()[kind]["en"].strip() and default_texts()[kind]["es"].strip()
