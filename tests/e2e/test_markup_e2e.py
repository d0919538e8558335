"""No markup from users (issue #23 item 2): a household and a counselor named with a Markdown image
are shown as text on every page that shows a name, and the image's server on 127.0.0.1 gets no request.
"""

from __future__ import annotations

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect
from sqlalchemy import update

from db import activity, households
from db.engine import transaction
from db.models import User
from tests.e2e.conftest import AppServer, login, wait_for_app
from tests.factories import make_household


class Beacon(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        Beacon.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def beacon():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Beacon)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def marked_server(tmp_path_factory, chromium_path, beacon):
    server = AppServer(tmp_path_factory.mktemp("markup"))
    agency, engine = server.agency, server.engine
    image = f"![b]({beacon}/beacon.png)"
    counselor = agency["users"]["counselor"]
    with transaction(engine) as s:
        s.execute(update(User).where(User.id == counselor["id"]).values(display_name=f"{image} Consejera"))
    hid = make_household(
        engine,
        agency["offices"]["north"],
        f"{image} Imagen",
        counselor_id=counselor["id"],
        next_follow_up=dt.date(2026, 1, 10),
    )
    households.set_members(engine, counselor, hid, [{"name": f"{image} Miembro"}])
    activity.add_goal(engine, counselor, hid, f"{image} Meta")
    activity.add_step(engine, counselor, hid, f"{image} Paso")
    activity.add_referral(engine, counselor, hid, agency=f"{image} Agencia", reason=f"{image} Motivo")
    server.start()
    yield server
    server.stop()


def test_a_name_holding_a_markdown_image_loads_nothing(page, marked_server, beacon):
    url = marked_server.url
    login(page, url, "counselor")
    expect(page.get_by_test_id("stSidebar").get_by_text("![b](", exact=False)).to_be_visible()

    # The list, then the client file through the real picker (the household sorts first).
    page.get_by_test_id("stSidebarNav").get_by_text("Households", exact=True).click()
    wait_for_app(page)
    page.get_by_role("button", name="Open client file").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Imagen")).to_contain_text("![b](")
    for tab in ("People", "Plan", "Referrals", "Milestones", "Timeline"):
        tabs = page.get_by_role("tab", name=tab)
        if tabs.count():
            tabs.first.click()
            page.wait_for_timeout(300)
    for nav in ("Action plan", "Follow-up", "My account", "Pipeline and outcomes"):
        page.get_by_test_id("stSidebarNav").get_by_text(nav, exact=True).click()
        wait_for_app(page)

    page.get_by_test_id("stSidebarNav").get_by_text("Attendance", exact=True).click()
    wait_for_app(page)
    page.get_by_label("Find a person by name").fill("Imagen")
    page.get_by_label("Find a person by name").press("Enter")
    wait_for_app(page)
    expect(page.get_by_role("button", name="Imagen")).to_contain_text("![b](")

    assert page.locator("img[src*='beacon']").count() == 0
    assert Beacon.hits == []
