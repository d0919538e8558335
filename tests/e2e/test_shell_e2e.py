"""The shell in a real browser: logged-out calculators, login, Spanish, and no personal data in logs."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import login, wait_for_app

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_logged_out_visitor_sees_login_and_calculators(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav).to_contain_text("Home affordability")
    expect(nav).not_to_contain_text("Households")


def test_counselor_logs_in_and_switches_to_spanish(page, app_url, app_server):
    login(page, app_url, "counselor")
    expect(page.get_by_role("heading", name="Households")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_text("Español").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Hogares")).to_be_visible()
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav).to_contain_text("Calculadoras")
    expect(nav).not_to_contain_text("Calculators")
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(DOCS / "households-es.png"), full_page=True)
    expect(page).not_to_have_url(re.compile(r"N%C3%BA%C3%B1ez|Nu%C3%B1ez|555-01"))
    # The choice is saved on the account; put it back so later browser tests log in to English.
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Households")).to_be_visible()


# Written into the README picture's PNG text by the test below, and checked by
# tests/content/test_newuser_hygiene.py: the picture was taken by this test, after its checks.
README_SHOT_KEY = "Camino-Screenshot"
README_SHOT = "tests/e2e/test_shell_e2e.py::test_first_page_screenshot_for_the_readme"


def test_first_page_screenshot_for_the_readme(page, app_url):
    import io

    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    page.goto(f"{app_url}/affordability")
    wait_for_app(page)
    # Widgets draw once their scripts load; on a busy machine that is after the run ends, and the
    # README's picture would show grey placeholders instead of the form and the answer.
    # The answer first: the fields are counted once the page is drawn, not while they still arrive.
    expect(page.get_by_test_id("stMetric").filter(has_text="Highest price")).to_contain_text("$")
    fields = page.get_by_test_id("stNumberInput")
    expect(fields.first).to_be_visible()
    expect(fields.locator("input")).to_have_count(fields.count())
    expect(page.locator("[data-testid^='stSkeleton']")).to_have_count(0)
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True)))
    stamp = PngInfo()
    stamp.add_text(README_SHOT_KEY, README_SHOT)
    DOCS.mkdir(exist_ok=True)
    shot.save(DOCS / "affordability.png", pnginfo=stamp)


def test_server_log_holds_no_personal_data(app_server):
    """Runs last in this module: whatever the flows above did, no client name or phone reached the log."""
    text = app_server.log_text()
    for secret in ("Núñez", "Nguyễn", "555-0101", "555-0199", "correct horse"):
        assert secret not in text


def test_first_request_after_restart_to_a_client_page_shows_no_client_data(tmp_path, page):
    """A first request after a restart goes through the entry point's gate (no legacy pages/ router runs a screen)."""
    from tests.e2e.conftest import AppServer

    server = AppServer(tmp_path)
    server.start()
    try:
        page.goto(f"{server.url}/households")
        wait_for_app(page)
        body = page.locator("body").inner_text()
        assert "Núñez" not in body and "555-0101" not in body
        expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    finally:
        server.stop()
