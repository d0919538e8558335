"""`make run` behind nginx: one Streamlit process, or two (WORKERS=2), behave like one for the people using them.

Two browsers (two counselors' computers) log in through the public port, move between pages, upload a
file (an HTTP request that must reach the worker holding the session), and reload. `make run` puts nginx
in front of a single worker too, wherever nginx is installed, so both are tested.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from db import migrate
from db.engine import make_engine
from db.pgserver import free_port
from tests.conftest import missing_layer
from tests.e2e.conftest import login, wait_for_app
from tests.factories import small_agency
from ui.workers import COOKIE, Cluster, nginx_binary

WAIT = 30000
pytestmark = pytest.mark.serial


@pytest.fixture(scope="module", params=[1, 2], ids=["1 worker", "2 workers"])
def cluster_url(request, tmp_path_factory, chromium_path):
    if nginx_binary() is None:
        missing_layer("nginx", "nginx not found (apt-get install nginx)")
    tmp = tmp_path_factory.mktemp("workers")
    url = f"sqlite:///{tmp / 'workers.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    small_agency(engine)
    engine.dispose()
    log = (tmp / "server.log").open("w")
    cluster = Cluster(request.param, free_port(), env={**os.environ, "DATABASE_URL": url}, output=log)
    assert cluster.proxied, "with nginx installed, even one worker is served behind it"
    try:
        cluster.start()
        assert len(cluster.pids()) == request.param
        yield f"http://127.0.0.1:{cluster.port}", cluster
    finally:
        cluster.stop()
        log.close()


def nav(page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(name, exact=True).click()
    wait_for_app(page)


def test_sessions_and_uploads_stay_on_their_worker(browser, cluster_url, tmp_path):
    cluster_url, _cluster = cluster_url
    template = tmp_path / "empty.csv"
    pages = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
        page = context.new_page()
        login(page, cluster_url, "counselor")
        pages.append(page)
    for page in pages:
        cookies = {c["name"]: c["value"] for c in page.context.cookies()}
        assert cookies.get(COOKIE), "nginx gives each browser its sticky-session cookie"
        nav(page, "Households")
        expect(page.get_by_role("heading", name="Households")).to_be_visible(timeout=WAIT)
        nav(page, "Import and export")
        with page.expect_download() as download:
            page.get_by_role("button", name="Download the empty template (CSV)").click()
        download.value.save_as(template)
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(template))
        expect(page.get_by_text("The file has a header but no households.")).to_be_visible(timeout=WAIT)
        nav(page, "Budget coach")
        expect(page.get_by_text("Logged in as Test counselor")).to_be_visible(timeout=WAIT)
        assert {c["name"]: c["value"] for c in page.context.cookies()}[COOKIE] == cookies[COOKIE]
    # A reload starts a new Streamlit session, as with one process: logged out, on the same public page.
    pages[0].reload()
    wait_for_app(pages[0])
    expect(pages[0].get_by_test_id("stSidebarNav").get_by_text("Log in", exact=True)).to_be_visible(
        timeout=WAIT
    )
    expect(pages[0].get_by_text("Logged in as")).to_have_count(0)
    expect(pages[1].get_by_text("Logged in as Test counselor")).to_be_visible(timeout=WAIT)
    for page in pages:
        page.context.close()


def test_page_shell_is_served_by_nginx_after_the_first_fetch(browser, cluster_url):
    """A room opening the link at once: Streamlit's scripts come from nginx's copy, packed with gzip."""
    cluster_url, _cluster = cluster_url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    scripts: list = []
    page.on("response", lambda r: scripts.append(r) if "/static/js/" in r.url else None)
    page.goto(cluster_url + "/affordability")
    wait_for_app(page)
    assert scripts, "the page shell loads its scripts from /static/"
    again = context.request.get(scripts[0].url, headers={"Accept-Encoding": "gzip"})
    assert again.ok
    assert again.headers["x-cache-status"] == "HIT"
    assert again.headers.get("content-encoding") == "gzip"
    context.close()


def test_workers_run_on_uvloop(cluster_url):
    """Streamlit serves on uvloop when it is installed; its connections send each reply at once."""
    _url, cluster = cluster_url
    for pid in cluster.pids():
        with open(f"/proc/{pid}/maps") as maps:
            assert "uvloop" in maps.read(), "the worker loaded uvloop"
