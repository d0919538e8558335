"""A counselor in a real browser books a family, is refused a double booking, and reschedules."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from db import appointments as appts
from db.local_time import today_local
from tests.e2e.conftest import login, wait_for_app


def choose(page, scope, label: str, option: str) -> None:
    """Pick a select box option the way a keyboard user does: open it, type to filter, Enter."""
    box = scope.get_by_label(label, exact=True)
    expect(box).to_be_visible()
    box.click()
    box.press_sequentially(option)  # typing opens the list and filters it
    expect(page.get_by_role("option")).to_have_text([option])  # filtered to the one wanted
    box.press("Enter")
    wait_for_app(page)


def test_book_refuse_double_booking_and_reschedule(page, app_url, app_server):
    tomorrow = today_local() + dt.timedelta(days=1)
    counselor = app_server.agency["users"]["counselor"]
    login(page, app_url, "counselor")
    page.get_by_test_id("stSidebarNav").get_by_text("Appointments", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Appointments")).to_be_visible()

    page.get_by_role("tab", name="Book").click()
    page.get_by_label("Find a household (name or phone)").fill("Núñez")
    page.get_by_label("Find a household (name or phone)").press("Enter")
    wait_for_app(page)
    form = page.get_by_test_id("stForm")
    choose(page, form, "Time", "11:00 AM")
    form.get_by_label("What to bring").fill("Talones de pago")
    form.get_by_role("button", name="Book", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("The appointment was booked.")).to_be_visible()
    [booked] = appts.calendar(app_server.engine, counselor, tomorrow)
    assert (booked.starts.time(), booked.bring) == (dt.time(11, 0), "Talones de pago")

    # The same counselor at 11:30 is refused, next to the form, and nothing is saved.
    page.get_by_role("tab", name="Book").click()
    choose(page, form, "Time", "11:30 AM")
    form.get_by_role("button", name="Book", exact=True).click()
    wait_for_app(page)
    expect(
        page.get_by_text(re.compile("already has an appointment from 11:00 AM to 12:00 PM"))
    ).to_be_visible()
    assert len(appts.calendar(app_server.engine, counselor, tomorrow)) == 1

    # Reschedule from the calendar to 3:00 PM; the history keeps the first time.
    page.get_by_role("tab", name="Calendar").click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile("Household: María José Núñez Pérez"))).to_be_visible()
    page.get_by_test_id("stExpander").filter(has_text="Reschedule").click()
    expander = page.get_by_test_id("stExpander").filter(has_text="Reschedule")
    # The whole form in view first: a list opened at the window's edge closes when the page scrolls.
    expander.get_by_role("button", name="Reschedule", exact=True).scroll_into_view_if_needed()
    choose(page, expander, "New time", "3:00 PM")
    expander.get_by_role("button", name="Reschedule", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"When: .*3:00 PM–4:00 PM"))).to_be_visible()
    [moved] = appts.calendar(app_server.engine, counselor, tomorrow)
    assert moved.starts.time() == dt.time(15, 0) and moved.rescheduled_from_id == booked.id
    assert [a.starts.time() for a in appts.history(app_server.engine, counselor, moved.id)] == [
        dt.time(11, 0),
        dt.time(15, 0),
    ]
    assert not re.search(r"n[uú]ñez|555-0101", page.url, re.IGNORECASE), page.url
    assert "Núñez" not in app_server.log_text()
