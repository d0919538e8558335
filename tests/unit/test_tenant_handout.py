"""reports.tenant_handout: the printed handout reads right in English and Spanish (pypdf text extraction)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from reports.tenant_handout import build_handout

DAY = dt.date(2026, 11, 27)
ANSWERS = {
    "dc-deposit-cap": "no",
    "dc-lockout": "yes",
    "dc-repairs-report": "not_sure",
    "dc-sign-license": "yes",
}


def text_of(pdf: bytes) -> tuple[int, str]:
    """Page count and the whole text with whitespace collapsed (justified lines add spaces)."""
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


# language, phrases a reader must see
EXPECTED = [
    (
        "en",
        [
            "Your rights as a tenant: District of Columbia",
            "General information, not legal advice. Content reviewed on December 5, 2026.",
            "What to do now",
            "Warning sign: Is your security deposit one month's rent or less?",
            "To check: Did the landlord fix the problem",
            "Who to call",
            "202-719-6560",
            "Page 1 of",
        ],
    ),
    (
        "es",
        [
            "Sus derechos como inquilino: Distrito de Columbia",
            "Información general, no es consejo legal. Contenido revisado el 5 de diciembre de 2026.",
            "Qué hacer ahora",
            "Señal de alerta: ¿Su depósito de seguridad es de un mes de renta o menos?",
            "Para averiguar: ¿El dueño arregló el problema",
            "A quién llamar",
            "202-719-6560",
            "Página 1 de",
        ],
    ),
]


@pytest.mark.parametrize("lang,phrases", EXPECTED)
def test_handout_text_in_each_language(lang, phrases):
    pages, text = text_of(build_handout("dc", lang, ANSWERS, as_of=DAY))
    assert pages >= 2
    for phrase in phrases:
        assert phrase in text, phrase
    assert f"Página {pages} de {pages}" in text if lang == "es" else f"Page {pages} of {pages}" in text


def test_spanish_handout_has_no_english_headings():
    _, text = text_of(build_handout("dc", "es", ANSWERS, as_of=DAY))
    for english in ("What to do now", "Who to call", "Warning sign", "General information"):
        assert english not in text


def test_yes_on_a_no_flag_item_is_not_a_warning():
    _, text = text_of(build_handout("dc", "en", {"dc-sign-license": "yes"}, as_of=DAY))
    assert "What to do now" not in text
    assert "[Yes]" in text


def test_topic_handout_only_has_that_topic_and_its_contacts():
    _, text = text_of(build_handout("montgomery_md", "es", topics=("eviction_notice",), as_of=DAY))
    assert "Usted recibió un aviso de desalojo" in text
    assert "Depósito de seguridad" not in text
    assert "2-1-1" in text
    assert "202-719-6560" not in text  # a DC office is not listed for Maryland


def test_handout_of_the_topics_walked_has_those_and_no_other():
    """The page walks one topic at a time: the handout covers the topics the family went through."""
    _, text = text_of(
        build_handout("dc", "en", {"dc-lockout": "yes"}, topics=("repairs", "lockout_utilities"), as_of=DAY)
    )
    assert "Repairs and safe housing" in text and "Lockouts and utility shutoffs" in text
    assert "Security deposit" not in text and "Your building is for sale" not in text
    assert "What to do now" in text  # the lockout answered yes is a warning sign


def test_superseded_items_are_not_printed_as_current():
    _, before = text_of(build_handout("dc", "en", topics=("eviction_notice",), as_of=dt.date(2025, 12, 30)))
    _, after = text_of(build_handout("dc", "en", topics=("eviction_notice",), as_of=dt.date(2025, 12, 31)))
    assert "at least 30 days before the landlord could go to court" in before
    assert "at least 30 days before the landlord could go to court" not in after
    assert "at least 10 days before the landlord could go to court" in after


def test_virginia_handout_names_the_place_and_the_print_date():
    _, text = text_of(build_handout("virginia", "en", {"va-deposit-cap": "no"}, as_of=DAY))
    assert "Virginia" in text and "Printed on November 27, 2026" in text
