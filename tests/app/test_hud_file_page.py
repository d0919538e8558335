"""The client file's HUD tab and the HUD-9902 page's client-level file, in AppTest, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from db import activity, households, hud_client
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/household.py"


HUD_TAB = {"en": "HUD file", "es": "Datos para HUD"}


def open_file(agency, lang="en"):
    """The client file opened on its HUD tab, the only tab whose body is drawn."""
    return app_test(
        PAGE,
        lang=lang,
        user=agency["users"]["counselor"],
        household_id=agency["households"]["north"],
        state={"hh_tab": HUD_TAB[lang]},
    )


def button(at, label):
    return next(b for b in at.button if b.label == label)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "HUD file",
                "What HUD reporting still needs",
                "Reason for counseling (no session or reason yet)",
                "Marital status",
                "Race (choose every one that applies)",
            ],
        ),
        (
            "es",
            [
                "Datos para HUD",
                "Lo que falta para el informe a HUD",
                "Motivo de la asesoría (todavía no hay sesión ni motivo)",
                "Estado civil",
                "Raza (marque todas las que correspondan)",
            ],
        ),
    ],
)
def test_hud_tab_lists_what_is_missing_in_both_languages(agency, lang, expected):
    at = open_file(agency, lang)
    assert not at.exception
    text = visible_text(at)
    for piece in expected:
        assert piece in text, piece
    not_asked = "Not asked yet" if lang == "en" else "Todavía no se preguntó"
    marital = at.selectbox(key="hudp_marital_status")
    assert marital.value == "" and marital.format_func(marital.value) == not_asked
    assert at.selectbox(key="hudp_marital_status").help  # every question says why HUD asks


@pytest.mark.parametrize("lang", ["en", "es"])
def test_counselor_answers_hud_questions_with_several_races(agency, lang):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.add_session(eng, user, hid, session_date=dt.date(2026, 10, 6), purpose="prepurchase")
    at = open_file(agency, lang)
    at.text_input(key="hudp_city").input("Washington")
    at.selectbox(key="hudp_state").set_value("DC")
    at.text_input(key="hudp_zip_code").input("20009")
    at.multiselect(key="hudp_races").set_value(["black", "white"])
    at.selectbox(key="hudp_marital_status").set_value("single")
    at.number_input(key="hudp_dependents").set_value(2)
    at.number_input(key="hudp_monthly_debt").set_value(300.0)
    button(at, "Save HUD answers" if lang == "en" else "Guardar respuestas para HUD").click().run()
    assert not at.exception
    assert ("Saved." if lang == "en" else "Guardado.") in visible_text(at)
    profile = hud_client.get_profile(eng, user, hid)
    assert (profile.city, profile.state, profile.zip_code) == ("Washington", "DC", "20009")
    assert profile.races == ["black", "white"] and profile.dependents == 2 and profile.monthly_debt == 300
    assert households.current(eng, user, hid)["race"] == "multiple"
    text = visible_text(at)
    assert ("Marital status" if lang == "en" else "Estado civil") not in text.split("\n")[0]


def test_a_bad_zip_is_shown_at_the_field_and_nothing_is_saved(agency):
    at = open_file(agency, "es")
    at.text_input(key="hudp_city").input("Washington")
    at.text_input(key="hudp_zip_code").input("2009")
    button(at, "Guardar respuestas para HUD").click().run()
    assert not at.exception
    assert "Escriba un código postal de 5 dígitos, como 20009 o 20009-1234." in [e.value for e in at.error]
    assert at.text_input(key="hudp_city").value == "Washington"  # the counselor's input stays
    profile = hud_client.get_profile(
        agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    )
    assert profile.version == 0


def test_case_gets_its_hud_grant(agency):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.add_session(eng, user, hid, session_date=dt.date(2026, 10, 6), purpose="rental")
    at = open_file(agency)
    at.selectbox(key="hudc_grant").set_value("comprehensive")
    button(at, "Save case").click().run()
    assert not at.exception
    assert "Case updated." in visible_text(at)
    assert hud_client.cases_for(eng, user, hid)[0].hud_grant == "comprehensive"


def test_9902_page_shows_the_client_level_file_in_spanish(agency):
    at = app_test(
        "app_pages/hud9902.py",
        user=agency["users"]["lead"],
        lang="es",
        state={"hud_fy": 2027, "hud_quarter": 1},
    )
    assert not at.exception
    text = visible_text(at)
    assert "Archivo de clientes para HUD" in text
    assert "Revisar las familias y preparar los archivos" in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_9902_page_lists_households_left_out_and_opens_one(agency, lang):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.add_session(eng, user, hid, session_date=dt.date(2026, 10, 6), purpose="prepurchase")
    at = app_test(
        "app_pages/hud9902.py",
        user=agency["users"]["lead"],
        lang=lang,
        state={"hud_fy": 2027, "hud_quarter": 1},
    )
    assert not at.exception
    prepare = (
        "Check the households and prepare the files"
        if lang == "en"
        else "Revisar las familias y preparar los archivos"
    )
    button(at, prepare).click().run()
    assert not at.exception
    text = visible_text(at)
    assert ("1 household would be left out" if lang == "en" else "1 familia quedaría fuera") in text
    assert "María José Núñez Pérez" in text
    assert ("City" if lang == "en" else "Ciudad") in text
    button(at, "Open file" if lang == "en" else "Abrir expediente").click().run()
    assert not at.exception
    assert at.session_state["household_id"] == hid  # the file to fix is the one opened (never in a URL)


@pytest.mark.parametrize(
    ("lang", "save"), [("en", "Save and open the client file"), ("es", "Guardar y abrir el expediente")]
)
def test_intake_asks_hud_s_questions_and_saves_them_with_the_new_file(agency, lang, save):
    at = app_test("app_pages/intake.py", lang=lang, user=agency["users"]["counselor"])
    assert not at.exception
    assert ("HUD's questions" if lang == "en" else "Las preguntas de HUD") in visible_text(at)
    at.text_input(key="new_display_name").input("Reina Batres Ayala")
    at.text_input(key="new_hud_city").input("Annandale")
    at.selectbox(key="new_hud_state").set_value("VA")
    at.multiselect(key="new_hud_races").set_value(["american_indian", "white"])
    at.selectbox(key="new_hud_spoken_language").set_value("es")
    button(at, save).click().run()
    assert not at.exception
    hid = at.session_state["household_id"]
    profile = hud_client.get_profile(agency["engine"], agency["users"]["counselor"], hid)
    assert (profile.city, profile.state, profile.races, profile.spoken_language) == (
        "Annandale",
        "VA",
        ["american_indian", "white"],
        "es",
    )
    assert profile.marital_status == "" and profile.dependents is None  # not asked stays not asked


def test_intake_with_a_bad_hud_answer_creates_nothing(agency):
    from sqlalchemy import func, select

    from db.engine import reading
    from db.models import Household

    at = app_test("app_pages/intake.py", lang="es", user=agency["users"]["counselor"])
    at.text_input(key="new_display_name").input("Reina Batres Ayala")
    at.text_input(key="new_hud_zip_code").input("22O03")
    button(at, "Guardar y abrir el expediente").click().run()
    assert not at.exception
    assert "Escriba un código postal de 5 dígitos, como 20009 o 20009-1234." in [e.value for e in at.error]
    with reading(agency["engine"]) as s:
        assert s.scalar(select(func.count()).select_from(Household)) == 2  # only the agency's two


@pytest.mark.parametrize(
    ("lang", "missing", "record", "attest_error"),
    [
        ("en", "Missing from this file:", "Record notice", "Confirm that you read the notice aloud"),
        ("es", "Falta en este expediente:", "Anotar aviso", "Confirme que usted leyó el aviso"),
    ],
)
def test_file_shows_missing_notices_and_records_one(agency, lang, missing, record, attest_error):
    from db import agreements

    at = open_file(agency, lang)
    assert not at.exception
    assert any(w.value.startswith(missing) for w in at.warning)
    at.selectbox(key="ntc_kind").set_value("privacy")
    at.selectbox(key="ntc_method").set_value("verbal")
    button(at, record).click().run()
    assert any(e.value.startswith(attest_error) for e in at.error)
    at.checkbox(key="ntc_attested").check()
    button(at, record).click().run()
    assert not at.exception
    lacking = agreements.missing(
        agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    )
    assert lacking == ["agreement", "disclosure"]
    assert at.get("download_button")  # the notices print as a PDF


def test_9902_page_lists_households_missing_notices_only_when_opened(agency):
    """The households without the agreement, disclosure and privacy notice are behind a closed expander,
    and their rows and buttons are built only once it is opened."""
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.add_session(eng, user, hid, session_date=dt.date(2026, 10, 6), purpose="prepurchase")
    at = app_test(
        "app_pages/hud9902.py", user=agency["users"]["lead"], state={"hud_fy": 2027, "hud_quarter": 1}
    )
    assert not at.exception
    assert "1 household to complete" in [e.label for e in at.expander]
    assert not [b for b in at.button if str(b.key).startswith("ntc_fix_")]
    at.session_state["ntc_fix_open"] = True
    at.run()
    assert [b.key for b in at.button if str(b.key).startswith("ntc_fix_")] == [f"ntc_fix_{hid}"]
    at.button(key=f"ntc_fix_{hid}").click().run()
    assert not at.exception
    assert at.session_state["household_id"] == hid
