"""A press that saves on the Fees, Action plan and My account pages draws the next screen in one script run,
counted at the browser's websocket.

Each used to save inside the run and then call st.rerun(): the page was sent and drawn twice. They now save
in the button's callback, before the run.
"""

from __future__ import annotations

import re

import pyotp
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, own_app_server, runs_during, wait_for_app


@pytest.fixture(scope="module")
def own_server(tmp_path_factory, chromium_path):
    """A server of its own: these presses change the funders, a household's file and a login."""
    server = own_app_server(tmp_path_factory, "saves")
    yield server
    server.stop()


def nav(page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(name, exact=True).click()
    wait_for_app(page)


def test_adding_a_funding_source_draws_the_page_in_one_run(counted, own_server):
    page = counted
    login(page, own_server.url, "admin")
    nav(page, "Fees and funding")
    page.get_by_label("Name (English)").fill("City housing grant")
    page.get_by_label("Name (English)").press("Tab")  # the value reaches the server before the press
    wait_for_app(page)
    press = page.get_by_role("button", name="Add funding source").click
    assert runs_during(page, press, "Funding source added.") == 1
    retire = page.get_by_role("combobox", name="Stop using a source")
    expect(retire).to_have_value("City housing grant")  # the same drawing already offers it


def test_given_to_the_client_draws_the_plan_in_one_run(counted, own_server):
    page = counted
    login(page, own_server.url, "counselor")
    nav(page, "Households")
    page.get_by_role("button", name="Open client file").click()
    wait_for_app(page)
    nav(page, "Action plan")
    press = page.get_by_role("button", name="Given to the client today").click
    assert runs_during(page, press, "A copy was given to the client on") == 1


def test_turning_on_the_second_factor_draws_the_codes_in_one_run(counted, own_server):
    page = counted
    login(page, own_server.url, "lead")
    nav(page, "My account")
    page.get_by_role("button", name="Set up a second factor").click()
    wait_for_app(page)
    key = page.get_by_test_id("stCode").first.inner_text()
    secret = re.sub(r"\s", "", key)
    page.get_by_label("6-digit code").fill(pyotp.TOTP(secret).now())
    press = page.get_by_role("button", name="Turn on the second factor").click
    assert runs_during(page, press, "Save these ten recovery codes now") == 1
    assert key not in page.get_by_test_id("stMain").inner_text()  # the key is not shown again
