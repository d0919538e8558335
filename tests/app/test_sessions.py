"""Revoked access ends at once (issue #23 item 1): an open tab re-reads its account on every run.

A disable, password reset, role or office change ends the session on its next click; 12 hours end any
session; an untouched tab hides client data once the idle timeout passes (a timed fragment).
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from db import accounts
from db.engine import reading
from db.models import Household
from tests.app.conftest import app_test, visible_text
from tests.factories import PASSWORD

NAME = "María José Núñez Pérez"


def _revoke(agency, how: str) -> None:
    admin, target = agency["users"]["admin"], agency["users"]["counselor"]["id"]
    engine = agency["engine"]
    if how == "disable":
        accounts.set_active(engine, admin, target, False)
    elif how == "password":
        accounts.reset_password(engine, admin, target, PASSWORD + " new")
    elif how == "role":
        accounts.set_role_and_office(
            engine, admin, target, "trainer", agency["users"]["counselor"]["office_id"]
        )
    else:
        accounts.set_role_and_office(engine, admin, target, "counselor", agency["offices"]["south"])


@pytest.mark.parametrize("how", ["disable", "password", "role", "office"])
def test_an_open_tab_loses_client_data_at_its_next_click(agency, how):
    at = app_test("app_pages/follow_up.py", user=agency["users"]["counselor"])
    assert not at.exception
    at.switch_page("app_pages/households.py").run()
    assert NAME in visible_text(at)
    _revoke(agency, how)
    at.run()
    assert "user" not in at.session_state
    assert NAME not in visible_text(at)
    at = app_test(state={"logout_reason": "revoked"})
    assert "Your access changed" in visible_text(at)


def test_a_disabled_counselor_cannot_save_a_new_household(agency):
    at = app_test("app_pages/intake.py", user=agency["users"]["counselor"])
    at.text_input(key="new_display_name").input("Registro Tardío")
    _revoke(agency, "disable")
    next(b for b in at.button if b.label == "Save and open the client file").click().run()
    with reading(agency["engine"]) as s:
        made = s.scalar(select(func.count()).where(Household.display_name == "Registro Tardío"))
    assert made == 0
    assert not at.exception
    assert "user" not in at.session_state


def test_a_session_lasts_at_most_twelve_hours_even_when_active(agency):
    at = app_test(user=agency["users"]["counselor"], state={"logged_in_at": time.time() - 11.9 * 3600})
    assert at.session_state["user"]["username"] == "counselor"
    at.session_state["logged_in_at"] = time.time() - 12 * 3600 - 5
    at.run()
    assert "user" not in at.session_state
    assert "12 hours" in visible_text(app_test(state={"logout_reason": "expired"}))


def test_own_password_change_keeps_this_session_and_ends_the_others(agency):
    other = app_test(user=agency["users"]["counselor"])
    at = app_test("app_pages/account.py", user=agency["users"]["counselor"])
    at.text_input(key="pw_current").input(PASSWORD)
    at.text_input(key="pw_new").input("tamal de elote con queso 77")
    at.button[0].click().run()
    assert "Password changed." in visible_text(at)
    at.run()
    assert at.session_state["user"]["username"] == "counselor"
    other.run()
    assert "user" not in other.session_state


def _idle_script():
    import streamlit as st

    from ui import auth

    auth.idle_watch()
    st.write("client data" if auth.current_user() else "logged out")


def test_the_timed_check_hides_client_data_without_a_click_and_is_not_activity(agency):
    at = AppTest.from_function(_idle_script, default_timeout=30)
    at.session_state["user"] = dict(agency["users"]["counselor"])
    at.session_state["last_activity"] = started = time.time() - 29 * 60
    at.run()
    assert at.markdown[0].value == "client data"
    assert at.session_state["last_activity"] == started  # a timed run does not count as activity
    at.session_state["last_activity"] = time.time() - 31 * 60
    at.run()
    assert "user" not in at.session_state
    assert at.markdown[0].value == "logged out"


def test_a_client_page_reads_the_account_once_per_run_and_still_at_every_click(agency, monkeypatch):
    """The entry point checks the account at the top of each run; the page's require_role() does not
    read it again in the same run, and a revoke still ends the session at the next click."""
    at = app_test("app_pages/households.py", user=agency["users"]["counselor"])
    reads = []
    real = accounts.session_user
    monkeypatch.setattr(accounts, "session_user", lambda *a, **k: reads.append(1) or real(*a, **k))
    at.run()
    assert len(reads) == 1
    assert NAME in visible_text(at)
    assert "access_checked_this_run" not in at.session_state  # only while the page runs
    _revoke(agency, "disable")
    at.run()
    assert "user" not in at.session_state
    assert NAME not in visible_text(at)
