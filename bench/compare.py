"""This checkout against an earlier version, side by side in one Chromium: the same clicks alternate.

On a busy or shared 2-core machine a click's p95 moves 10-30% between two runs of the same code, more than
most single changes save. Served at the same time and clicked in turn (this, earlier, earlier, this, ...),
both versions see the same load, so what differs is the change.

`python -m bench --against REF [--interactions NAME ...] [--rates 1 4]` (REF: any git commit or branch).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench import browser
from bench.server import CHROMIUM, CHROMIUM_ARGS
from bench.settle import WS_HOOK_JS, summary

ROOT = Path(__file__).resolve().parent.parent
SIDES = ("this", "earlier")


@dataclass(frozen=True)
class Pair:
    """One interaction at one CPU slowdown: p50, p95 and clicks for this checkout and the earlier one."""

    interaction: str
    rate: int
    this: dict
    earlier: dict


@contextmanager
def checkout(ref: str) -> Iterator[Path]:
    """A throwaway work tree of `ref` (git worktree), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="camino-against-")) / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(folder), ref], cwd=ROOT, check=True)
    try:
        yield folder
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, check=False)
        shutil.rmtree(folder.parent, ignore_errors=True)


def _serve(stack: ExitStack, root: Path, database: Path) -> str:
    """One worker of the checkout at `root` on its own copy of the demo caseload (as `make run` serves it)."""
    from db.pgserver import free_port
    from ui.workers import Cluster

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    cluster = Cluster(1, free_port(), env=env, output=subprocess.DEVNULL, root=root)
    cluster.start()
    stack.callback(cluster.stop)
    return f"http://127.0.0.1:{cluster.port}"


def compare(
    ref: str, names: list[str] | None = None, rates=(1, 4), repeats: int | None = None, chromium=None
) -> list[Pair]:
    """Every chosen bench interaction, its clicks alternating between this checkout and `ref` (`repeats`
    clicks on each side; by default the bench's own count for that interaction). `chromium`: a browser
    already launched (a test's); otherwise Debian's Chromium is started and closed here."""
    with ExitStack() as stack:
        earlier_root = stack.enter_context(checkout(ref))
        tmp = Path(tempfile.mkdtemp(prefix="camino-compare-"))
        stack.callback(shutil.rmtree, tmp, True)
        seeded = Path(browser.seeded_database(tmp).removeprefix("sqlite:///"))
        shutil.copy(seeded, tmp / "earlier.db")
        urls = {
            "this": _serve(stack, ROOT, seeded),
            "earlier": _serve(stack, earlier_root, tmp / "earlier.db"),
        }
        if chromium is not None:
            return _clicks(chromium, urls, names, rates, repeats)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return _clicks(chromium, urls, names, rates, repeats)
            finally:
                chromium.close()


def _clicks(chromium, urls: dict, names, rates, repeats) -> list[Pair]:
    """Each interaction prepared on both sides, then its clicks alternated at each slowdown."""
    pages = {side: _page(chromium) for side in SIDES}
    pairs: list[Pair] = []
    try:
        for interaction in [i for i in browser.INTERACTIONS if not names or i.name in names]:
            for side in SIDES:
                interaction.prepare(pages[side][0], urls[side])
            for rate in rates:
                samples = _alternate(pages, interaction, rate, repeats or interaction.repeats)
                pairs.append(
                    Pair(interaction.name, rate, summary(samples["this"]), summary(samples["earlier"]))
                )
    finally:
        for page, _cdp in pages.values():
            page.context.close()
    return pairs


def _page(chromium):
    """A page of its own (own cookies, own session) with the bench's websocket counter, and its DevTools."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.add_init_script(WS_HOOK_JS)
    page = context.new_page()
    return page, context.new_cdp_session(page)


def _alternate(pages: dict, interaction, rate: int, repeats: int) -> dict[str, list[float]]:
    """`repeats` clicks on each side, in the order this, earlier, earlier, this, ... (neither always first)."""
    samples: dict[str, list[float]] = {side: [] for side in SIDES}
    for i in range(repeats):
        for side in SIDES if i % 2 == 0 else SIDES[::-1]:
            page, cdp = pages[side]
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
            try:
                samples[side].append(interaction.step(page, i))
            finally:
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    return samples


def markdown(pairs: list[Pair], ref: str) -> str:
    """A table: p50 / p95 ms for each interaction and slowdown, earlier beside this."""
    lines = [
        f"| interaction | CPU | {ref}: p50 / p95 ms | this checkout: p50 / p95 ms | p50 change |",
        "|---|---:|---:|---:|---:|",
    ]
    for pair in pairs:
        change = pair.this["p50"] - pair.earlier["p50"]
        lines.append(
            f"| {pair.interaction} | {pair.rate}× | {pair.earlier['p50']:,.0f} / {pair.earlier['p95']:,.0f} "
            f"| {pair.this['p50']:,.0f} / {pair.this['p95']:,.0f} | {change:+,.0f} |"
        )
    return "\n".join(lines)
