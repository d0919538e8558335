"""A lead in a real browser, on the demo caseload: the views that are built only when opened (issue 28)
appear when clicked. Pipeline: the caseloads tab shows its table in place of the chart by group.
HUD-9902: at first only section 9 shows a table; opening section 3 shows its table too."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DemoServer, login, wait_for_app


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, chromium_path):
    server = DemoServer(tmp_path_factory.mktemp("views-e2e"))
    server.start()
    yield server
    server.stop()


def _grids(page):
    return page.get_by_test_id("stDataFrame")


def test_pipeline_tabs_and_hud_sections_are_built_when_opened(page, demo_server):
    login(page, demo_server.url, "demo_lead", "demo-lead-password")
    page.get_by_test_id("stSidebarNav").get_by_text("Pipeline and outcomes", exact=True).click()
    wait_for_app(page)
    expect(page.locator(".vega-embed")).to_have_count(2)  # the funnel and the chart by group
    expect(_grids(page)).to_have_count(1)  # the funnel's table
    page.get_by_role("tab", name="Caseloads and follow-ups", exact=True).click()
    wait_for_app(page)
    panel = page.get_by_role("tabpanel", name="Caseloads and follow-ups")
    expect(panel.get_by_test_id("stDataFrame")).to_have_count(1)
    expect(page.locator(".vega-embed")).to_have_count(1)  # the chart by group is not drawn now

    page.get_by_test_id("stSidebarNav").get_by_text("HUD-9902 report", exact=True).click()
    wait_for_app(page)
    sections = page.get_by_test_id("stExpander").filter(has_text="Section ")
    expect(sections).to_have_count(8)
    expect(sections.filter(has_text="Section 9").get_by_test_id("stDataFrame")).to_have_count(1)
    expect(sections.filter(has_text="Section 3").get_by_test_id("stDataFrame")).to_have_count(0)
    sections.filter(has_text="Section 3").get_by_text("Section 3", exact=False).first.click()
    wait_for_app(page)
    expect(sections.filter(has_text="Section 3").get_by_test_id("stDataFrame")).to_have_count(1)

    # The form as CSV, built when pressed: the file arrives, the quarter's form with its sections.
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Download CSV", exact=True).click()
    assert info.value.suggested_filename.startswith("hud9902-FY")
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("HUD-9902,FY") and lines[1].startswith("period,")
    assert any(line.startswith("check,Section") for line in lines)
