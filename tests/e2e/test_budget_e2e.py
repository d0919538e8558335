"""Budget coach in a real browser: only the open tab is built, a tab click builds the next one, and a
value set in one tab (or above the tabs) still changes the tips and the totals everywhere."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e
# The first run on a busy machine imports pandas and Altair; give the page time before judging it.
WAIT = 30_000
CUSHION_TIP = "Start with a small cushion for surprises"


def open_tab(page, name):
    page.get_by_role("tab", name=name).click()
    wait_for_app(page)


def test_tabs_are_built_when_opened_and_values_carry_across(page, app_url):
    page.goto(f"{app_url}/budget")
    wait_for_app(page)
    # The first tab's table is there; the closed tabs' charts are not built yet.
    expect(page.get_by_text("Income tracker")).to_be_visible(timeout=WAIT)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(0)
    expect(page.get_by_text(CUSHION_TIP)).to_be_visible()

    # Savings sit above the tabs: more than the $500 first goal removes the cushion tip on any tab.
    savings = page.get_by_label("Savings today")
    savings.fill("900")
    savings.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text(CUSHION_TIP)).to_have_count(0, timeout=WAIT)

    open_tab(page, "Debts")
    expect(page.get_by_text("Avalanche saves $74.91 in interest.")).to_be_visible(timeout=WAIT)
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(1)
    # The chart's data arrives (its marks are drawn), not only an empty frame.
    expect(page.get_by_test_id("stVegaLiteChart").locator("canvas, svg").first).to_be_visible(timeout=WAIT)
    expect(page.get_by_text(CUSHION_TIP)).to_have_count(0)

    open_tab(page, "Spending plan")
    expect(page.get_by_test_id("stMetric").filter(has_text="Spending a month")).to_contain_text("$4,150.00")
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(1)
    assert "savings=900" in page.url

    # Leaving the page and coming back is a new visit: the first tab again, nothing of the last one built.
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_text("Home affordability", exact=True).click()
    wait_for_app(page)
    nav.get_by_text("Budget coach", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("Income tracker")).to_be_visible(timeout=WAIT)
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(0)
