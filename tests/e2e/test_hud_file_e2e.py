"""A counselor in a real browser answers HUD's questions in the client file, in English and Spanish."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import login, wait_for_app

NAME = "Yesenia Portillo Lemus"


def choose(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label, exact=True).click()
    page.keyboard.type(option)  # long lists draw only the options in view: filter first
    page.get_by_role("option", name=option, exact=True).click()


def test_counselor_answers_hud_questions_and_readiness_follows(page, app_url, app_server):
    login(page, app_url, "counselor")
    page.get_by_test_id("stSidebarNav").get_by_text("New household").click()
    wait_for_app(page)
    page.get_by_label("Household name").fill(NAME)
    page.get_by_role("button", name="Save and open the client file").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Client file")).to_be_visible()

    page.get_by_role("tab", name="HUD file").click()
    panel = page.get_by_role("tabpanel", name="HUD file")
    expect(panel.get_by_text("HUD reporting still needs 1 answer:")).to_be_visible()
    expect(panel.get_by_text("• Reason for counseling (no session or reason yet)")).to_be_visible()

    page.get_by_role("tab", name="Activity").click()
    page.get_by_role("spinbutton", name="hour, Start time").click()
    page.keyboard.type("10")
    page.get_by_role("spinbutton", name="minute, Start time").click()
    page.keyboard.type("00")
    page.get_by_role("combobox", name="Purpose (HUD)").click()
    page.get_by_role("option", name="Pre-purchase / homebuying").click()
    choose(page, "Who pays for this session", "No grant (the agency's own funds)")
    page.get_by_role("button", name="Add session").click()
    wait_for_app(page)
    expect(page.get_by_text("Session added.")).to_be_visible()

    page.get_by_role("tab", name="HUD file").click()
    expect(panel.get_by_text("• City")).to_be_visible()
    panel.get_by_label("City", exact=True).fill("Takoma Park")
    choose(page, "State", "MD")
    panel.get_by_label("ZIP code", exact=True).fill("20912")
    choose(page, "Marital status", "Separated")
    panel.get_by_role("button", name="Save HUD answers").click()
    wait_for_app(page)
    page.get_by_role("tab", name="HUD file").click()
    expect(panel.get_by_text("Saved.")).to_be_visible()
    expect(panel.get_by_text("• City")).to_have_count(0)
    expect(panel.get_by_text("• Marital status")).to_have_count(0)
    expect(panel.get_by_text("• Type of household")).to_be_visible()

    page.get_by_test_id("stSidebar").get_by_text("Español").click()
    wait_for_app(page)
    page.get_by_role("tab", name="Datos para HUD").click()
    panel_es = page.get_by_role("tabpanel", name="Datos para HUD")
    expect(panel_es.get_by_text("• Tipo de hogar")).to_be_visible()
    expect(panel_es.get_by_label("Ciudad", exact=True)).to_have_value("Takoma Park")
    # Put the language back so later browser tests log in to English.
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    wait_for_app(page)
    assert not re.search(r"portillo|yesenia|20912", page.url, re.IGNORECASE), page.url
    log = app_server.log_text()
    assert "Portillo" not in log and "20912" not in log
