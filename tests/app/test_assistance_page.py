"""Assistance finder through the real entry point, in English and Spanish: what a counselor and a family see."""

from __future__ import annotations

import pytest

from calculators.assistance.affordability import compare, scenario_for
from calculators.assistance.screen import screen
from calculators.assistance.stacking import stack
from db import scenarios
from i18n import format_money
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/assistance.py"
# The page's defaults (and what the tests type in), as the calculator sees them.
HOUSEHOLD = {
    "jurisdiction": "dc",
    "household_size": 3,
    "annual_household_income": 60000.0,
    "liquid_assets": 10000.0,
    "first_time_buyer": True,
    "id_type": "ssn",
    "residency": "citizen",
    "employer": "none",
}
PURCHASE = {"price": 350000.0}


def open_page(lang="en", **kwargs):
    at = app_test(PAGE, lang=lang, **kwargs)
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at, label):
    found = [m.value for m in at.metric if m.label == label]
    assert found, f"no metric {label!r} in {[m.label for m in at.metric]}"
    return found


def checked(at):
    """Names of the programs shown with ✓."""
    return [m.value for m in at.markdown if m.value.startswith("✓")]


@pytest.mark.parametrize(
    "lang,heading,hpap,total_label",
    [
        (
            "en",
            "Programs that may fit",
            "✓ **DC Home Purchase Assistance Program (HPAP)**",
            "Assistance that can be combined",
        ),
        (
            "es",
            "Programas que pueden servirle",
            "✓ **Programa de Asistencia para Comprar Vivienda de DC (HPAP)**",
            "Ayuda que se puede juntar",
        ),
    ],
)
def test_default_household_sees_dc_programs_and_the_combined_total(agency, lang, heading, hpap, total_label):
    at = open_page(lang)
    text = visible_text(at)
    assert heading in text
    assert hpap in checked(at)
    stacked = stack(screen(HOUSEHOLD, PURCHASE), PURCHASE)
    assert metric(at, total_label) == [format_money(stacked["total"], lang, cents=False)]


def test_spanish_prince_georges_family_sees_pathway_and_what_they_repay(agency):
    at = open_page("es")
    at.selectbox(key="dpa_area").set_value("prince_georges_md").run()
    at.number_input(key="dpa_income").set_value(80000.0).run()
    at.number_input(key="dpa_price").set_value(300000.0).run()
    assert not at.exception
    names = checked(at)
    assert "✓ **Pathway to Purchase de Prince George's (Camino a la Compra)**" in names
    text = visible_text(at)
    # year 5: half of Pathway's $25,000 forgiven, the $6,000 MMP loan still due
    assert "Si vende después del año 5, devuelve " + format_money(18500, "es", cents=False) + "." in text
    assert "Pide un número de Seguro Social válido." in text
    assert "No se ofrece donde está la casa." not in text  # other areas are listed by name only
    assert "Programas de otras áreas:" in text


def test_spanish_itin_family_is_offered_nothing_it_may_be_excluded_from(agency):
    at = open_page("es")
    at.selectbox(key="dpa_id").set_value("itin").run()
    assert not at.exception
    assert checked(at) == []
    text = visible_text(at)
    assert "Ningún programa sirve con estas respuestas. Vea abajo por qué." in text
    assert "No sabemos si este programa acepta ITIN. Pregunte al programa antes de contar con él." in text


def test_id_type_and_status_never_reach_the_url(agency):
    at = open_page("en")
    at.selectbox(key="dpa_id").set_value("itin").run()
    at.selectbox(key="dpa_status").set_value("non_permanent_resident").run()
    at.selectbox(key="dpa_area").set_value("montgomery_md").run()
    values = " ".join(str(v) for v in at.query_params.values())
    assert "itin" not in values and "non_permanent" not in values
    assert not {"dpa_id", "dpa_status"} & set(at.query_params)
    assert at.query_params["dpa_area"] in ("montgomery_md", ["montgomery_md"])


def test_a_shared_link_opens_the_same_scenario(agency):
    at = open_page("en", query={"dpa_area": "montgomery_md", "dpa_income": "90000"})
    assert at.selectbox(key="dpa_area").value == "montgomery_md"
    assert "✓ **Maryland Mortgage Program: 1st Time Advantage 6000**" in checked(at)


def test_hints_say_what_would_open_a_program(agency):
    at = open_page("en")
    at.selectbox(key="dpa_area").set_value("montgomery_md").run()
    at.checkbox(key="dpa_first").uncheck().run()
    text = visible_text(at)
    assert "If the household counts as first-time buyers (no home owned in 3 years): " in text
    assert "Only for first-time buyers (no home owned in the last 3 years)." in text


@pytest.mark.parametrize(
    "lang,message",
    [
        ("en", "This value is outside the range we can calculate."),
        ("es", "Este valor está fuera de lo que podemos calcular."),
    ],
)
def test_bad_input_shows_a_message_not_a_trace(agency, lang, message):
    at = open_page(lang)
    at.number_input(key="dpa_size").set_value(0).run()
    assert not at.exception
    assert message in [e.value for e in at.error]


def test_highest_price_with_and_without_assistance(agency):
    at = open_page("en")
    stacked = stack(screen(HOUSEHOLD, PURCHASE), PURCHASE)
    expected = compare(
        scenario_for(HOUSEHOLD, PURCHASE, {"annual_rate": 0.065, "monthly_debts": 0.0}), stacked["total"]
    )
    prices = metric(at, "Highest price")
    assert prices == [
        format_money(expected["without"]["price"], "en", cents=False),
        format_money(expected["with"]["price"], "en", cents=False),
    ]
    assert expected["with"]["price"] > expected["without"]["price"]


def test_logged_out_there_is_no_save_button(agency):
    at = open_page("en")
    assert not [b for b in at.button if b.key == "save_scenario_assistance"]


def test_save_to_client_stores_eligible_programs_and_total(agency):
    """With blank values the page shows the examples: saving them asks first, then stores the typed scenario."""
    user = agency["users"]["counselor"]
    household = agency["households"]["north"]
    at = open_page("en", user=user, household_id=household, state={"sf_blank": {household}})
    at.button(key="save_scenario_assistance").click().run()
    assert not at.exception
    assert not scenarios.list_for(agency["engine"], user, household, "assistance")
    assert any("these are the example values" in w.value for w in at.warning)
    at.button(key="sf_confirm_yes_assistance").click().run()
    saved = scenarios.list_for(agency["engine"], user, household, "assistance")
    assert saved
    typed = saved[0]["scenario"]
    assert "dc_hpap" in [p.program for p in typed.programs]
    assert typed.total_assistance == pytest.approx(stack(screen(HOUSEHOLD, PURCHASE), PURCHASE)["total"])
    assert typed.widgets["dpa_size"] == HOUSEHOLD["household_size"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_cancel_on_saving_the_example_values_saves_nothing_and_closes_the_question(agency, lang):
    user = agency["users"]["counselor"]
    household = agency["households"]["north"]
    at = open_page(lang, user=user, household_id=household, state={"sf_blank": {household}})
    at.button(key="save_scenario_assistance").click().run()
    question = at.warning[-1].value
    at.button(key="sf_confirm_no_assistance").click().run()
    assert not at.exception
    assert question not in [w.value for w in at.warning]
    assert not [b for b in at.button if b.key in ("sf_confirm_yes_assistance", "sf_confirm_no_assistance")]
    assert not scenarios.list_for(agency["engine"], user, household, "assistance")
