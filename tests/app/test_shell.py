"""The app shell: first-run set-up, login, lockout, idle logout, language switch, and the menu per role."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from tests.app.conftest import APP, ROOT, app_test, visible_text
from tests.factories import PASSWORD

PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py"))
CLIENT_PAGES = [
    "app_pages/households.py",
    "app_pages/household.py",
    "app_pages/intake.py",
    "app_pages/action_plan.py",
    "app_pages/follow_up.py",
    "app_pages/fees.py",
    "app_pages/appointments.py",
    "app_pages/import_export.py",
    "app_pages/pipeline.py",
]
LEAD_PAGES = ["app_pages/hud9902.py", "app_pages/program_rules.py", "app_pages/retention.py"]
ADMIN_PAGES = ["app_pages/users.py", "app_pages/audit_log.py"]


def login(at, username, password):
    at.text_input(key="login_user").input(username)
    at.text_input(key="login_password").input(password)
    at.button[0].click().run()
    return at


def test_empty_database_offers_first_administrator_setup(empty_db):
    at = app_test()
    assert at.title[0].value == "Welcome to Camino"
    at.text_input(key="setup_office").input("Casa de Ayuda")
    at.text_input(key="setup_name").input("Ana Admin")
    at.text_input(key="setup_username").input("ana")
    at.text_input(key="setup_password").input("short")
    at.button[0].click().run()
    assert "at least 12 characters" in at.error[0].value
    at.text_input(key="setup_password").input("a long enough password")
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["user"]["role"] == "admin"
    assert "Logged in as Ana Admin" in visible_text(at)


def test_setup_screen_is_gone_once_an_account_exists(agency):
    at = app_test()
    assert at.title[0].value == "Log in"


def test_login_then_client_menu(agency):
    at = login(app_test(), "counselor", PASSWORD)
    assert not at.exception
    assert at.session_state["user"]["username"] == "counselor"
    assert at.title[0].value == "Households"


def test_wrong_password_is_refused_and_five_failures_lock(agency):
    at = app_test()
    for _ in range(4):
        login(at, "counselor", "wrong password!")
        assert at.error[0].value.startswith("Incorrect username or password.")
    login(at, "counselor", "wrong password!")
    refused = at.error[0].value
    login(at, "counselor", PASSWORD)
    assert at.error[0].value == refused  # locked: the same answer as an unknown username
    login(at, "nobody_here", PASSWORD)
    assert at.error[0].value == refused
    assert "user" not in at.session_state or at.session_state["user"] is None


REFUSED = {
    "en": "Incorrect username or password.",
    "es": "Usuario o contraseña incorrectos.",
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_refused_login_says_why_once_and_keeps_the_form(agency, lang):
    at = login(app_test(lang=lang), "counselor", "wrong password!")
    assert at.error[0].value.startswith(REFUSED[lang])
    assert at.text_input(key="login_user").value == "counselor"
    at.segmented_control(key="lang_switch").set_value("es" if lang == "en" else "en").run()
    assert not at.error  # the reason belongs to that press, not to every later screen


def test_a_right_password_is_checked_once_and_opens_the_home_page(agency):
    from sqlalchemy import select

    from db.engine import reading
    from db.models import AuditEvent

    at = login(app_test(), "counselor", PASSWORD)
    assert at.title[0].value == "Households"
    assert "login_refused" not in at.session_state
    with reading(agency["engine"]) as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("login%"))))
    assert actions == ["login"]


def test_idle_session_is_logged_out(agency):
    at = app_test(user=agency["users"]["counselor"])
    assert at.title[0].value == "Households"
    at.session_state["last_activity"] = time.time() - 31 * 60
    at.run()
    assert "user" not in at.session_state
    # A fresh visit shows the login page with the reason.
    at = app_test(state={"logout_reason": "idle"})
    assert at.title[0].value == "Log in"
    assert "30 minutes without activity" in visible_text(at)


def test_spanish_switch_translates_the_shell(agency):
    at = app_test(lang="es")
    assert at.title[0].value == "Iniciar sesión"
    assert at.text_input(key="login_user").label == "Usuario"


def test_browser_locale_sets_the_default_language(agency):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.context["locale"] = "es-US"
    at.run()
    assert at.title[0].value == "Iniciar sesión"


def test_language_choice_is_remembered_on_the_account(agency):
    from db.accounts import authenticate

    at = app_test(user=agency["users"]["counselor"])
    at.segmented_control(key="lang_switch").set_value("es").run()
    assert at.title[0].value == "Hogares"
    user = authenticate(agency["engine"], "counselor", PASSWORD)
    assert user["language"] == "es"
    # The next login starts in Spanish.
    at = login(app_test(lang="en"), "counselor", PASSWORD)
    assert at.title[0].value == "Hogares"


def _every_kind_of_widget_script():
    import datetime as dt

    import pandas as pd
    import streamlit as st

    from ui.text import _, resend_choices

    def switch():
        st.session_state["lang"] = st.session_state["switch"]
        resend_choices()

    st.segmented_control("Language", ["en", "es"], key="switch", default="en", on_change=switch)
    st.selectbox(
        _("Stage"),
        ["all", "intake"],
        format_func=lambda code: _("All") if code == "all" else _("Intake"),
        key="pick",
    )
    st.multiselect("Several", ["a", "b"], key="several")
    st.radio("One", [1, 2], key="one")
    st.checkbox("Tick", key="tick")
    st.date_input("Day", value=dt.date(2026, 1, 2), key="day")
    st.number_input("Amount", value=5.0, key="amount")
    st.button("Press", key="press")
    st.download_button("Get", b"x", key="get")
    st.file_uploader("File", key="upload")
    st.data_editor(pd.DataFrame({"a": [1]}), key="table")
    with st.form("form"):
        st.text_input("Name", key="name")
        st.form_submit_button("Send")


def test_switching_language_leaves_buttons_uploads_and_tables_alone():
    """resend_choices gives plain values back through Session State; Streamlit refuses that for buttons,
    uploads and table edits, so touching them would break every page that has one."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_every_kind_of_widget_script, default_timeout=60)
    at.session_state["lang"] = "en"
    at.run()
    at.selectbox(key="pick").select("intake")
    at.multiselect(key="several").select("b")
    at.radio(key="one").set_value(2)
    at.run()
    at.segmented_control(key="switch").set_value("es").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="pick").value == "intake"
    assert at.selectbox(key="pick").options == ["Todos", "Admisión"]
    assert at.multiselect(key="several").value == ["b"]
    assert at.radio(key="one").value == 2
    assert at.date_input(key="day").value == dt.date(2026, 1, 2)


def test_switching_language_on_the_households_list_keeps_the_filters(agency):
    # The list is an admin's first page. (After one run AppTest runs the page file without the entry
    # point, so the filter is chosen before the first run and the switch is the first interaction.)
    at = app_test(user=agency["users"]["admin"], state={"hh_stage": "intake"})
    assert at.title[0].value == "Households"
    at.segmented_control(key="lang_switch").set_value("es").run()
    assert at.selectbox(key="hh_stage").value == "intake"
    assert at.selectbox(key="hh_stage").options[1] == "Admisión"
    assert at.segmented_control(key="hh_status").value == "open"
    assert not at.exception


@pytest.mark.parametrize("page", PAGES)
def test_every_page_run_directly_while_logged_out_shows_no_client_data(agency, page):
    """A screen file run on its own, without the entry point's gate, must guard itself."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    at.run()
    text = visible_text(at)
    assert not at.exception
    for secret in ("Núñez", "Nguyễn", "555-0101", "555-0199"):
        assert secret not in text


@pytest.mark.parametrize("role", ["admin", "lead", "counselor", "trainer", None])
@pytest.mark.parametrize("page", PAGES)
def test_role_matrix(agency, role, page):
    """Who reaches which page: trainers no client page, only leads/admins the program pages, only admins users."""
    user = agency["users"].get(role) if role else None
    at = app_test(user=user)
    allowed = True
    if page in CLIENT_PAGES:
        allowed = role in ("admin", "lead", "counselor")
    elif page in LEAD_PAGES:
        allowed = role in ("admin", "lead")
    elif page in ADMIN_PAGES:
        allowed = role == "admin"
    elif page in ("app_pages/attendance.py", "app_pages/account.py"):
        allowed = role is not None
    if not allowed:
        with pytest.raises(ValueError):
            at.switch_page(page)
        return
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.title, f"{page} shows no heading"


def _logout_script():
    import streamlit as st

    from ui import auth

    auth.log_out()
    st.write(sorted(k for k in st.session_state))


def test_logout_forgets_the_user_and_open_household_and_is_audited(agency):
    from sqlalchemy import select
    from streamlit.testing.v1 import AppTest

    from db.engine import reading
    from db.models import AuditEvent

    at = AppTest.from_function(_logout_script, default_timeout=60)
    at.session_state["user"] = agency["users"]["counselor"]
    at.session_state["household_id"] = agency["households"]["north"]
    at.session_state["lang"] = "es"
    at.run()
    assert "user" not in at.session_state
    assert "household_id" not in at.session_state
    assert at.session_state["lang"] == "es"
    with reading(agency["engine"]) as s:
        actions = list(s.scalars(select(AuditEvent.action)))
    assert "logout" in actions


def test_idle_timeout_also_applies_when_a_page_runs_without_the_entry_point(agency):
    """A screen file run on its own (no entry point, no menu) still logs out an idle user and shows no client."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app_pages" / "households.py"), default_timeout=60)
    at.session_state["user"] = dict(agency["users"]["counselor"])
    at.session_state["last_activity"] = time.time() - 31 * 60
    at.run()
    assert "Please log in" in at.warning[0].value
    assert "Núñez" not in visible_text(at)


def test_an_idle_user_who_clicks_is_sent_to_the_login_page_with_the_reason(agency):
    at = app_test("app_pages/households.py", user=agency["users"]["counselor"])
    at.session_state["last_activity"] = time.time() - 31 * 60
    at.run()
    assert any(t.value == "Log in" for t in at.title)
    assert [i.value for i in at.info][:1] == ["You were logged out after 30 minutes without activity."]
    assert "Núñez" not in visible_text(at)
