"""On the appointments page a press that saves draws the next screen in one script run, in a real browser.

Booking and cancelling used to save inside the run and then call st.rerun(): the page was drawn twice.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from db import appointments as appts
from db.local_time import today_local
from tests.e2e.conftest import login, own_app_server, runs_during, wait_for_app


@pytest.fixture(scope="module")
def own_server(tmp_path_factory, chromium_path):
    """A server of its own: the booking made here would be in the way of the other appointment tests."""
    server = own_app_server(tmp_path_factory, "appointment_runs")
    yield server
    server.stop()


def test_booking_and_cancelling_draw_the_page_in_one_run(counted, own_server):
    page, tomorrow = counted, today_local() + dt.timedelta(days=1)
    counselor = own_server.agency["users"]["counselor"]
    login(page, own_server.url, "counselor")
    page.get_by_test_id("stSidebarNav").get_by_text("Appointments", exact=True).click()
    wait_for_app(page)
    page.get_by_role("tab", name="Book").click()
    page.get_by_label("Find a household (name or phone)").fill("Núñez")
    page.get_by_label("Find a household (name or phone)").press("Enter")
    wait_for_app(page)
    book = page.get_by_test_id("stForm").get_by_role("button", name="Book", exact=True).click
    assert runs_during(page, book, "The appointment was booked.") == 1
    [booked] = appts.calendar(own_server.engine, counselor, tomorrow)

    page.get_by_role("tab", name="Calendar").click()
    expect(page.get_by_text("Household: María José Núñez Pérez")).to_be_visible()
    page.get_by_test_id("stExpander").filter(has=page.get_by_text("Cancel", exact=True)).click()
    cancel = page.get_by_role("button", name="Cancel appointment").click
    assert runs_during(page, cancel, "The appointment was cancelled.") == 1
    assert appts.get(own_server.engine, counselor, booked.id).status == "cancelled"
