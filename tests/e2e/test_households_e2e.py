"""The households list in a real browser: its filters follow a change of language mid-session."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login, wait_for_app


def choose(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def test_filters_keep_their_choice_and_follow_the_language_switch(page, app_url):
    login(page, app_url, "counselor")
    page.get_by_test_id("stSidebarNav").get_by_text("Households", exact=True).click()
    wait_for_app(page)
    choose(page, "Stage", "Intake")
    expect(page.get_by_role("combobox", name="Stage")).to_have_value("Intake")
    expect(page.get_by_role("combobox", name="Area")).to_have_value("All")
    try:
        page.get_by_test_id("stSidebar").get_by_text("Español").click()
        wait_for_app(page)
        expect(page.get_by_role("heading", name="Hogares")).to_be_visible()
        # Streamlit alone would keep showing "Intake" and "All" here.
        expect(page.get_by_role("combobox", name="Etapa")).to_have_value("Admisión")
        expect(page.get_by_role("combobox", name="Zona")).to_have_value("Todos")
    finally:
        # The choice is saved on the account; put it back so later browser tests log in to English.
        page.get_by_test_id("stSidebar").get_by_text("English").click()
        wait_for_app(page)
    expect(page.get_by_role("combobox", name="Stage")).to_have_value("Intake")
