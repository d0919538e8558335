"""The client file in AppTest, in English and Spanish: what a counselor sees and does all day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db import activity, households
from db.engine import reading
from db.local_time import today_local
from db.models import AuditEvent
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/household.py"


def button(at, label):
    return next(b for b in at.button if b.label == label)


def open_file(agency, lang="en", who="counselor", household="north", tab=None):
    """The client file, on its first tab or on `tab` (its label in `lang`): only the tab in view is drawn."""
    return app_test(
        PAGE,
        lang=lang,
        user=agency["users"][who],
        household_id=agency["households"][household],
        state={"hh_tab": tab} if tab else None,
    )


def test_no_household_chosen_says_where_to_choose(agency):
    at = app_test(PAGE, user=agency["users"]["counselor"])
    assert not at.exception
    assert "Choose a household on the Households page" in at.info[0].value


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            ["Client file", "María José Núñez Pérez", "Stage", "Intake", "Add session"],
        ),
        ("es", ["Expediente del cliente", "María José Núñez Pérez", "Etapa", "Admisión", "Agregar sesión"]),
    ],
)
def test_client_file_shows_the_household_in_both_languages(agency, lang, expected):
    at = open_file(agency, lang)
    assert not at.exception
    text = visible_text(at)
    for piece in expected:
        assert piece in text, piece


def test_opening_is_audited_once_not_on_every_rerun(agency):
    at = open_file(agency)
    at.run()
    with reading(agency["engine"]) as s:
        views = list(s.scalars(select(AuditEvent.id).where(AuditEvent.action == "household_viewed")))
    assert len(views) == 1


def test_other_office_household_is_refused(agency):
    at = open_file(agency, household="south")
    assert "You do not have access to this household." in visible_text(at)
    assert "Nguyễn" not in visible_text(at)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_quick_add_session_appears_in_the_log_and_sets_last_contact(agency, lang):
    at = open_file(agency, lang)
    at.selectbox(key="sess_purpose").set_value("rental")
    at.selectbox(key="sess_funding").set_value("none")
    at.number_input(key="sess_minutes").set_value(45)
    at.text_area(key="sess_notes").input("Habló del contrato de alquiler")
    label = "Add session" if lang == "en" else "Agregar sesión"
    button(at, label).click().run()
    assert not at.exception
    text = visible_text(at)
    assert ("Session added." if lang == "en" else "Sesión agregada.") in text
    log = at.dataframe[0].value
    assert "Habló del contrato de alquiler" in log.to_string()
    assert (
        households.current(agency["engine"], agency["users"]["counselor"], agency["households"]["north"])[
            "last_contact_on"
        ]
        == today_local()
    )


def facts(at) -> dict[str, str]:
    """The client file's one-row table of stage, contacts and status, by column heading."""
    table = next(m.value for m in at.markdown if m.value.startswith("| ") and "\n|" in m.value)
    head, _line, row = (line.strip("| ").split(" | ") for line in table.splitlines())
    return dict(zip(head, row, strict=True))


def test_milestones_move_the_stage(agency):
    at = open_file(agency, tab="Milestones")
    at.selectbox(key="ms_code").set_value("budget_completed")
    button(at, "Record milestone").click().run()
    assert not at.exception
    assert facts(at)["Stage"].startswith("Budget done · since ")
    assert "Milestone recorded" in visible_text(at)


def test_milestone_in_spanish(agency):
    at = open_file(agency, "es", tab="Logros")
    at.selectbox(key="ms_code").set_value("budget_completed")
    button(at, "Registrar logro").click().run()
    assert facts(at)["Etapa"].startswith("Presupuesto hecho · desde el ")
    assert set(facts(at)) == {"Etapa", "Último contacto", "Próximo seguimiento", "Expediente"}


def test_overdue_step_is_flagged(agency):
    at = open_file(agency, tab="Action plan")
    at.text_input(key="step_text").input("Pedir el reporte de crédito")
    at.date_input(key="step_due").set_value(today_local() - dt.timedelta(days=3))
    button(at, "Add step").click().run()
    assert not at.exception
    assert "1 step(s) are past their due date." in visible_text(at)
    steps = next(df.value for df in at.dataframe if "Who" in df.value.columns)
    assert list(steps["Status"]) == ["Overdue"]


def test_edit_conflict_keeps_my_input_and_lets_me_reapply(agency):
    eng, lead, me = agency["engine"], agency["users"]["lead"], agency["users"]["counselor"]
    hid = agency["households"]["north"]
    at = open_file(agency, tab="Intake")
    # While the counselor has the form open, the lead saves a new phone number.
    households.update(eng, lead, hid, 1, {"phone": "202-555-0111"})
    at.text_input(key="hh_phone").input("202-555-0999")
    at.number_input(key="hh_household_size").set_value(6)
    button(at, "Save changes").click().run()
    assert not at.exception
    text = visible_text(at)
    assert "Someone else changed this household while you were editing" in text
    assert "Phone: 202-555-0101 → 202-555-0111" in text
    assert at.text_input(key="hh_phone").value == "202-555-0999"  # my input is still there
    assert households.current(eng, me, hid)["phone"] == "202-555-0111"  # nothing overwritten
    button(at, "Save my changes over theirs").click().run()
    stored = households.current(eng, me, hid)
    assert (stored["phone"], stored["household_size"]) == ("202-555-0999", 6)
    assert "Saved." in visible_text(at)
    assert "Someone else changed" not in visible_text(at)


def test_reapply_keeps_the_fields_the_other_person_changed(agency):
    eng, lead, me = agency["engine"], agency["users"]["lead"], agency["users"]["counselor"]
    hid = agency["households"]["north"]
    at = open_file(agency, tab="Intake")
    households.update(eng, lead, hid, 1, {"jurisdiction": "prince_georges_md"})
    at.text_input(key="hh_phone").input("202-555-0999")
    button(at, "Save changes").click().run()
    assert "Where they live: District of Columbia → Prince George's County, MD" in visible_text(at)
    button(at, "Save my changes over theirs").click().run()
    stored = households.current(eng, me, hid)
    assert (stored["phone"], stored["jurisdiction"]) == ("202-555-0999", "prince_georges_md")


def test_edit_conflict_in_spanish_and_discard(agency):
    eng, lead = agency["engine"], agency["users"]["lead"]
    hid = agency["households"]["north"]
    at = open_file(agency, "es", tab="Admisión")
    households.update(eng, lead, hid, 1, {"jurisdiction": "montgomery_md"})
    at.text_input(key="hh_phone").input("202-555-0999")
    button(at, "Guardar cambios").click().run()
    text = visible_text(at)
    assert "Otra persona cambió este hogar mientras usted lo editaba" in text
    button(at, "Borrar mis cambios y ver los de la otra persona").click().run()
    assert at.text_input(key="hh_phone").value == "202-555-0101"
    assert at.selectbox(key="hh_jurisdiction").value == "montgomery_md"


def test_bad_edit_shows_the_message_at_the_field(agency):
    at = open_file(agency, tab="Intake")
    at.text_input(key="hh_display_name").input("   ")
    button(at, "Save changes").click().run()
    assert "Please fill in this field." in [e.value for e in at.error]


def test_close_and_reopen(agency):
    at = open_file(agency, tab="Close or reopen")
    at.selectbox(key="close_reason").set_value("goal_reached")
    button(at, "Close file").click().run()
    assert not at.exception
    assert "Closed on" in visible_text(at)
    assert facts(at)["File"] == "Closed"
    button(at, "Reopen file").click().run()
    assert facts(at)["File"] == "Open"


def test_timeline_lists_sessions_and_milestones(agency):
    eng, me, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.add_session(eng, me, hid, session_date=dt.date(2026, 3, 2), purpose="prepurchase")
    activity.add_milestone(eng, me, hid, "emergency_fund", dt.date(2026, 4, 1), 1500.0)
    at = open_file(agency, "es", tab="Historia")
    text = "\n".join(df.value.to_string() for df in at.dataframe)
    assert "Sesión: " in text and "Logro: " in text


def _forms(at):
    """Every st.form on the page, as {form id: whether Enter submits it}."""
    return {form.proto.form.form_id: form.proto.form.enter_to_submit for form in at.form}


@pytest.mark.parametrize(
    ("lang", "add", "message"),
    [
        ("en", "Add session", "Choose the purpose of this session. The HUD report counts it."),
        ("es", "Agregar sesión", "Elija el propósito de esta sesión. El informe de HUD lo cuenta."),
    ],
)
def test_first_session_has_no_purpose_until_the_counselor_picks_one(agency, lang, add, message):
    at = open_file(agency, lang)
    assert at.selectbox(key="sess_purpose").value is None  # nothing guessed for a first session
    button(at, add).click().run()
    assert not at.exception
    assert message in [e.value for e in at.error]
    hid = agency["households"]["north"]
    assert activity.sessions_for(agency["engine"], agency["users"]["counselor"], hid) == []
    at.selectbox(key="sess_purpose").set_value("rental")
    at.selectbox(key="sess_funding").set_value("none")
    button(at, add).click().run()
    assert [
        r["purpose"] for r in activity.sessions_for(agency["engine"], agency["users"]["counselor"], hid)
    ] == ["rental"]
    # The next session starts from the household's last purpose; another household starts empty again.
    assert open_file(agency, lang).selectbox(key="sess_purpose").value == "rental"


def test_the_purpose_of_one_household_does_not_carry_to_another(agency):
    at = open_file(agency)
    at.selectbox(key="sess_purpose").set_value("homeless")
    at.selectbox(key="sess_funding").set_value("none")
    button(at, "Add session").click().run()
    other = households.create(
        agency["engine"], agency["users"]["counselor"], {"display_name": "Ana Chávez", "jurisdiction": "dc"}
    )
    at.session_state["household_id"] = other
    at.run()
    assert at.selectbox(key="sess_purpose").value is None


def test_enter_in_the_milestone_form_does_not_record_it(agency):
    forms = _forms(open_file(agency, tab="Milestones"))
    assert forms["add_milestone"] is False


@pytest.mark.parametrize(
    ("lang", "tab", "record", "again", "warning"),
    [
        (
            "en",
            "Milestones",
            "Record milestone",
            "Record it again anyway",
            "Budget completed was already recorded on",
        ),
        ("es", "Logros", "Registrar logro", "Registrarlo otra vez", "ya se registró el"),
    ],
)
def test_same_milestone_same_day_warns_before_recording_twice(agency, lang, tab, record, again, warning):
    at = open_file(agency, lang, tab=tab)
    at.selectbox(key="ms_code").set_value("budget_completed")
    button(at, record).click().run()
    button(at, record).click().run()
    assert not at.exception
    assert any(warning in w.value for w in at.warning)
    hid = agency["households"]["north"]
    rows = activity.milestones_for(agency["engine"], agency["users"]["counselor"], hid)
    assert [r["code"] for r in rows] == ["budget_completed"]
    button(at, again).click().run()
    rows = activity.milestones_for(agency["engine"], agency["users"]["counselor"], hid)
    assert [r["code"] for r in rows] == ["budget_completed", "budget_completed"]
    assert not any(warning in w.value for w in at.warning)  # the HUD file's own banner may stay


@pytest.mark.parametrize("away", ["tab", "page"])
def test_the_file_opened_again_starts_from_the_last_purpose_and_payer(agency, away):
    """Streamlit forgets a widget's value after a run that does not draw it: coming back to the Activity
    tab, or to the file from the list, must not empty the purpose and payer the last session left."""
    at = open_file(agency)
    at.selectbox(key="sess_purpose").set_value("rental")
    at.selectbox(key="sess_funding").set_value("none")
    button(at, "Add session").click().run()
    assert "Session added." in visible_text(at)
    if away == "tab":
        at.session_state["hh_tab"] = "Milestones"
        at.run()
        assert "sess_purpose" not in at.session_state  # what the fix answers for
        at.session_state["hh_tab"] = "Activity"
    else:
        at.switch_page("app_pages/households.py").run()
        at.switch_page(PAGE)
    at.run()
    assert at.selectbox(key="sess_purpose").value == "rental"
    assert at.selectbox(key="sess_funding").value is not None
    at.text_area(key="sess_notes").input("Second visit")
    button(at, "Add session").click().run()
    assert "Session added." in visible_text(at)
    hid = agency["households"]["north"]
    assert len(activity.sessions_for(agency["engine"], agency["users"]["counselor"], hid)) == 2
