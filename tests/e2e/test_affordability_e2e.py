"""Affordability in a real browser: changing the rate updates the payment and the shareable URL."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from calculators.affordability.price import analyze
from i18n import format_money
from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e
# The first run on a busy machine imports pandas and Altair; give the page time before judging it.
WAIT = 30_000

# The page's starting values for one home (conventional loan in DC, rules' defaults for the rest).
HOME = {
    "loan_type": "conventional",
    "gross_monthly_income": 6000.0,
    "price": 350000.0,
    "down_payment": 12250.0,
    "jurisdiction": "dc",
}


def total_a_month(page):
    return (
        page.get_by_test_id("stMetric").filter(has_text="Total a month").first.get_by_test_id("stMetricValue")
    )


def test_changing_the_rate_updates_the_payment_and_the_url(page, app_url):
    page.goto(f"{app_url}/affordability?mode=home")
    wait_for_app(page)
    before = format_money(analyze({**HOME, "annual_rate": 0.065})["monthly"]["total"], "en")
    expect(total_a_month(page)).to_have_text(before, timeout=WAIT)

    rate = page.get_by_label("Interest rate (% a year)")
    rate.fill("7.5")
    rate.press("Enter")
    wait_for_app(page)

    after = format_money(analyze({**HOME, "annual_rate": 0.075})["monthly"]["total"], "en")
    expect(total_a_month(page)).to_have_text(after, timeout=WAIT)
    expect(page).to_have_url(re.compile(r"[?&]rate=7\.5"), timeout=WAIT)
    expect(page).to_have_url(re.compile(r"[?&]mode=home"), timeout=WAIT)


def test_a_shared_link_opens_the_same_scenario_logged_out(page, app_url):
    page.goto(f"{app_url}/affordability?mode=home&rate=7.5&price=400000")
    wait_for_app(page)
    expected = analyze({**HOME, "annual_rate": 0.075, "price": 400000.0})["monthly"]["total"]
    expect(total_a_month(page)).to_have_text(format_money(expected, "en"), timeout=WAIT)
    expect(page.get_by_role("button", name="Save to client file")).to_have_count(0)


def test_a_zero_rate_shows_a_message_at_the_field(page, app_url):
    page.goto(f"{app_url}/affordability")
    wait_for_app(page)
    rate = page.get_by_label("Interest rate (% a year)")
    rate.fill("0")
    rate.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("Enter an interest rate above 0% and at most 20%.")).to_be_visible(timeout=WAIT)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_cost_entered_in_the_panel_stays_in_the_link_after_closing_it(page, app_url):
    page.goto(f"{app_url}/affordability?mode=home")
    wait_for_app(page)
    panel = page.get_by_text("Taxes, insurance and other costs (defaults and their sources)")
    panel.click()
    wait_for_app(page)
    hoa = page.get_by_label("Condo or HOA dues (monthly)")
    hoa.fill("300")
    hoa.press("Enter")
    wait_for_app(page)
    expected = format_money(
        analyze({**HOME, "annual_rate": 0.065, "monthly_hoa": 300.0})["monthly"]["total"], "en"
    )
    expect(total_a_month(page)).to_have_text(expected, timeout=WAIT)
    expect(page).to_have_url(re.compile(r"[?&]hoa=300"), timeout=WAIT)

    panel.click()  # close it: its inputs are no longer built, their values still count
    wait_for_app(page)
    expect(page.get_by_label("Condo or HOA dues (monthly)")).to_have_count(0, timeout=WAIT)
    expect(total_a_month(page)).to_have_text(expected, timeout=WAIT)
    expect(page).to_have_url(re.compile(r"[?&]hoa=300"), timeout=WAIT)

    page.goto(page.url)  # the link alone brings the panel back open with the value
    wait_for_app(page)
    expect(page.get_by_label("Condo or HOA dues (monthly)")).to_have_value("300.00", timeout=WAIT)
    expect(total_a_month(page)).to_have_text(expected, timeout=WAIT)
