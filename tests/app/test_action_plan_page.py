"""The action plan page as a counselor sees it, in English and Spanish."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from db.engine import reading
from db.local_time import today_local
from db.models import AuditEvent, Household
from reports.action_plan.demo import add_demo_household
from tests.app.conftest import ROOT, app_test, visible_text

PAGE = "app_pages/action_plan.py"


@pytest.fixture
def demo(agency):
    """A fully filled-in household in the north office (the counselor's office)."""
    _, household_id = add_demo_household(agency["engine"], office_id=agency["offices"]["north"])
    agency["demo"] = household_id
    return agency


def audit_count(engine, action: str, household_id: int) -> int:
    with reading(engine) as s:
        rows = s.scalars(
            select(AuditEvent).where(AuditEvent.action == action, AuditEvent.entity_id == household_id)
        )
        return len(list(rows))


@pytest.mark.parametrize(
    "lang, phrases",
    [
        (
            "en",
            [
                "Action plan",
                "María José Núñez Pérez",
                "HUD-1234567",
                "Your goals",
                "Comprar una casa o condominio en DC en 2 años",
                "Steps: who does what, and by when",
                "Money coming in each month",
                "$4,830",
                "What is left each month $520",
                "Buying a home",
                "$285,000",
                "DC Home Purchase Assistance Program (HPAP): up to $202,000",
                "Your home as a renter",
                "Did the landlord give you the DC Tenant Bill of Rights before you signed?",
                "Whom to call: DC Office of the Tenant Advocate (OTA)",
                "Source: Budget coach, saved",
                "Your progress",
                "Budget completed",
                "Other places that can help you",
                "Next follow-up",
                "Large print",
                "Given to the client today",
            ],
        ),
        (
            "es",
            [
                "Plan de acción",
                "Sus metas",
                "Pasos: quién hace qué, y para cuándo",
                "Dinero que entra cada mes",
                "$4,830",
                "Comprar una casa",
                "Préstamo FHA",
                "Su vivienda de alquiler",
                "¿El dueño le dio la Carta de Derechos del Inquilino de DC antes de firmar?",
                "Programa de Asistencia para Comprar Vivienda de DC (HPAP)",
                "Presupuesto completado",
                "Próximo seguimiento",
                "Imprimir en",
                "Letra grande",
                "Se entregó al cliente hoy",
            ],
        ),
    ],
)
def test_preview_shows_every_section_in_the_viewers_language(demo, lang, phrases):
    at = app_test(PAGE, lang=lang, user=demo["users"]["counselor"], household_id=demo["demo"])
    assert not at.exception
    text = visible_text(at).replace("\\", "")
    assert [p for p in phrases if p not in text] == []
    assert at.get("download_button"), "the PDF download button is missing"


@pytest.mark.parametrize(
    "lang, option", [("en", "The household's language (Spanish)"), ("es", "El idioma del hogar (Español)")]
)
def test_print_language_defaults_to_the_households(demo, lang, option):
    at = app_test(PAGE, lang=lang, user=demo["users"]["counselor"], household_id=demo["demo"])
    radio = at.radio(key="plan_print_lang")
    assert radio.value == "household"
    assert radio.options[0] == option


def test_empty_sections_say_so_in_spanish(agency):
    at = app_test(
        PAGE, lang="es", user=agency["users"]["counselor"], household_id=agency["households"]["north"]
    )
    text = visible_text(at)
    for phrase in (
        "Todavía no hay metas escritas",
        "Todavía no hay presupuesto",
        "Todavía no hay referidos",
        "Todavía no se anota una copia entregada al cliente",
    ):
        assert phrase in text


def test_no_household_open_points_to_the_list(agency):
    at = app_test(PAGE, user=agency["users"]["counselor"])
    assert not at.exception
    assert "Open a household from the Households page first" in at.info[0].value
    assert not at.get("download_button")


def test_given_to_client_records_the_date_and_says_so(demo):
    engine, household_id = demo["engine"], demo["demo"]
    at = app_test(PAGE, lang="es", user=demo["users"]["counselor"], household_id=household_id)
    at.button(key="plan_given").click().run()
    assert not at.exception
    with reading(engine) as s:
        assert s.get(Household, household_id).given_plan_on == today_local()
    assert audit_count(engine, "plan_given", household_id) == 1
    assert any("Se entregó una copia al cliente el" in s.value for s in at.success)


def test_a_view_is_audited_once_not_on_every_rerun(demo):
    engine, household_id = demo["engine"], demo["demo"]
    at = app_test(PAGE, user=demo["users"]["counselor"], household_id=household_id)
    at.toggle(key="plan_large_print").set_value(True).run()
    at.radio(key="plan_print_lang").set_value("both").run()
    assert not at.exception
    assert "Preview. The printed copy will be in: Spanish, English." in visible_text(at)
    assert audit_count(engine, "plan_viewed", household_id) == 1


def test_another_offices_counselor_sees_no_client_data(demo):
    at = app_test(PAGE, user=demo["users"]["counselor_south"], household_id=demo["demo"])
    text = visible_text(at)
    assert "You do not have access to this household." in text
    assert "Núñez" not in text and "$4,830" not in text
    assert not at.get("download_button")


@pytest.mark.parametrize("who", [None, "trainer"])
def test_logged_out_or_trainer_sees_nothing_of_the_client(demo, who):
    """Run the page file directly (as the legacy router might) with a household id left in the session."""
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=30)
    at.session_state["household_id"] = demo["demo"]
    if who:
        at.session_state["user"] = dict(demo["users"][who])
        at.session_state["last_activity"] = time.time()
    at.run()
    text = visible_text(at)
    assert "Please log in with an account that has access to this page." in text
    assert "Núñez" not in text and "Your goals" not in text


@pytest.fixture
def drawings(monkeypatch):
    """How many times the plan was drawn (its print options, once a drawing); clear it before a press."""
    from ui.action_plan import view

    drawn: list[int] = []
    real = view.print_options

    def counted(*args, **kwargs):
        drawn.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(view, "print_options", counted)
    return drawn


@pytest.mark.parametrize(
    ("lang", "recorded", "given"),
    [
        ("en", "Recorded: copy given on", "A copy was given to the client on"),
        ("es", "Anotado: copia entregada el", "Se entregó una copia al cliente el"),
    ],
)
def test_given_is_recorded_and_said_once_in_one_drawing(demo, drawings, lang, recorded, given):
    at = app_test(PAGE, lang=lang, user=demo["users"]["counselor"], household_id=demo["demo"])
    drawings.clear()
    at.button(key="plan_given").click().run()
    assert not at.exception
    assert len(drawings) == 1
    assert [t.value for t in at.toast if t.value.startswith(recorded)]
    assert any(s.value.startswith(given) for s in at.success)
    at.run()
    assert not at.toast  # said once
    assert any(s.value.startswith(given) for s in at.success)  # the file still shows it


@pytest.mark.parametrize(("lang", "message"), [("en", "You do not have access"), ("es", "No tiene acceso")])
def test_given_for_a_household_moved_away_records_nothing_and_says_so_once(demo, lang, message):
    from db.engine import transaction

    engine, household_id = demo["engine"], demo["demo"]
    at = app_test(PAGE, lang=lang, user=demo["users"]["counselor"], household_id=household_id)
    with transaction(engine) as s:  # another office takes the file while the plan is on screen
        s.get(Household, household_id).office_id = demo["offices"]["south"]
    at.button(key="plan_given").click().run()
    assert not at.exception
    assert [e.value for e in at.error if e.value.startswith(message)] == [e.value for e in at.error]
    assert len(at.error) == 1
    with reading(engine) as s:
        assert s.get(Household, household_id).given_plan_on is None
    assert audit_count(engine, "plan_given", household_id) == 0
    with transaction(engine) as s:  # and it comes back: that press's refusal is not said again
        s.get(Household, household_id).office_id = demo["offices"]["north"]
    at.run()
    assert not at.error
