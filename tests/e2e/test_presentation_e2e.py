"""Presentation mode in a real browser at projector size: no chrome, large type, no client data.

Leaves docs/presentation-mode.png (1920x1080) for the README and for trainers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, wait_for_app

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCREENSHOT = DOCS / "presentation-mode.png"


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-US")
    page = context.new_page()
    yield page
    context.close()


def font_px(page, selector: str) -> float:
    """The computed font size of the first element matching `selector` in the main area."""
    return page.eval_on_selector(
        f"[data-testid='stMain'] {selector}", "el => parseFloat(getComputedStyle(el).fontSize)"
    )


def test_counselor_presents_a_workshop_with_large_type_and_no_client_data(projector, app_url):
    page = projector
    login(page, app_url, "counselor")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Test counselor")
    page.get_by_test_id("stSidebarNav").get_by_text("Workshops").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Welcome: is buying right for us now?")).to_be_visible()
    expect(page.get_by_text("Trainer notes")).to_be_visible()

    page.get_by_test_id("stSidebar").get_by_text("Presentation mode").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_text("Trainer notes")).to_have_count(0)

    # The arrow key moves forward, as a presentation clicker or keyboard would.
    for expected in ("Renting and owning: both are good choices", "The four things a lender looks at"):
        page.keyboard.press("ArrowRight")
        wait_for_app(page)
        expect(page.get_by_role("heading", name=expected)).to_be_visible()

    assert font_px(page, "h2") >= 40
    assert font_px(page, "[data-testid='stMarkdownContainer'] li") >= 28
    body = page.inner_text("body")
    for secret in ("Test counselor", "Núñez", "555-0101", "Introduce yourself"):
        assert secret not in body

    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000

    page.get_by_role("button", name="Exit presentation").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()


def test_present_link_works_logged_out(projector, app_url):
    page = projector
    page.goto(f"{app_url}/workshop?present=1&module=renter&workshop_lang=es&slide=3")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="El depósito de garantía")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    link = page.get_by_role("link", name="Abrir la herramienta de derechos del inquilino: Ejemplo en DC")
    expect(link).to_have_attribute(
        "href", "tenant-rights?tr_place=dc&tr_topic=security_deposit&tr_rent=1800&present=1"
    )
