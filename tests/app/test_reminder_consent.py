"""Reminder consent in the client file's Intake tab, in both languages: shown with its date, recorded,
withdrawn, audited; the appointments page reads the same record."""

from __future__ import annotations

import datetime as dt

import pytest

from db.appointments import reminder_data
from db.local_time import today_local
from tests.app.conftest import app_test, visible_text
from tests.factories import audit_actions

PAGE = "app_pages/household.py"


def _intake(agency, lang):
    return app_test(
        PAGE,
        lang=lang,
        user=agency["users"]["counselor"],
        household_id=agency["households"]["north"],
        state={"hh_tab": {"en": "Intake", "es": "Admisión"}[lang]},
    )


def _save(at, lang):
    label = {"en": "Save consent", "es": "Guardar el permiso"}[lang]
    next(b for b in at.button if b.label == label).click().run()


@pytest.mark.parametrize(
    "lang, before, after",
    [
        ("en", "Reminder consent — Email: no; Text message: no", "Email: yes, since"),
        ("es", "Permiso para recordatorios — Correo electrónico: no", "Correo electrónico: sí, desde el"),
    ],
)
def test_consent_is_recorded_in_the_client_file_with_its_date(agency, lang, before, after):
    engine, hid = agency["engine"], agency["households"]["north"]
    at = _intake(agency, lang)
    assert not at.exception
    assert before in visible_text(at)
    given = today_local() - dt.timedelta(days=3)
    at.checkbox(key=f"hh_ce_{hid}").check()
    at.date_input(key=f"hh_con_{hid}").set_value(given)
    _save(at, lang)
    assert not at.exception
    state = reminder_data.consent(engine, agency["users"]["counselor"], hid)
    assert (state.email_since, state.text_since) == (given, None)
    assert after in visible_text(at)
    assert audit_actions(engine, hid).count("reminder_consent_given") == 1


def test_saving_again_keeps_the_first_date_and_unticking_withdraws(agency):
    engine, hid, user = agency["engine"], agency["households"]["north"], agency["users"]["counselor"]
    first = today_local() - dt.timedelta(days=30)
    reminder_data.set_consents(engine, user, hid, {"email": True}, first)
    at = _intake(agency, "en")
    assert at.checkbox(key=f"hh_ce_{hid}").value is True
    at.checkbox(key=f"hh_ct_{hid}").check()
    _save(at, "en")  # email unchanged: still since `first`; text given today
    state = reminder_data.consent(engine, user, hid)
    assert (state.email_since, state.text_since) == (first, today_local())
    at.checkbox(key=f"hh_ce_{hid}").uncheck()
    _save(at, "en")
    state = reminder_data.consent(engine, user, hid)
    assert (state.email_since, state.text_since) == (None, today_local())
    assert "reminder_consent_withdrawn" in audit_actions(engine, hid)


@pytest.mark.parametrize("lang, message", [("en", "valid date"), ("es", "fecha válida")])
def test_a_date_in_the_future_is_refused_and_nothing_is_saved(agency, lang, message):
    engine, hid = agency["engine"], agency["households"]["north"]
    at = _intake(agency, lang)
    at.checkbox(key=f"hh_ce_{hid}").check()
    at.checkbox(key=f"hh_ct_{hid}").check()
    at.date_input(key=f"hh_con_{hid}").set_value(today_local() + dt.timedelta(days=10))
    _save(at, lang)
    assert not at.exception
    assert any(message in e.value for e in at.error)
    state = reminder_data.consent(engine, agency["users"]["counselor"], hid)
    assert (state.email_since, state.text_since) == (None, None)
    assert "reminder_consent_given" not in audit_actions(engine, hid)
