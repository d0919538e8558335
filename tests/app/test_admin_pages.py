"""Admin pages: add and disable users, read the audit log, change one's own password; in both languages."""

from __future__ import annotations

import pytest

from db import accounts
from tests.app.conftest import app_test, visible_text
from tests.factories import PASSWORD


def test_admin_adds_a_counselor_who_can_then_log_in(agency):
    at = app_test("app_pages/users.py", user=agency["users"]["admin"])
    assert "Test counselor" in at.dataframe[0].value.to_csv()
    at.text_input(key="new_name").input("Rosa Martínez")
    at.text_input(key="new_username").input("rosa")
    at.text_input(key="new_hud_id").input("HUD-777")
    at.text_input(key="new_password").input("una clave bien larga")
    [b for b in at.button if b.label == "Add user"][0].click().run()
    assert not at.exception
    assert at.success[0].value.startswith("User added")
    assert accounts.authenticate(agency["engine"], "rosa", "una clave bien larga")["role"] == "counselor"


def test_admin_disables_an_account(agency):
    at = app_test("app_pages/users.py", user=agency["users"]["admin"])
    target = agency["users"]["trainer"]["id"]
    at.selectbox(key="manage_user").set_value(target).run()
    [b for b in at.button if b.label == "Disable account"][0].click().run()
    assert at.success[0].value == "Account disabled."
    with pytest.raises(accounts.AccountError):
        accounts.authenticate(agency["engine"], "trainer", PASSWORD)


def test_users_page_in_spanish(agency):
    at = app_test("app_pages/users.py", user=agency["users"]["admin"], lang="es")
    assert at.title[0].value == "Usuarios y oficinas"
    assert "Agregar usuario" in visible_text(at)


def test_audit_log_lists_logins_without_personal_data(agency):
    accounts.authenticate(agency["engine"], "counselor", PASSWORD)
    at = app_test("app_pages/audit_log.py", user=agency["users"]["admin"])
    text = at.dataframe[0].value.to_csv()
    assert "login" in text and "counselor" in text
    assert "Núñez" not in text


def test_change_own_password(agency):
    at = app_test("app_pages/account.py", user=agency["users"]["counselor"])
    at.text_input(key="pw_current").input(PASSWORD)
    at.text_input(key="pw_new").input("another long password")
    at.button[0].click().run()
    assert at.success[0].value == "Password changed."
    assert accounts.authenticate(agency["engine"], "counselor", "another long password")
