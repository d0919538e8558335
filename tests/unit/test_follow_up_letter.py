"""The follow-up letter: in the family's language, with the day to answer by 30 days after sending."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from db.follow_up import LetterData
from reports.follow_up_letter import letter_pdf


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def _data(lang: str, phone: str = "202-555-0100") -> LetterData:
    return LetterData(
        household_name="María José Núñez",
        language=lang,
        agency_name="Camino Test Agency",
        office_phone=phone,
        office_address="1 Calle Principal, Washington, DC",
        counselor_name="Ana Gómez",
        last_contact=dt.date(2026, 1, 10),
        sent_on=dt.date(2026, 4, 1),
        answer_by=dt.date(2026, 5, 1),
    )


@pytest.mark.parametrize(
    ("lang", "expected", "absent"),
    [
        (
            "en",
            ["We would like to hear from you", "Dear María José Núñez:", "January 10, 2026",
             "before May 1, 2026", "we will close your file", "202-555-0100", "Your counselor: Ana Gómez"],
            "Queremos saber de usted",
        ),
        (
            "es",
            ["Queremos saber de usted", "Estimado/a María José Núñez:", "10 de enero de 2026",
             "antes del 1 de mayo de 2026", "cerraremos su expediente", "202-555-0100",
             "Su consejero/a: Ana Gómez"],
            "We would like to hear from you",
        ),
    ],
)
def test_letter_prints_in_the_family_language(lang, expected, absent):
    text = _text(letter_pdf(_data(lang)))
    for piece in [*expected, "Camino Test Agency"]:
        assert piece in text, piece
    assert absent not in text


def test_letter_without_an_office_phone_still_gives_the_day():
    text = _text(letter_pdf(_data("es", phone="")))
    assert "llámenos o visítenos antes del 1 de mayo de 2026" in text
