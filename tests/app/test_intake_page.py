"""The New household page in AppTest: saving opens the client file; bad input is shown at the field."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.engine import reading
from db.models import Household
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/intake.py"


def button(at, label):
    return next(b for b in at.button if b.label == label)


@pytest.mark.parametrize(
    ("lang", "save", "expected"),
    [
        (
            "en",
            "Save and open the client file",
            ["New household", "Household name", "Kind of tax ID (never the number)"],
        ),
        (
            "es",
            "Guardar y abrir el expediente",
            ["Nuevo hogar", "Nombre del hogar", "Tipo de número de impuestos"],
        ),
    ],
)
def test_intake_creates_the_household_and_opens_its_file(agency, lang, save, expected):
    at = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    assert not at.exception
    text = visible_text(at)
    for piece in expected:
        assert piece in text
    at.text_input(key="new_display_name").input("Reina Batres Ayala")
    at.text_input(key="new_phone").input("571-555-0160")
    at.number_input(key="new_household_size").set_value(4)
    at.number_input(key="new_annual_income").set_value(58000.0)
    at.selectbox(key="new_jurisdiction").set_value("fairfax_va")
    at.selectbox(key="new_ethnicity").set_value("hispanic")
    at.selectbox(key="new_counseling_purpose").set_value("prepurchase")
    at.selectbox(key="new_id_type").set_value("itin")
    button(at, save).click().run()
    assert not at.exception
    assert "Reina Batres Ayala" in visible_text(at)
    assert at.title[0].value == ("Client file" if lang == "en" else "Expediente del cliente")
    with reading(agency["engine"]) as s:
        hh = s.scalar(select(Household).where(Household.display_name == "Reina Batres Ayala"))
    assert (hh.jurisdiction, hh.household_size, hh.id_type, hh.counselor_id) == (
        "fairfax_va",
        4,
        "itin",
        agency["users"]["counselor"]["id"],
    )
    assert hh.search_name == "reina batres ayala"


@pytest.mark.parametrize(
    ("lang", "save", "message"),
    [
        ("en", "Save and open the client file", "Please fill in this field."),
        ("es", "Guardar y abrir el expediente", "Por favor, llene este dato."),
    ],
)
def test_missing_name_is_shown_at_the_field_and_nothing_is_saved(agency, lang, save, message):
    at = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    at.text_input(key="new_phone").input("571-555-0160")
    button(at, save).click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors == [message]
    assert at.text_input(key="new_phone").value == "571-555-0160"  # the typed value is kept
    with reading(agency["engine"]) as s:
        assert s.scalar(select(Household).where(Household.phone == "571-555-0160")) is None
