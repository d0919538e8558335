"""The appointment card and the fee schedule are built when their button is pressed, never on a rerun of
the page (issue 28: a PDF built on every click of the calendar or the fees page, then thrown away)."""

from __future__ import annotations

import datetime as dt

import pytest

from db import appointments as appts
from db import funding
from db.local_time import today_local
from tests.app.conftest import app_test

TOMORROW = today_local() + dt.timedelta(days=1)


@pytest.fixture
def builds(monkeypatch):
    """Counts the PDFs built, by the page modules' own builders."""
    from ui.appointments import actions
    from ui.fees import view

    made: list[str] = []
    for module, name in ((actions, "card_pdf"), (view, "fee_schedule_pdf")):
        real = getattr(module, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            made.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    return made


def download(at, label: str):
    return next(b for b in at.get("download_button") if b.proto.label == label)


@pytest.mark.parametrize(
    ("lang", "label"),
    [("en", "Print appointment card (PDF)"), ("es", "Imprimir la tarjeta de la cita (PDF)")],
)
def test_calendar_clicks_build_no_appointment_card(agency, builds, lang, label):
    appts.book(
        agency["engine"],
        agency["users"]["counselor"],
        agency["households"]["north"],
        counselor_id=agency["users"]["counselor"]["id"],
        day=TOMORROW,
        start_time=dt.time(10, 0),
    )
    at = app_test("app_pages/appointments.py", lang=lang, user=agency["users"]["counselor"])
    at.date_input(key="appt_view_day").set_value(TOMORROW).run()
    at.toggle[0].set_value(True).run()  # large print: the card the button will build changes
    assert not at.exception
    assert download(at, label)
    assert builds == []


@pytest.mark.parametrize(
    ("lang", "label"),
    [("en", "Download the fee schedule (PDF)"), ("es", "Descargar la lista de cuotas (PDF)")],
)
def test_fees_page_builds_no_schedule_until_asked(agency, builds, lang, label):
    funding.save_schedule(
        agency["engine"],
        agency["users"]["admin"],
        effective_from=dt.date(2026, 1, 1),
        lines=[{"en": "Homebuyer counseling", "es": "Consejería para comprar", "amount": 0}],
    )
    at = app_test("app_pages/fees.py", lang=lang, user=agency["users"]["counselor"])
    at.selectbox(key="fees_lang").set_value("en").run()
    assert not at.exception
    assert download(at, label)
    assert builds == []
