"""The menu's pages are built once per session for each role and language, not on every rerun.

Driven through a small script: after its first run AppTest reruns a file page without the entry point.
"""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from db import accounts
from db.engine import make_engine
from tests.app.conftest import app_test
from tests.factories import make_office


def menu_script():
    import streamlit as st

    from ui.menu_cache import cached_menu

    def build(user):
        st.session_state["builds"] = st.session_state.get("builds", 0) + 1
        return {"section": [st.session_state["builds"]]}

    st.text(str(cached_menu(st.session_state.get("user"), build)["section"][0]))


def builds(at) -> int:
    assert not at.exception, [e.value for e in at.exception]
    return at.session_state["builds"]


def test_reruns_reuse_the_menu_until_role_or_language_changes(agency):
    at = AppTest.from_function(menu_script, default_timeout=30)
    at.session_state["lang"] = "en"
    at.session_state["user"] = dict(agency["users"]["counselor"])
    at.run()
    at.run()
    at.run()
    assert builds(at) == 1
    at.session_state["lang"] = "es"
    at.run()
    assert builds(at) == 2
    at.session_state["user"] = dict(agency["users"]["lead"])
    at.run()
    assert builds(at) == 3
    at.session_state["user"] = dict(agency["users"]["lead"], name="Someone else")  # same role
    at.run()
    assert builds(at) == 3
    at.session_state["user"] = None
    at.run()
    at.run()
    assert builds(at) == 4
    assert at.text[0].value == "4"


@pytest.fixture
def user_counts():
    """The statements that count accounts, from any engine in this process (the app builds its own)."""
    seen: list[str] = []

    def record(conn, cursor, statement, *args):
        if "count(*)" in statement.lower() and "from app_user" in statement.lower():
            seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    yield seen
    event.remove(Engine, "before_cursor_execute", record)


def test_a_visitor_s_reruns_do_not_ask_whether_accounts_exist(agency, user_counts):
    at = app_test("app_pages/affordability.py")
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.segmented_control  # the visitor's menu and sidebar were drawn
    asked = len(user_counts)
    assert asked >= 1  # the first run had to ask
    for income in (5200.0, 5400.0, 5600.0):
        at.number_input(key="income").set_value(income).run()
        assert not at.exception, [e.value for e in at.exception]
    assert len(user_counts) == asked


def test_an_open_set_up_tab_sees_the_first_account_made_elsewhere(empty_db, user_counts):
    """Until an account exists every run asks again: the set-up page must not stick once one is made."""
    at = app_test()
    assert at.title[0].value == "Welcome to Camino"
    engine = make_engine(empty_db)
    office = make_office(engine, "Casa de Ayuda", "casa")
    accounts.create_user(
        engine,
        username="ana",
        display_name="Ana",
        password="a long enough password",
        role="admin",
        office_id=office,
    )
    engine.dispose()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Log in"
