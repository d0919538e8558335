"""HUD's questions on the New household page, in both languages: a bad answer is shown at its field and
saves nothing; good answers are saved with the new file; questions left blank stay "not asked yet"."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import hud_client
from db.engine import reading
from db.models import Household
from tests.app.conftest import app_test

PAGE = "app_pages/intake.py"
SAVE = {"en": "Save and open the client file", "es": "Guardar y abrir el expediente"}


def household(engine, name: str) -> Household | None:
    with reading(engine) as s:
        return s.scalar(select(Household).where(Household.display_name == name))


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Enter a 5-digit ZIP code, like 20009 or 20009-1234."),
        ("es", "Escriba un código postal de 5 dígitos, como 20009 o 20009-1234."),
    ],
)
def test_hud_answers_at_intake(agency, lang, message):
    at = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    at.text_input(key="new_display_name").input("Marta Cruz Lemus")
    at.selectbox(key="new_hud_marital_status").set_value("widowed")
    at.text_input(key="new_hud_zip_code").input("209")
    next(b for b in at.button if b.label == SAVE[lang]).click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    assert household(agency["engine"], "Marta Cruz Lemus") is None  # nothing half-saved

    at.text_input(key="new_hud_zip_code").input("20912")
    next(b for b in at.button if b.label == SAVE[lang]).click().run()
    assert not at.exception
    hh = household(agency["engine"], "Marta Cruz Lemus")
    profile = hud_client.get_profile(agency["engine"], agency["users"]["counselor"], hh.id)
    assert (profile.marital_status, profile.zip_code) == ("widowed", "20912")
    assert profile.education == "" and profile.dependents is None  # not asked yet, never guessed
