"""The attendance page: a trainer records a workshop, finds people by name, adds newcomers, prints certificates."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from db.engine import reading, transaction
from db.models import AuditEvent, EducationAttendance, EducationEvent, Household
from tests.app.conftest import ROOT, app_test, visible_text

PAGE = "app_pages/attendance.py"


@pytest.fixture
def office(agency):
    """Households stored the way intake stores them (search name without accents)."""
    from db.education import normalize_name

    with transaction(agency["engine"]) as s:
        for hh in s.scalars(select(Household)):
            hh.search_name = normalize_name(hh.display_name)
    return agency


def events(engine) -> list[EducationEvent]:
    with reading(engine) as s:
        return list(s.scalars(select(EducationEvent)))


def attendance_rows(engine) -> list[tuple[int, int]]:
    with reading(engine) as s:
        return [(a.event_id, a.household_id) for a in s.scalars(select(EducationAttendance))]


@pytest.mark.parametrize(
    "lang, phrases",
    [
        (
            "en",
            ["Attendance", "Workshop module", "HUD-9902 education type", "Who attended", "Save attendance"],
        ),
        (
            "es",
            ["Asistencia", "Módulo del taller", "Tipo de educación para el HUD-9902", "Quiénes asistieron"],
        ),
    ],
)
def test_page_in_both_languages(office, lang, phrases):
    at = app_test(PAGE, lang=lang, user=office["users"]["trainer"])
    assert not at.exception
    text = visible_text(at)
    assert [p for p in phrases if p not in text] == []
    assert "Núñez" not in text  # nobody's name until the trainer searches or types it


def test_trainer_records_a_workshop_with_a_found_person_and_a_newcomer(office):
    engine = office["engine"]
    north = office["households"]["north"]
    at = app_test(PAGE, lang="es", user=office["users"]["trainer"])
    at.text_input(key="att_search").input("nunez").run()
    assert "Agregar a María José Núñez Pérez" in [b.label for b in at.button]
    at.button(key=f"att_add_{north}").click().run()
    at.text_input(key="att_new_name").input("Trần Văn Hùng").run()
    at.button(key="att_new_add").click().run()
    assert "**2 personas asistieron**" in visible_text(at)
    at.selectbox(key="att_funding").set_value("none")
    at.button(key="att_save").click().run()
    assert not at.exception
    assert "Guardado: 2 personas en este taller." in [s.value for s in at.success]
    assert "**0 personas asistieron**" in visible_text(at)
    [event] = events(engine)
    assert (
        event.office_id == office["offices"]["north"] and event.trainer_id == office["users"]["trainer"]["id"]
    )
    assert event.education_type in ("prepurchase", "financial_literacy", "rental", "post_purchase")
    households = {hid for _, hid in attendance_rows(engine)}
    assert north in households and len(households) == 2
    # Certificates: one download per attendee, names only.
    assert len(at.get("download_button")) == 2
    text = visible_text(at)
    assert "Trần Văn Hùng" in text and "202-555-0101" not in text


def test_picking_a_module_suggests_its_hud_type(office):
    from curricula.workshops import modules

    by_type = {m.hud_education_type: m for m in modules()}
    assert len(by_type) >= 2, "the curriculum should span several HUD education types"
    at = app_test(PAGE, user=office["users"]["trainer"])
    first = at.selectbox(key="att_module").value
    other = next(m for m in modules() if m.hud_education_type != at.selectbox(key="att_type").value)
    at.selectbox(key="att_module").set_value(other.id).run()
    assert at.selectbox(key="att_module").value != first
    assert at.selectbox(key="att_type").value == other.hud_education_type
    assert other.title["en"] in at.selectbox(key="att_module").options


def test_a_typed_title_when_no_module_fits(office):
    engine = office["engine"]
    at = app_test(PAGE, user=office["users"]["counselor"])
    at.selectbox(key="att_module").set_value("__other__").run()
    at.text_input(key="att_title").input("Charla en la iglesia").run()
    at.text_input(key="att_new_name").input("Ana Gómez").run()
    at.button(key="att_new_add").click().run()
    at.selectbox(key="att_funding").set_value("none")
    at.button(key="att_save").click().run()
    assert not at.exception
    assert [e.module_id for e in events(engine)] == ["Charla en la iglesia"]
    assert "Charla en la iglesia" in at.selectbox(key="att_event").options[0]


@pytest.mark.parametrize(
    "lang, message",
    [("en", "Add at least one person who attended."), ("es", "Agregue por lo menos a una persona")],
)
def test_saving_with_nobody_says_so_at_the_field(office, lang, message):
    at = app_test(PAGE, lang=lang, user=office["users"]["trainer"])
    at.selectbox(key="att_funding").set_value("none")
    at.button(key="att_save").click().run()
    assert not at.exception
    assert any(message in e.value for e in at.error)
    assert events(office["engine"]) == []


def test_missing_title_is_shown_at_the_title(office):
    at = app_test(PAGE, user=office["users"]["trainer"])
    at.selectbox(key="att_module").set_value("__other__").run()
    at.text_input(key="att_new_name").input("Ana").run()
    at.button(key="att_new_add").click().run()
    at.selectbox(key="att_funding").set_value("none")
    at.button(key="att_save").click().run()
    assert any("Please fill in this field." in e.value for e in at.error)
    assert events(office["engine"]) == []


def test_search_never_shows_another_offices_people(office):
    at = app_test(PAGE, user=office["users"]["trainer"])
    at.text_input(key="att_search").input("nguyen").run()
    assert "Nguyễn" not in visible_text(at) + " ".join(b.label for b in at.button)
    assert "No one with that name in this office" in visible_text(at)


def test_repeated_reruns_do_not_repeat_the_search_audit(office):
    at = app_test(PAGE, user=office["users"]["trainer"])
    at.text_input(key="att_search").input("maria").run()
    at.text_input(key="att_new_name").input("X").run()
    with reading(office["engine"]) as s:
        searches = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "attendee_search")))
    assert len(searches) == 1 and "maria" not in searches[0].detail


def test_logged_out_sees_nothing(office):
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=30)
    at.run()
    assert "Please log in with an account that has access to this page." in visible_text(at)
    assert not at.get("download_button")


def test_trainer_session_left_idle_is_logged_out(office):
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=30)
    at.session_state["user"] = dict(office["users"]["trainer"])
    at.session_state["last_activity"] = time.time() - 3 * 3600
    at.run()
    assert "Please log in" in visible_text(at)


def test_adding_a_newcomer_empties_the_name_box_and_a_blank_name_is_refused(office):
    at = app_test(PAGE, user=office["users"]["trainer"])
    at.text_input(key="att_new_name").input("Ana Gómez").run()
    at.button(key="att_new_add").click().run()
    assert at.text_input(key="att_new_name").value == ""
    assert "Ana Gómez (new)" in visible_text(at)
    at.button(key="att_new_add").click().run()
    assert any("Please fill in this field." in e.value for e in at.error)
    assert "**1 person attended**" in visible_text(at)


@pytest.mark.parametrize(
    ("lang", "missing", "who"),
    [
        ("en", "Choose who pays. HUD reviewers look for the funding source of every service.",
         "Who pays for this workshop"),
        ("es", "Elija quién paga. HUD revisa la fuente de fondos de cada servicio.", "Quién paga este taller"),
    ],
)
def test_workshop_records_who_pays_and_the_fee(office, lang, missing, who):
    at = app_test(PAGE, lang=lang, user=office["users"]["trainer"])
    assert who in visible_text(at)
    at.text_input(key="att_new_name").input("Ana Gómez").run()
    at.button(key="att_new_add").click().run()
    at.button(key="att_save").click().run()
    assert missing in [e.value for e in at.error]
    assert events(office["engine"]) == []
    at.selectbox(key="att_funding").set_value("hud")
    at.number_input(key="att_fee").set_value(10.0)
    at.button(key="att_save").click().run()
    assert not at.exception
    [event] = events(office["engine"])
    assert (event.funding, event.funding_source_id, event.fee) == ("hud", None, 10.0)
