"""The Follow-up page's stages in AppTest, in English and Spanish: due, a try, the letter, closing."""

from __future__ import annotations

import pytest

from db import follow_up
from db.engine import reading
from db.local_time import today_local
from db.models import Household
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/follow_up.py"
WORDS = {
    "en": {
        "due": "Due: no contact in 60 days",
        "try1": "Try 1 logged",
        "sent": "Letter sent: waiting for an answer",
        "log": "Log this try",
        "make": "Prepare the letter (PDF)",
        "download": "Download the letter",
        "record": "Record the letter as sent",
        "close": "Close the file",
        "closed": "The file is closed.",
    },
    "es": {
        "due": "Pendiente: sin contacto en 60 días",
        "try1": "Intento 1 anotado",
        "sent": "Carta enviada: esperando respuesta",
        "log": "Anotar este intento",
        "make": "Preparar la carta (PDF)",
        "download": "Descargar la carta",
        "record": "Anotar la carta como enviada",
        "close": "Cerrar el expediente",
        "closed": "El expediente está cerrado.",
    },
}


def button(at, label):
    return next(b for b in at.button if b.label == label)


def frames(at) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_silent_file_goes_from_due_to_letter_to_closed(agency, lang):
    words = WORDS[lang]
    hid = agency["households"]["north"]
    user = agency["users"]["counselor"]
    at = app_test(PAGE, lang=lang, user=user)
    assert not at.exception
    assert words["due"] in frames(at)  # opened 2026-01-05 with no contact since
    assert "María José Núñez Pérez" in frames(at)
    assert "Nguyễn Thị Ngọc" not in frames(at)  # another office's household

    button(at, words["log"]).click().run()
    assert not at.exception
    assert words["try1"] in frames(at)

    button(at, words["make"]).click().run()
    assert not at.exception
    assert [b for b in at.get("download_button") if b.proto.label == words["download"]]
    button(at, words["record"]).click().run()
    assert not at.exception
    assert words["sent"] in frames(at)
    rows = follow_up.follow_up_list(agency["engine"], user)
    assert [r.stage for r in rows if r.household_id == hid] == ["letter_sent"]

    button(at, words["close"]).click().run()
    assert not at.exception
    assert words["closed"] in visible_text(at)
    with reading(agency["engine"]) as s:
        hh = s.get(Household, hid)
        assert (hh.status, hh.close_reason) == ("closed", "no_contact")


@pytest.mark.parametrize(("lang", "message"), [("en", "This date is in the future."), ("es", "Esta fecha es futura.")])
def test_a_try_dated_tomorrow_is_refused_next_to_the_field(agency, lang, message):
    import datetime as dt

    at = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    at.date_input(key="fu_try_on").set_value(today_local() + dt.timedelta(days=1))
    button(at, WORDS[lang]["log"]).click().run()
    assert not at.exception
    assert message in visible_text(at)
    assert follow_up.contacts_for(agency["engine"], agency["users"]["counselor"], agency["households"]["north"]) == []
    at.run()  # the next screen (any other click) no longer carries that press's refusal
    assert message not in visible_text(at)


@pytest.mark.parametrize(("lang", "message"), [("en", "You do not have access"), ("es", "No tiene acceso")])
def test_a_household_moved_away_before_the_press_is_refused_without_an_error_page(agency, lang, message):
    from db.engine import transaction

    at = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    with transaction(agency["engine"]) as s:  # another office takes the file while the page is open
        s.get(Household, agency["households"]["north"]).office_id = agency["offices"]["south"]
    button(at, WORDS[lang]["log"]).click().run()
    assert not at.exception
    assert message in visible_text(at)
    admin = agency["users"]["admin"]  # sees every office
    assert follow_up.contacts_for(agency["engine"], admin, agency["households"]["north"]) == []


def test_a_disabled_account_saves_nothing_and_is_logged_out(agency):
    from db import accounts

    counselor = agency["users"]["counselor"]
    at = app_test(PAGE, user=counselor)
    admin = agency["users"]["admin"]
    accounts.set_active(agency["engine"], admin, counselor["id"], False)  # while its tab stays open
    button(at, WORDS["en"]["log"]).click().run()
    assert not at.exception
    assert "user" not in at.session_state
    assert follow_up.contacts_for(agency["engine"], admin, agency["households"]["north"]) == []


def test_the_try_goes_to_the_household_picked_when_the_button_was_pressed(agency):
    """The pick and the press can reach the server together, before the page was drawn with the new pick."""
    from tests.factories import make_household

    counselor, admin = agency["users"]["counselor"], agency["users"]["admin"]
    rosa = make_household(
        agency["engine"], agency["offices"]["north"], "Rosa Amaya Flores", counselor_id=counselor["id"]
    )
    at = app_test(PAGE, user=counselor)
    shown = at.selectbox(key="fu_pick").value
    other = ({rosa, agency["households"]["north"]} - {shown}).pop()
    at.selectbox(key="fu_pick").set_value(other)
    button(at, WORDS["en"]["log"]).click().run()  # one run: the new pick and the press together
    assert not at.exception
    assert len(follow_up.contacts_for(agency["engine"], admin, other)) == 1
    assert follow_up.contacts_for(agency["engine"], admin, shown) == []
