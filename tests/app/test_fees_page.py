"""The Fees and funding page in AppTest, in English and Spanish: the schedule PDF, and admin edits."""

from __future__ import annotations

import datetime as dt

import pytest

from db import funding
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/fees.py"


@pytest.mark.parametrize(
    ("lang", "title", "download", "none_yet"),
    [
        ("en", "Fees and funding", "Download the fee schedule (PDF)", "No fee schedule saved yet."),
        ("es", "Cuotas y fondos", "Descargar la lista de cuotas (PDF)", "Todavía no hay una lista de cuotas."),
    ],
)
def test_counselor_prints_the_schedule_but_cannot_edit(agency, lang, title, download, none_yet):
    at = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    assert not at.exception
    assert at.title[0].value == title
    assert none_yet in visible_text(at)
    assert [b for b in at.get("download_button") if b.proto.label == download]
    assert not [b for b in at.button if b.key == "fees_save"]  # admins only


@pytest.mark.parametrize(("lang", "service"), [("en", "Homebuyer counseling"), ("es", "Consejería para comprar")])
def test_admin_saves_a_schedule_and_a_source(agency, lang, service):
    eng, admin = agency["engine"], agency["users"]["admin"]
    funding.save_schedule(eng, admin, effective_from=dt.date(2026, 1, 1),
                          lines=[{"en": "Homebuyer counseling", "es": "Consejería para comprar", "amount": 0}])
    at = app_test(PAGE, lang=lang, user=admin)
    assert not at.exception
    assert service in at.dataframe[0].value.to_string()
    at.date_input(key="fees_from").set_value(dt.date(2026, 2, 1))
    at.text_area(key="fees_note_es").input("Gratis si no puede pagar.")
    at.button(key="fees_save").click().run()
    assert not at.exception
    saved = funding.schedule_on(eng, dt.date(2026, 2, 1))
    assert saved.effective_from == dt.date(2026, 2, 1) and saved.note("es") == "Gratis si no puede pagar."
    assert [x.en for x in saved.lines] == ["Homebuyer counseling"]
    at.text_input(key="fees_src_en").input("HUD grant FY2026")
    at.selectbox(key="fees_src_grant").set_value("comprehensive")
    at.button(key="fees_src_add").click().run()
    assert not at.exception
    assert [(s.name_en, s.hud_grant) for s in funding.sources(eng)] == [("HUD grant FY2026", "comprehensive")]
