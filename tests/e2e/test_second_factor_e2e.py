"""In Chromium: an administrator logs in with the password, then a TOTP code computed here with pyotp, as
the phone would show it; a wrong code is refused first (issue #23 item 6)."""

from __future__ import annotations

import pyotp
from playwright.sync_api import expect

from tests.e2e.conftest import totp_code, wait_for_app
from tests.factories import ADMIN_TOTP_SECRET, PASSWORD


def test_admin_logs_in_with_a_code_from_the_authenticator(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    wait_for_app(page)
    code_box = page.get_by_label("Code", exact=True)
    expect(code_box).to_be_visible()
    expect(page.get_by_role("link", name="Users and offices")).to_have_count(0)  # not in yet
    right = pyotp.TOTP(ADMIN_TOTP_SECRET).now()
    code_box.fill("000000" if right != "000000" else "111111")
    page.get_by_role("button", name="Verify").click()
    wait_for_app(page)
    expect(page.get_by_text("That code is not right")).to_be_visible()
    page.get_by_label("Code", exact=True).fill(totp_code(ADMIN_TOTP_SECRET))
    page.get_by_role("button", name="Verify").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Households")).to_be_visible()
    expect(page.get_by_role("link", name="Users and offices")).to_be_visible()
    expect(page.get_by_text("Logged in as Test admin")).to_be_visible()
