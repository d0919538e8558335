"""Browser tests: a real `streamlit run` on a temporary SQLite file, driven in Debian's Chromium.

Playwright's own browser download is never used; CHROMIUM_PATH (default /usr/bin/chromium) is.
Server output is captured to a file so tests can assert that no personal data reached the logs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyotp
import pytest

from db import migrate, seed
from db.engine import make_engine
from db.local_time import today_local
from db.pgserver import free_port
from tests.conftest import missing_layer
from tests.factories import ADMIN_TOTP_SECRET, PASSWORD, small_agency

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


class AppServer:
    """A running Camino server with its database, URL and captured log."""

    def __init__(self, tmp: Path):
        self.db_path = tmp / "e2e.db"
        self.log_path = tmp / "server.log"
        self.database_url = f"sqlite:///{self.db_path}"
        engine = make_engine(self.database_url)
        migrate.upgrade(engine)
        self.agency = small_agency(engine)
        self.engine = engine
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def start(self) -> None:
        env = {**os.environ, "DATABASE_URL": self.database_url}
        self.log = self.log_path.open("w")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ui.server",
                "--server.headless=true",
                f"--server.port={self.port}",
                "--server.address=127.0.0.1",
                "--browser.gatherUsageStats=false",
                "--server.fileWatcherType=none",
                "--logger.level=info",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("streamlit exited:\n" + self.log_path.read_text())
            try:
                if urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1).read() == b"ok":
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not start:\n" + self.log_path.read_text())

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.engine.dispose()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


class DemoServer(AppServer):
    """A Camino server on the demo caseload (`python -m db.seed`'s logins and households, dated today)."""

    def __init__(self, tmp: Path, households: int = 80):
        self.db_path = tmp / "demo.db"
        self.log_path = tmp / "server.log"
        self.database_url = f"sqlite:///{self.db_path}"
        self.engine = make_engine(self.database_url)
        migrate.upgrade(self.engine)
        self.today = today_local()
        seed.generate(self.engine, households=households, seed=42, today=self.today)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None


@pytest.fixture(scope="session")
def chromium_path():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing_layer("Chromium", f"{CHROMIUM} not found (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, chromium_path):
    server = AppServer(tmp_path_factory.mktemp("e2e"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def app_url(app_server) -> str:
    return app_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-US"}


def wait_for_app(page) -> None:
    """Wait until Streamlit has connected and finished running the script."""
    page.wait_for_selector("[data-testid='stApp']", timeout=30000)
    page.wait_for_timeout(250)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30000)


_USED_STEPS: dict[str, int] = {}  # secret -> the last 30-second step whose code a test typed


def totp_code(secret: str) -> str:
    """The code a phone would show, computed with pyotp. Camino accepts each step's code once (and one
    step of drift), so a second login within the same 30 seconds types the next step's code, and a
    third waits for the clock to reach it."""
    now = int(time.time()) // 30
    step = max(now, _USED_STEPS.get(secret, 0) + 1)
    if step > now + 1:
        time.sleep((step - 1) * 30 - time.time() + 0.5)
    _USED_STEPS[secret] = step
    return pyotp.TOTP(secret).at(step * 30)


def login(
    page, app_url: str, username: str, password: str = PASSWORD, totp_secret: str | None = None
) -> None:
    """Open the app and log in through the real form (the login page is the logged-out default, at /).

    Accounts with a second factor (the test administrator has one) then get a code typed in.
    """
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    wait_for_app(page)
    secret = totp_secret or (ADMIN_TOTP_SECRET if username == "admin" else None)
    if secret:
        page.get_by_label("Code", exact=True).fill(totp_code(secret))
        page.get_by_role("button", name="Verify").click()
        wait_for_app(page)


def own_app_server(tmp_path_factory, name: str):
    """A server with its own database, for a module whose presses change data other modules read."""
    server = AppServer(tmp_path_factory.mktemp(name))
    server.start()
    return server


@pytest.fixture
def counted(browser):
    """A page whose websocket counts the script runs it starts (window.__benchStarted, bench.settle)."""
    from bench.settle import WS_HOOK_JS

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.add_init_script(WS_HOOK_JS)
    yield context.new_page()
    context.close()


def runs_during(page, press, done: str) -> int:
    """Script runs started from `press` until `done` is on the screen and the script has stopped."""
    before = page.evaluate("window.__benchStarted")
    press()
    page.get_by_text(done).first.wait_for(timeout=30000)
    wait_for_app(page)
    page.wait_for_timeout(500)  # a second run would have started by now
    return page.evaluate("window.__benchStarted") - before
