"""Completion certificates: any name prints as written, in English or Spanish, on one page."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from pypdf import PdfReader

from calculators import InputError
from reports.certificate import MISSING_GLYPH, certificate_pdf


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    "name, lang, title, expected",
    [
        (
            "Nguyễn Thị Ngọc",
            "en",
            "Preparing for homeownership",
            ["Certificate of completion", "March 5, 2026"],
        ),
        (
            "Nguyễn Thị Ngọc",
            "es",
            "Prepararse para comprar una casa",
            ["Certificado de finalización", "5 de marzo de 2026"],
        ),
        (
            "José Núñez",
            "es",
            "Alquilar: sus derechos y responsabilidades",
            ["Se certifica que", "completó el taller"],
        ),
        (
            "José Núñez",
            "en",
            "Renting: your rights and responsibilities",
            ["This certifies that", "completed the workshop"],
        ),
        ("María José Núñez Pérez", "es", "Su dinero, sus metas", ["Firma de quien dio el taller"]),
        ("Zoë O'Brien-Łukasiewicz", "en", "Closing", ["Trainer's signature"]),
    ],
)
def test_certificate_shows_name_title_and_date_in_the_chosen_language(name, lang, title, expected):
    pages, text = pdf_text(certificate_pdf(name, title, dt.date(2026, 3, 5), lang, "Camino Test Agency"))
    assert pages == 1
    for part in [name, title, "Camino Test Agency", *expected]:
        assert part in text


def test_spanish_certificate_has_no_english_wording():
    _pages, text = pdf_text(certificate_pdf("José Núñez", "Cierre", "2026-03-05", "es", ""))
    assert "Certificate" not in text and "completed" not in text and "March" not in text


def test_name_is_normalized_so_decomposed_accents_print_once():
    decomposed = unicodedata.normalize("NFD", "José Núñez")
    _pages, text = pdf_text(certificate_pdf(f"  {decomposed}\n", "Taller", "2026-03-05", "es", ""))
    assert "José Núñez" in text


def test_a_letter_the_font_lacks_becomes_a_visible_box():
    _pages, text = pdf_text(certificate_pdf("王小明", "Workshop", "2026-03-05", "en", ""))
    assert MISSING_GLYPH in text


def test_a_very_long_module_title_still_fits_one_page():
    pages, _text = pdf_text(certificate_pdf("Ana", "Long title " * 18, "2026-03-05", "en", "Agency " * 20))
    assert pages == 1


def test_the_font_is_embedded():
    reader = PdfReader(io.BytesIO(certificate_pdf("Ana", "Taller", "2026-03-05", "es", "")))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [
        f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] for f in fonts.values()
    ]
    assert descriptors and all("/FontFile2" in d for d in descriptors)


@pytest.mark.parametrize(
    "kwargs, code, field",
    [
        ({"name": "   "}, "missing_field", "name"),
        ({"name": None}, "missing_field", "name"),
        ({"module_title": ""}, "missing_field", "module_title"),
        ({"name": "A" * 121}, "too_long", "name"),
        ({"lang": "fr"}, "unknown_language", "lang"),
        ({"date": "not a date"}, "invalid_date", "date"),
    ],
)
def test_bad_input_is_an_input_error_at_its_field(kwargs, code, field):
    args = {"name": "Ana", "module_title": "Taller", "date": "2026-03-05", "lang": "es", "agency": ""}
    args.update(kwargs)
    with pytest.raises(InputError) as err:
        certificate_pdf(**args)
    assert (err.value.code, err.value.field) == (code, field)
