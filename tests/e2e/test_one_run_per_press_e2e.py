"""A press that saves draws the next screen in one script run, counted at the browser's websocket.

Logging in, the Follow-up page's saves and the attendance list's buttons used to act inside the run and then
call st.rerun(): the page was sent and drawn twice. They now act in the button's callback, before the run.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import login, own_app_server, runs_during, wait_for_app
from tests.factories import PASSWORD


@pytest.fixture(scope="module")
def own_server(tmp_path_factory, chromium_path):
    """A server of its own: logging a try changes the household's follow-up stage."""
    server = own_app_server(tmp_path_factory, "runs")
    yield server
    server.stop()


def test_logging_in_draws_the_home_page_in_one_run(counted, own_server):
    page = counted
    page.goto(own_server.url)
    wait_for_app(page)
    page.get_by_label("Username").fill("counselor")
    page.get_by_label("Password", exact=True).fill("correct horse battery staple")
    button = page.get_by_role("button", name="Log in")
    assert runs_during(page, button.click, "Incorrect username or password.") == 1
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    assert runs_during(page, button.click, "Logged in as") == 1
    assert page.get_by_role("heading", name="Households").is_visible()


def test_logging_a_follow_up_try_draws_the_page_in_one_run(counted, own_server):
    page = counted
    login(page, own_server.url, "counselor")
    page.get_by_test_id("stSidebarNav").get_by_text("Follow-up", exact=True).click()
    wait_for_app(page)
    tried_once = (
        page.get_by_test_id("stMetric").filter(has_text="Try 1 logged").get_by_test_id("stMetricValue")
    )
    before = int(tried_once.inner_text())
    press = page.get_by_role("button", name="Log this try").click
    assert runs_during(page, press, "Try logged.") == 1
    assert int(tried_once.inner_text()) == before + 1


def test_adding_a_person_and_saving_attendance_each_draw_the_page_in_one_run(counted, own_server):
    page = counted
    login(page, own_server.url, "trainer")
    page.get_by_test_id("stSidebarNav").get_by_text("Attendance", exact=True).click()
    wait_for_app(page)
    search = page.get_by_label("Find a person by name")
    search.fill("nunez")
    search.press("Enter")
    wait_for_app(page)
    add = page.get_by_role("button", name="Add María José Núñez Pérez").click
    assert runs_during(page, add, "1 person attended") == 1
    page.get_by_role("combobox", name="Who pays for this workshop").click()
    page.get_by_role("option", name="No grant (the agency's own funds)", exact=True).click()
    wait_for_app(page)
    save = page.get_by_role("button", name="Save attendance").click
    assert runs_during(page, save, "Saved: 1 person at this workshop.") == 1
    assert page.get_by_text("0 people attended").is_visible()
