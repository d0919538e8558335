"""In a real browser: a workshop the counselor leads is on their calendar with its time, place and leader,
and booking or rescheduling a family into it is refused with a clear message; a free hour books."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from db import appointments as appts
from db.appointments import workshop_plans as workshop_schedule
from db.local_time import today_local
from tests.e2e.conftest import login, wait_for_app
from tests.e2e.test_appointments_e2e import choose


def _set_day(page, form, day: dt.date) -> None:
    form.get_by_test_id("stDateInput").get_by_role("spinbutton").first.click()
    page.keyboard.type(day.strftime("%m%d%Y"))  # the English order: month, day, year
    page.keyboard.press("Escape")


def test_booking_and_rescheduling_over_a_workshop_the_counselor_leads_is_refused(page, app_url, app_server):
    day = today_local() + dt.timedelta(days=4)  # tomorrow and the day after belong to the other booking tests
    counselor = app_server.agency["users"]["counselor"]
    workshop_schedule.plan(
        app_server.engine, app_server.agency["users"]["lead"], day=day, start_time=dt.time(10, 0), minutes=120,
        place="Sala comunitaria", leader_id=counselor["id"], education_type="prepurchase",
        title="Comprar casa", language="es",
    )  # fmt: skip
    login(page, app_url, "counselor")
    page.get_by_test_id("stSidebarNav").get_by_text("Appointments", exact=True).click()
    wait_for_app(page)

    page.get_by_role("tab", name="Book").click()
    page.get_by_label("Find a household (name or phone)").fill("Núñez")
    page.get_by_label("Find a household (name or phone)").press("Enter")
    wait_for_app(page)
    form = page.get_by_test_id("stForm").filter(has_text="What to bring")
    _set_day(page, form, day)
    choose(page, form, "Time", "11:00 AM")
    form.get_by_role("button", name="Book", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile("leads a workshop from 10:00 AM to 12:00 PM"))).to_be_visible()
    assert appts.calendar(app_server.engine, counselor, day) == []

    # A free hour books, and the calendar opens on that day with the workshop's time, place and leader.
    _set_day(page, form, day)
    choose(page, form, "Time", "3:00 PM")
    form.get_by_role("button", name="Book", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("The appointment was booked.")).to_be_visible()
    [booked] = appts.calendar(app_server.engine, counselor, day)
    page.get_by_role("tab", name="Calendar").click()
    wait_for_app(page)
    expect(
        page.get_by_text(re.compile(r"10:00 AM–12:00 PM · Workshop: .* · Sala comunitaria · Led by Test counselor"))
    ).to_be_visible()

    # Moving the appointment into the workshop is refused too; it stays at 3:00 PM.
    page.get_by_test_id("stExpander").filter(has_text="Reschedule").click()
    expander = page.get_by_test_id("stExpander").filter(has_text="Reschedule")
    expander.get_by_role("button", name="Reschedule", exact=True).scroll_into_view_if_needed()
    choose(page, expander, "New time", "11:30 AM")
    expander.get_by_role("button", name="Reschedule", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile("leads a workshop from 10:00 AM to 12:00 PM"))).to_be_visible()
    [still] = appts.calendar(app_server.engine, counselor, day)
    assert (still.id, still.starts.time()) == (booked.id, dt.time(15, 0))
