"""A room of 30 and a workshop burst, against a running server (one process or several behind nginx).

The scripted sessions speak Streamlit's own browser protocol over its websocket (`/_stcore/stream`):
BackMsg and ForwardMsg protobufs from Streamlit's public `streamlit.proto` package. Each one sends
`rerun_script` with the page and its widget values, as the browser does after a change, and reads
ForwardMsgs until `script_finished`. A rerun that shows an exception, ends with a compile error, or
does not finish within the timeout counts as an error.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import gzip
import http.client
import os
import random
import re
import threading
import time
import uuid

from bench.settle import percentile, summary
from bench.timing import figure
from ui.workers import COOKIE

ROOM_TARGET_MS = 300  # p95 with 30 sessions, 0 errors
BURST_TARGET_MS = 1500  # p50 of 30 fresh page loads at once
RERUN_TIMEOUT_S = 30
CLK_TCK = os.sysconf("SC_CLK_TCK")


def client_state(url: str, page: str, query: str, widgets: list | None = None):
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    state = ClientState(
        query_string=query,
        page_name=page,
        widget_states=WidgetStates(widgets=widgets or []),
        context_info=ContextInfo(locale="en-US", timezone="America/New_York", url=f"{url}/{page}"),
    )
    return BackMsg(rerun_script=state).SerializeToString()


class Session:
    """One scripted browser tab on the affordability page."""

    def __init__(self, url: str):
        self.url, self.query, self.income_id = url, "", None
        self.cookie = uuid.uuid4().hex  # a browser of its own: nginx spreads these over the workers

    async def connect(self):
        import websockets

        ws_url = "ws" + self.url[len("http") :] + "/_stcore/stream"
        headers = {"Origin": self.url, "Cookie": f"{COOKIE}={self.cookie}"}
        self.ws = await websockets.connect(
            ws_url, subprotocols=["streamlit"], additional_headers=headers, max_size=None, open_timeout=60
        )

    async def rerun(self, widgets: list | None = None) -> float:
        """Milliseconds from sending the rerun to its `script_finished`; raises on an error."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        start = time.perf_counter()
        await self.ws.send(client_state(self.url, "affordability", self.query, widgets))
        async with asyncio.timeout(RERUN_TIMEOUT_S):
            while True:
                msg = ForwardMsg()
                msg.ParseFromString(await self.ws.recv())
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    which = element.WhichOneof("type")
                    if which == "exception":
                        raise RuntimeError("exception shown on the page")
                    if which == "number_input" and element.number_input.id.endswith("-income"):
                        self.income_id = element.number_input.id
                elif kind == "page_info_changed":
                    self.query = msg.page_info_changed.query_string
                elif kind == "script_finished":
                    if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        raise RuntimeError("script failed")
                    if msg.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY,):
                        return (time.perf_counter() - start) * 1000

    async def change_income(self, value: float) -> float:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        if self.income_id is None:
            raise RuntimeError("no income input on the page")
        return await self.rerun([WidgetState(id=self.income_id, double_value=value)])


async def _scripted(url: str, stop_at: float, samples: list, errors: list, seed: int) -> None:
    rng = random.Random(seed)
    session = Session(url)
    try:
        await session.connect()
        await session.rerun()
    except Exception as err:
        errors.append(f"connect: {type(err).__name__}")
        return
    while time.perf_counter() < stop_at:
        await asyncio.sleep(rng.uniform(0.2, 0.8))  # a family reading the screen, then the next change
        try:
            samples.append(await session.change_income(float(rng.randrange(3000, 12000, 100))))
        except Exception as err:
            errors.append(type(err).__name__)
            try:
                await session.ws.close()
                await session.connect()
                await session.rerun()
            except Exception:
                return
    await session.ws.close()


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLK_TCK


def _rss_mb(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        with open(f"/proc/{pid}/status") as f:
            total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024
    return total


def _run_scripted(url: str, count: int, seconds: float, samples: list, errors: list) -> threading.Thread:
    stop_at = time.perf_counter() + seconds

    async def room():
        await asyncio.gather(*(_scripted(url, stop_at, samples, errors, n) for n in range(count)))

    thread = threading.Thread(target=asyncio.run, args=(room(),), daemon=True)
    thread.start()
    return thread


def _browser_user(url: str, seconds: float) -> tuple[list[float], int]:
    """The one person in Chromium: the calculator loop (change income, see the answer) for `seconds`."""
    from playwright.sync_api import sync_playwright

    from bench.browser import settle
    from bench.server import CHROMIUM, CHROMIUM_ARGS
    from bench.settle import WS_HOOK_JS, timed

    samples, errors = [], 0
    rng = random.Random(99)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
            context.add_init_script(WS_HOOK_JS)
            page = context.new_page()
            page.goto(f"{url}/affordability")
            settle(page)
            field = page.get_by_label("Household income before taxes (monthly)", exact=True)
            stop_at = time.perf_counter() + seconds
            while time.perf_counter() < stop_at:
                page.wait_for_timeout(rng.uniform(200, 800))
                field.fill(str(rng.randrange(3000, 12000, 100)))
                try:
                    samples.append(timed(page, lambda: field.press("Enter")))
                except Exception:
                    errors += 1
        finally:
            browser.close()
    return samples, errors


def room(url: str, pids: list[int], workers: int, sessions: int = 30, seconds: float = 60) -> dict:
    """1 Chromium user and `sessions - 1` scripted sessions for `seconds`: p50, p95, errors, CPU, memory."""
    samples: list[float] = []
    errors: list[str] = []
    cpu_before, wall_before = _cpu_seconds(pids), time.perf_counter()
    thread = _run_scripted(url, sessions - 1, seconds, samples, errors)
    clicks, click_errors = _browser_user(url, seconds)
    thread.join(timeout=seconds + RERUN_TIMEOUT_S + 30)
    cpu = (_cpu_seconds(pids) - cpu_before) / (time.perf_counter() - wall_before)
    rss = _rss_mb(pids)
    stats = summary(samples) if samples else {"p50": 0, "p95": 0, "n": 0}
    prefix = f"room30_w{workers}"
    note = (
        f"target; p50 {stats['p50']:.0f} ms, {stats['n']} reruns by {sessions - 1} scripted sessions, "
        f"{len(errors) + click_errors} errors, server CPU {cpu:.2f} cores, RSS {rss:.0f} MB"
    )
    result = {
        f"{prefix}_p95_ms": figure(stats["p95"], "ms", ROOM_TARGET_MS, note),
        f"{prefix}_errors": {**figure(len(errors) + click_errors, "n", None, "target 0"), "ratio": None},
    }
    if clicks:
        c = summary(clicks)
        result[f"{prefix}_chromium_p95_ms"] = figure(
            c["p95"],
            "ms",
            ROOM_TARGET_MS,
            f"target; the Chromium user's click-to-settled, p50 {c['p50']:.0f} ms, n={c['n']}",
        )
    return result


BROWSER_CONNECTIONS = 6  # what Chromium opens to one host over HTTP/1.1, each kept alive


class _Connection:
    """One kept-alive HTTP/1.1 connection of a browser, asking for gzip and unpacking it as a browser does."""

    def __init__(self, url: str, cookie: str):
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        self.http = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.headers = {"Cookie": f"{COOKIE}={cookie}", "Accept-Encoding": "gzip", "Connection": "keep-alive"}

    def get(self, path: str) -> bytes:
        self.http.request("GET", path, headers=self.headers)
        response = self.http.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        return gzip.decompress(body) if response.getheader("Content-Encoding") == "gzip" else body


def _load_shell(url: str, cookie: str) -> None:
    """The page shell, then its scripts and styles over six kept-alive connections (an empty cache)."""
    first = _Connection(url, cookie)
    html = first.get("/affordability").decode()
    assets = re.findall(r'(?:src|href)="(\./static/[^"]+|/static/[^"]+|static/[^"]+)"', html)
    paths = ["/" + a.lstrip("./") for a in assets]
    connections = [first] + [_Connection(url, cookie) for _ in range(BROWSER_CONNECTIONS - 1)]
    lanes = [paths[i :: len(connections)] for i in range(len(connections))]
    failures: list[BaseException] = []

    def fetch_all(connection: _Connection, lane: list[str]) -> None:
        try:
            for path in lane:
                connection.get(path)
        except Exception as err:  # reported once all lanes are done
            failures.append(err)

    threads = [
        threading.Thread(target=fetch_all, args=(c, lane), daemon=True)
        for c, lane in zip(connections, lanes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for c in connections:
        c.http.close()
    if failures:
        raise failures[0]


async def _fresh_load(url: str) -> float:
    """A browser with an empty cache: the page shell, its scripts and styles, the websocket, the first run."""
    start = time.perf_counter()
    session = Session(url)
    await asyncio.get_running_loop().run_in_executor(_SHELL_POOL, _load_shell, url, session.cookie)
    await session.connect()
    await session.rerun()
    await session.ws.close()
    return (time.perf_counter() - start) * 1000


_SHELL_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=64)  # every browser of a burst at once


def burst(url: str, workers: int, loads: int = 30, name: str | None = None) -> dict:
    """`loads` fresh page loads at the same moment (a workshop room opening the link), after one load
    alone: the trainer's own screen, open before the room arrives."""

    async def all_at_once():
        await _fresh_load(url)
        return await asyncio.gather(*(_fresh_load(url) for _ in range(loads)), return_exceptions=True)

    name = name or f"burst30_w{workers}_p50_ms"
    outcomes = asyncio.run(all_at_once())
    times = [t for t in outcomes if isinstance(t, float)]
    failed = len(outcomes) - len(times)
    if not times:
        return {name: {"error": f"all {loads} loads failed: {outcomes[0]!r}"}}
    label = f"target; p95 {percentile(times, 95):.0f} ms, {failed} failed of {loads}"
    return {name: figure(summary(times)["p50"], "ms", BURST_TARGET_MS, label)}
