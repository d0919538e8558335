"""Every click the browser bench times still works on today's pages: one preparation and two presses each.

The bench only reports timings, so a locator that no longer finds its button (a widget changed) would leave
a figure unmeasured without failing anything; this test fails instead. No timing is asserted here.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from bench import browser as bench_browser
from bench.settle import WS_HOOK_JS
from db.pgserver import free_port
from ui.workers import Cluster

pytestmark = pytest.mark.serial


@pytest.fixture(scope="module")
def bench_url(tmp_path_factory, chromium_path):
    """The bench's own set-up: the demo caseload and logins, one worker served directly."""
    database_url = bench_browser.seeded_database(tmp_path_factory.mktemp("bench"))
    cluster = Cluster(
        1,
        free_port(),
        env={**os.environ, "DATABASE_URL": database_url},
        output=subprocess.DEVNULL,
        proxy=False,
    )
    cluster.start()
    try:
        yield f"http://127.0.0.1:{cluster.port}"
    finally:
        cluster.stop()


def test_every_bench_interaction_runs(browser, bench_url):
    """In the bench's order, on one page as the bench does (the file's clicks follow the login's)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.add_init_script(WS_HOOK_JS)
    page = context.new_page()
    broken = {}
    try:
        for interaction in bench_browser.INTERACTIONS:
            try:
                interaction.prepare(page, bench_url)
                for press in range(2):  # the steps alternate between two values
                    assert interaction.step(page, press) > 0
            except Exception as err:  # noqa: BLE001 - every broken click is listed, not only the first
                broken[interaction.name] = f"{type(err).__name__}: {str(err).splitlines()[0]}"
    finally:
        context.close()
    assert not broken, broken
