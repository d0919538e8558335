"""The plan page names the saved calculation behind each section, with its date, and flags a stale one."""

from __future__ import annotations

import pytest

from db import households
from reports.action_plan.data import load_plan, stale_sections
from reports.action_plan.demo import add_demo_household
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/action_plan.py"
STALE = {
    "en": "The household's income or size changed after this was saved.",
    "es": "El ingreso o el tamaño del hogar cambió después de guardar esto.",
}
SOURCE = {"en": "Source: Budget coach, saved", "es": "Fuente: Asesor de presupuesto, guardado el"}


@pytest.fixture
def demo(agency):
    _, household_id = add_demo_household(agency["engine"], office_id=agency["offices"]["north"])
    agency["demo"] = household_id
    return agency


def change(agency, **fields):
    engine, user = agency["engine"], agency["users"]["counselor"]
    record = households.get(engine, user, agency["demo"])
    households.update(engine, user, agency["demo"], record["version"], fields)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_section_names_its_saved_calculation_and_nothing_is_stale(demo, lang):
    at = app_test(PAGE, lang=lang, user=demo["users"]["counselor"], household_id=demo["demo"])
    text = visible_text(at).replace("\\", "")
    assert SOURCE[lang] in text
    assert STALE[lang] not in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_change_of_income_flags_the_sections_that_used_it(demo, lang):
    change(demo, annual_income=71000)
    at = app_test(PAGE, lang=lang, user=demo["users"]["counselor"], household_id=demo["demo"])
    assert not at.exception
    warnings = [w.value for w in at.warning if STALE[lang] in w.value]
    assert len(warnings) == 3  # budget, affordability, assistance; the tenant checklist does not use income


def test_a_change_of_phone_flags_nothing(demo):
    change(demo, phone="202-555-0177")
    plan = load_plan(demo["engine"], demo["users"]["counselor"], demo["demo"])
    assert stale_sections(plan) == set()
    change(demo, household_size=5)
    plan = load_plan(demo["engine"], demo["users"]["counselor"], demo["demo"])
    assert stale_sections(plan) == {"budget", "affordability", "assistance"}
