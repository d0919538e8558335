"""A bookmarked address, in a real browser: a visitor gets the login form and then that page; a role without
the page is told so in its language. Never Streamlit's English "Page not found"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, wait_for_app
from tests.factories import PASSWORD

NOT_FOUND = "Page not found"


@pytest.mark.parametrize(
    "locale, username, password, log_in",
    [
        ("es-ES", "Usuario", "Contraseña", "Iniciar sesión"),
        ("en-US", "Username", "Password", "Log in"),
    ],
)
def test_a_visitor_opening_a_client_page_logs_in_and_lands_on_it(
    browser, app_url, locale, username, password, log_in
):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/follow-up")  # a bookmark, or a link a colleague sent
        wait_for_app(page)
        expect(page.get_by_text(NOT_FOUND)).to_have_count(0)
        assert page.url.endswith("/follow-up")
        page.get_by_label(username).fill("counselor")
        page.get_by_label(password, exact=True).fill(PASSWORD)
        page.get_by_role("button", name=log_in).click()
        wait_for_app(page)
        # Logged in, the page speaks the account's language (the test counselor's is English).
        expect(page.get_by_role("heading", name="Follow-up", exact=True)).to_be_visible()
        assert page.url.endswith("/follow-up")
        expect(page.get_by_text(NOT_FOUND)).to_have_count(0)
    finally:
        context.close()


def test_a_trainer_opening_the_hud_report_is_told_it_is_not_for_their_account(page, app_url):
    login(page, app_url, "trainer")
    page.goto(f"{app_url}/hud-9902")  # a new session: the login form first, then the address's answer
    wait_for_app(page)
    page.get_by_label("Username").fill("trainer")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    wait_for_app(page)
    expect(page.get_by_text("Please log in with an account that has access to this page.")).to_be_visible()
    expect(page.get_by_text(NOT_FOUND)).to_have_count(0)
    expect(page.get_by_role("heading", name="HUD-9902 report")).to_have_count(0)
