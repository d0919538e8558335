"""A save pressed after the idle timeout saves nothing (its callback runs before the page's session check)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import MetaData, func, select

from db import activity
from db.engine import reading
from db.models import AuditEvent
from tests.app.conftest import app_test

HOUSEHOLD = "app_pages/household.py"
IDLE = {
    "en": "You were logged out after 30 minutes without activity.",
    "es": "Se cerró su sesión después de 30 minutos sin actividad.",
}


@pytest.fixture(autouse=True)
def own_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMINO_DOCUMENTS_DIR", str(tmp_path / "documents"))


def snapshot(engine, only: str | None = None) -> dict:
    """Every row of every table (or of `only`), but the logout's own audit row."""
    meta = MetaData()
    meta.reflect(engine)
    out = {}
    with engine.connect() as c:
        for table in meta.sorted_tables:
            if only and table.name != only:
                continue
            query = select(table)
            if table.name == "audit_event":
                query = query.where(table.c.action != "logout")
            out[table.name] = sorted((tuple(r) for r in c.execute(query)), key=repr)
    return out


def exports(engine) -> int:
    with reading(engine) as s:
        return s.scalar(select(func.count()).where(AuditEvent.action == "hud_client_export"))


def press(at, label: str) -> None:
    next(b for b in at.button if b.label == label).click()


def _session(agency) -> None:
    eng, me, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.add_session(eng, me, hid, session_date=dt.date(2026, 10, 6), purpose="rental")


def _manage_lead(at, agency) -> None:
    """On the accounts page: choose the lead to manage, which draws its forms."""
    at.selectbox(key="manage_user").set_value(agency["users"]["lead"]["id"]).run()


# id: (page, who, client-file tab, set-up before opening, fill, button, the table a save writes)
CASES = {
    "add session": (
        HOUSEHOLD,
        "counselor",
        "Activity",
        None,
        lambda at, a: (
            at.selectbox(key="sess_purpose").set_value("rental"),
            at.selectbox(key="sess_funding").set_value("none"),
        ),
        "Add session",
        "counseling_session",
    ),
    "save intake": (
        HOUSEHOLD,
        "counselor",
        "Intake",
        None,
        lambda at, a: at.text_input(key="hh_phone").input("202-555-0999"),
        "Save changes",
        "household",
    ),
    "add referral": (
        HOUSEHOLD,
        "counselor",
        "Referrals",
        None,
        lambda at, a: at.text_input(key="ref_agency").input("Legal Aid DC"),
        "Add referral",
        "referral",
    ),
    "add goal": (
        HOUSEHOLD,
        "counselor",
        "Action plan",
        None,
        lambda at, a: at.text_input(key="goal_text").input("Ahorrar para el cierre"),
        "Add goal",
        "plan_goal",
    ),
    "add step": (
        HOUSEHOLD,
        "counselor",
        "Action plan",
        None,
        lambda at, a: at.text_input(key="step_text").input("Pedir el reporte de crédito"),
        "Add step",
        "plan_step",
    ),
    "record milestone": (
        HOUSEHOLD,
        "counselor",
        "Milestones",
        None,
        lambda at, a: at.selectbox(key="ms_code").set_value("budget_completed"),
        "Record milestone",
        "milestone",
    ),
    "close file": (
        HOUSEHOLD,
        "counselor",
        "Close or reopen",
        None,
        lambda at, a: at.selectbox(key="close_reason").set_value("goal_reached"),
        "Close file",
        "household",
    ),
    "admin note": (
        HOUSEHOLD,
        "lead",  # not certified: the admin notes are open
        "Activity",
        None,
        lambda at, a: at.text_area(key="note_body").input("Dejó copia de su talón de pago."),
        "Add admin note",
        "admin_note",
    ),
    "HUD answers": (
        HOUSEHOLD,
        "counselor",
        "HUD file",
        None,
        lambda at, a: at.text_input(key="hudp_city").input("Washington"),
        "Save HUD answers",
        "hud_client_profile",
    ),
    "HUD case": (
        HOUSEHOLD,
        "counselor",
        "HUD file",
        _session,
        lambda at, a: at.selectbox(key="hudc_grant").set_value("comprehensive"),
        "Save case",
        "hud_case",
    ),
    "HUD notice": (
        HOUSEHOLD,
        "counselor",
        "HUD file",
        None,
        lambda at, a: (
            at.selectbox(key="ntc_kind").set_value("privacy"),
            at.selectbox(key="ntc_method").set_value("paper"),
        ),
        "Record notice",
        "client_agreement",
    ),
    "add document": (
        HOUSEHOLD,
        "counselor",
        "Documents",
        None,
        lambda at, a: (
            at.selectbox(key="doc_kind").set_value("pay_stub"),
            at.file_uploader(key="doc_file_0").upload("stub.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        ),
        "Add document",
        "household_document",
    ),
    "certification": (
        "app_pages/users.py",
        "admin",
        None,
        None,
        lambda at, a: (
            _manage_lead(at, a),
            at.text_input(key="cert_id").input("HUD-98765"),
            at.date_input(key="cert_date").set_value(dt.date(2022, 4, 1)),
        ),
        "Save certification",
        "app_user",
    ),
    "lead offices": (
        "app_pages/users.py",
        "admin",
        None,
        None,
        lambda at, a: (
            _manage_lead(at, a),
            at.multiselect(key=f"lead_offices_{a['users']['lead']['id']}").set_value([a["offices"]["south"]]),
        ),
        "Save offices",
        "lead_office",
    ),
    "new household": (
        "app_pages/intake.py",
        "counselor",
        None,
        None,
        lambda at, a: at.text_input(key="new_display_name").input("Registro Tardío"),
        "Save and open the client file",
        "household",
    ),
    "follow-up try": (
        "app_pages/follow_up.py",
        "counselor",
        None,
        None,
        lambda at, a: None,
        "Log this try",
        "follow_up_contact",
    ),
    "attendance": (
        "app_pages/attendance.py",
        "trainer",
        None,
        None,
        lambda at, a: (
            at.text_input(key="att_new_name").input("Ana Gómez").run(),
            at.button(key="att_new_add").click().run(),
            at.selectbox(key="att_funding").set_value("none"),
        ),
        "Save attendance",
        "education_event",
    ),
    "plan workshop": (
        "app_pages/attendance.py",
        "trainer",
        None,
        None,
        lambda at, a: at.text_input(key="att_ws_title").set_value("Comprar casa"),
        "Plan workshop",
        "education_event",
    ),
    "HUD client export": (
        "app_pages/hud9902.py",
        "lead",
        None,
        _session,
        lambda at, a: None,
        "Check the households and prepare the files",
        exports,
    ),
}


def open_ready(agency, case: str, lang: str = "en", tab: str | None = None):
    """The page of `case`, logged in, with what its save needs filled in (not yet pressed)."""
    page, who, en_tab, setup, fill, _button, _table = CASES[case]
    tab = tab or en_tab
    if setup:
        setup(agency)
    state = {"hh_tab": tab} if tab else {}
    if page == "app_pages/hud9902.py":
        state = {"hud_fy": 2027, "hud_quarter": 1}
    at = app_test(
        page,
        lang=lang,
        user=agency["users"][who],
        household_id=agency["households"]["north"] if page == HOUSEHOLD else None,
        state=state,
    )
    assert not at.exception, [e.value for e in at.exception]
    fill(at, agency)
    return at


def saved(agency, case: str):
    table = CASES[case][-1]
    return table(agency["engine"]) if callable(table) else snapshot(agency["engine"], table)


@pytest.mark.parametrize("case", list(CASES))
def test_a_save_pressed_after_the_idle_timeout_saves_nothing_and_logs_out(agency, case):
    at = open_ready(agency, case)
    before = snapshot(agency["engine"])
    at.session_state["last_activity"] = time.time() - 31 * 60  # the laptop wakes up after 31 minutes
    press(at, CASES[case][5])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "user" not in at.session_state
    assert IDLE["en"] in [i.value for i in at.info]
    assert snapshot(agency["engine"]) == before  # nothing saved, not even an audit row (but the logout)


@pytest.mark.parametrize("case", list(CASES))
def test_the_same_save_in_a_live_session_is_saved(agency, case):
    """The fills above are enough to save, so the test above does not pass for want of an input."""
    at = open_ready(agency, case)
    before = saved(agency, case)
    press(at, CASES[case][5])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "user" in at.session_state
    assert saved(agency, case) != before


def test_the_idle_message_after_a_late_save_is_in_spanish(agency):
    at = open_ready(agency, "record milestone", lang="es", tab="Logros")
    before = snapshot(agency["engine"])
    at.session_state["last_activity"] = time.time() - 31 * 60
    press(at, "Registrar logro")
    at.run()
    assert not at.exception
    assert "user" not in at.session_state
    assert IDLE["es"] in [i.value for i in at.info]
    assert snapshot(agency["engine"]) == before
