"""Server-side rerun of a calculator page after one widget change (AppTest on the real entry point)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.timing import failed, figure

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
RERUN_TARGET_MS = 50.0
RUNS = 30

# figure name -> (page file, number_input key to change, two values to alternate between).
# A key of None takes the page's first number input (for pages whose inputs are still being built).
PAGES = {
    "affordability_rerun_ms": ("app_pages/affordability.py", "income", (6500.0, 7200.0)),
    "budget_rerun_ms": ("app_pages/budget.py", "savings", (900.0, 1000.0)),
    "assistance_rerun_ms": ("app_pages/assistance.py", "dpa_income", (80000.0, 85000.0)),
}


def _database() -> str:
    """A freshly migrated SQLite file, so the entry point runs as it does on a new install."""
    from db import migrate
    from db.engine import make_engine

    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='camino-bench-')) / 'app.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    return url


def _widget(at, key: str | None):
    if key is not None:
        return at.number_input(key=key)
    for widget in at.number_input:
        if widget.key:  # keyed widgets keep their identity across reruns
            return widget
    raise LookupError("the page has no keyed number input yet")


def rerun_ms(page: str, key: str | None, values: tuple | None, runs: int = RUNS) -> float:
    """Median ms of `run()` after setting one number input, alternating two values so each run changes it."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["lang"] = "en"
    at.run()
    at.switch_page(page)
    at.run()
    if at.exception:
        raise RuntimeError(f"{page} raised: {at.exception[0].value}")
    widget = _widget(at, key)
    key = widget.key
    if values is None:
        start = float(widget.value or 0.0)
        values = (start, start + 1.0)
    samples = []
    for i in range(runs + 2):  # the first two are warm-up (caches, imports)
        at.number_input(key=key).set_value(values[i % 2])
        begin = time.perf_counter()
        at.run()
        elapsed = (time.perf_counter() - begin) * 1000
        if i >= 2:
            samples.append(elapsed)
    if at.exception:
        raise RuntimeError(f"{page} raised: {at.exception[0].value}")
    return statistics.median(samples)


def figures() -> dict:
    """affordability_rerun_ms, budget_rerun_ms, assistance_rerun_ms (target as baseline)."""
    os.environ["DATABASE_URL"] = _database()
    out = {}
    for name, (page, key, values) in PAGES.items():
        try:
            out[name] = figure(rerun_ms(page, key, values), "ms", RERUN_TARGET_MS, "target")
        except Exception as err:  # a page still being built must not hide the others
            out[name] = failed(err)
    return out
