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
    expect(page.get_by_role("combobox", name="Stage")).to_have_count(0)  # behind "Filters" until opened
    page.get_by_role("button", name="Filters", exact=True).click()
    choose(page, "Stage", "Intake")
    expect(page.get_by_role("combobox", name="Stage")).to_have_value("Intake")  # still open to pick more
    expect(page.get_by_role("combobox", name="Area")).to_have_value("All")
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Filters (1)", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stMain").get_by_text("Filtered by: Stage: Intake")).to_be_visible()
    try:
        page.get_by_test_id("stSidebar").get_by_text("Español").click()
        wait_for_app(page)
        expect(page.get_by_role("heading", name="Hogares")).to_be_visible()
        expect(page.get_by_test_id("stMain").get_by_text("Filtros en uso: Etapa: Admisión")).to_be_visible()
        page.get_by_role("button", name="Filtros (1)", exact=True).click()
        # Streamlit alone would keep showing "Intake" and "All" here.
        expect(page.get_by_role("combobox", name="Etapa")).to_have_value("Admisión")
        expect(page.get_by_role("combobox", name="Zona")).to_have_value("Todos")
        page.keyboard.press("Escape")
    finally:
        # The choice is saved on the account; put it back so later browser tests log in to English.
        page.get_by_test_id("stSidebar").get_by_text("English").click()
        wait_for_app(page)
    page.get_by_role("button", name="Filters (1)", exact=True).click()
    expect(page.get_by_role("combobox", name="Stage")).to_have_value("Intake")


def _open_from_list(page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text("Households", exact=True).click()
    wait_for_app(page)
    choose(page, "Open a household", name)
    page.get_by_role("button", name="Open client file", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Client file")).to_be_visible()
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def pick_first(page, label: str) -> None:
    box = page.get_by_role("combobox", name=label)
    box.click()
    if not page.get_by_role("option").first.is_visible():
        box.press("ArrowDown")
    page.get_by_role("option").first.click()
    wait_for_app(page)


def test_a_file_opened_again_adds_a_session_with_only_its_notes(page, app_url, app_server):
    """Open client file goes straight to the file; the purpose and payer of the last session are still
    chosen when the file is opened again (Streamlit had forgotten them, and 'Add session' only said
    'Choose the purpose of this session')."""
    from db import households

    name = "Rosa Villatoro Reingreso"  # a surname no other browser test searches for (they share a server)
    households.create(
        app_server.engine,
        app_server.agency["users"]["counselor"],
        {"display_name": name, "jurisdiction": "dc"},
    )
    login(page, app_url, "counselor")
    _open_from_list(page, name)
    notes = page.get_by_label("Notes (what was discussed, what was agreed)")
    for label in ("Purpose (HUD)", "Who pays for this session"):
        expect(page.get_by_role("combobox", name=label)).to_have_value("")  # never guessed the first time
        pick_first(page, label)
    notes.fill("First visit")
    page.get_by_role("button", name="Add session").click()
    wait_for_app(page)
    expect(page.get_by_text("Session added.")).to_be_visible()
    _open_from_list(page, name)
    expect(page.get_by_role("combobox", name="Purpose (HUD)")).not_to_have_value("")
    notes.fill("Second visit")
    page.get_by_role("button", name="Add session").click()
    wait_for_app(page)
    expect(page.get_by_text("Session added.")).to_be_visible()
    expect(notes).to_have_value("")
