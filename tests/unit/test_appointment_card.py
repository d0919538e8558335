"""The printed appointment card and the reminder texts: both languages, large print, nothing sensitive."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from db.appointments.reminder_queue import Message
from db.local_time import TZ
from reports.appointments import message as appointment_message
from reports.appointments.card import card_pdf


def _message(language="es", mode="in_person", **kw) -> Message:
    fields = dict(
        reminder_id=0,
        appointment_id=7,
        channel="card",
        to="",
        language=language,
        starts=dt.datetime(2027, 11, 8, 9, 30, tzinfo=TZ),  # the Monday after the fall DST change
        ends=dt.datetime(2027, 11, 8, 10, 30, tzinfo=TZ),
        mode=mode,
        place="100 Main St NW, Room 2",
        counselor="Ana Pérez",
        bring="Talones de pago / pay stubs",
        office_name="Camino Test Agency",
        office_phone="202-555-0100",
        office_address="100 Main St NW",
    )
    fields.update(kw)
    return Message(**fields)


def _pdf(data: bytes) -> tuple[str, set[float]]:
    reader = PdfReader(io.BytesIO(data))
    sizes: set[float] = set()
    parts: list[str] = []

    def visit(text, _cm, _tm, _font, size):
        if text.strip():
            sizes.add(round(size, 1))
        parts.append(text)

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return "".join(parts), sizes


@pytest.mark.parametrize(
    "language, first, second",
    [("es", "Su cita", "Your appointment"), ("en", "Your appointment", "Su cita")],
)
def test_card_is_bilingual_with_the_familys_language_first(language, first, second):
    text, _sizes = _pdf(card_pdf(_message(language)))
    assert text.index(first) < text.index(second)
    for expected in ("lunes, 8 de noviembre de 2027", "Monday, November 8, 2027", "9:30 AM", "9:30 a.m.",
                     "Ana Pérez", "100 Main St NW, Room 2", "202-555-0100", "Talones de pago"):  # fmt: skip
        assert expected in text


def test_large_print_is_larger():
    _text, normal = _pdf(card_pdf(_message()))
    _text, large = _pdf(card_pdf(_message(), large_print=True))
    header_footer = {8.0, 9.0}
    assert min(large - header_footer) > min(normal - header_footer) and max(large) > max(normal)


@pytest.mark.parametrize(
    "mode, language, expected",
    [
        ("phone", "es", "Por teléfono: Ana Pérez le llamará."),
        ("phone", "en", "By phone: Ana Pérez will call you."),
        ("video", "es", "Por video: le enviaremos el enlace."),
        ("in_person", "en", "100 Main St NW, Room 2"),
    ],
)
def test_texts_say_where_in_the_language(mode, language, expected):
    m = _message(language, mode)
    assert expected in appointment_message.text(m)
    assert expected in appointment_message.email(m)[1]


def test_text_without_office_phone_still_says_how_to_cancel():
    assert "responda a este mensaje" in appointment_message.text(_message(office_phone=""))


def test_invitation_keeps_the_local_time_after_fall_back():
    event = Calendar.from_ical(appointment_message.invitation(_message())).walk("VEVENT")[0]
    assert event.decoded("dtstart").utcoffset() == dt.timedelta(hours=-5)  # EST
    assert str(event.get("summary")) == "Cita con Ana Pérez"
    assert str(event.get("uid")) == "appointment-7@camino.local"


def test_a_rescheduled_invitation_keeps_the_first_uid_with_a_higher_sequence():
    event = Calendar.from_ical(appointment_message.invitation(_message(series_id=3, sequence=2))).walk(
        "VEVENT"
    )[0]
    assert (str(event.get("uid")), int(event.get("sequence"))) == ("appointment-3@camino.local", 2)


def test_invitation_carries_the_time_zone_it_names():
    cal = Calendar.from_ical(appointment_message.invitation(_message()))
    [zone] = cal.walk("VTIMEZONE")
    assert str(zone.get("tzid")) == "America/New_York"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
