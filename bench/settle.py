"""Click-to-settled in Chromium: the time a person waits, measured inside the page.

Before each timed action the page is armed: the clock starts at the first pointer or key press the
action makes (so Playwright's own round trips are not counted) and stops at the first animation frame
where the script is not running, it did run after the press (when the action reruns it), no element is
stale (greyed), and the expected change is on the screen (a JavaScript test per interaction).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable

# Installed in every page before Streamlit's scripts (context.add_init_script): counts the websocket's
# ForwardMsgs that end a script run (top-level field 6, script_finished, other than "finished early for
# a rerun"), read from the protobuf's wire format. React may draw a fast run's start and end in one frame,
# so the page's "running" state alone can be missed. It also counts those that start one (field 4,
# new_session), finished or not: tests/e2e/test_one_run_per_press_e2e.py reads them.
WS_HOOK_JS = """
(() => {
  window.__benchFinished = 0;
  window.__benchStarted = 0;
  const varint = (b, i) => { let v = 0, m = 1, x; do { x = b[i++]; v += (x & 127) * m; m *= 128; } while (x & 128); return [v, i]; };
  // 'finished' (a run ended, not for a rerun), 'started' (a run began) or null
  const kind = (buf) => {
    const b = new Uint8Array(buf); let i = 0;
    while (i < b.length) {
      let key, v; [key, i] = varint(b, i);
      const field = Math.floor(key / 8), wire = key & 7;
      if (field === 4 && wire === 2) return 'started';
      if (wire === 0) { [v, i] = varint(b, i); if (field === 6) return v !== 2 ? 'finished' : null; }
      else if (wire === 2) { [v, i] = varint(b, i); i += v; }
      else if (wire === 1) i += 8; else if (wire === 5) i += 4; else return null;
    }
    return null;
  };
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', (e) => {
      if (!(e.data instanceof ArrayBuffer)) return;
      const k = kind(e.data);
      if (k === 'finished') window.__benchFinished += 1;
      else if (k === 'started') window.__benchStarted += 1;
    });
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""

ARM_JS = """
([checkSrc, needRun]) => {
  const check = new Function('return (' + checkSrc + ');');
  let t0 = null, sawRun = !needRun, finished = false, resolveDone, runsAtPress = null, seenAt = null;
  window.__benchDone = new Promise((r) => { resolveDone = r; });
  const state = () => {
    const app = document.querySelector("[data-testid='stApp']");
    return app ? app.getAttribute('data-test-script-state') : null;
  };
  const press = () => { if (t0 === null) { t0 = performance.now(); runsAtPress = window.__benchFinished || 0; } };
  document.addEventListener('pointerdown', press, true);
  document.addEventListener('keydown', press, true);
  const tick = () => {
    window.__benchInfo = {t0, sawRun, runs: window.__benchFinished, runsAtPress, state: state(), stale: document.querySelectorAll("[data-stale='true']").length};
    if (finished || t0 === null) return;
    if (state() === 'running') sawRun = true;
    if (!sawRun && (window.__benchFinished || 0) > runsAtPress) {
      // the run's end has arrived: give the page one frame to draw it before checking the screen
      if (seenAt === null) { seenAt = performance.now(); requestAnimationFrame(tick); return; }
      sawRun = true;
    }
    let ok = false;
    try { ok = sawRun && state() === 'notRunning' && !document.querySelector("[data-stale='true']") && check(); }
    catch (e) { ok = false; }
    if (!ok) return;
    finished = true;
    observer.disconnect();
    clearInterval(poll);
    document.removeEventListener('pointerdown', press, true);
    document.removeEventListener('keydown', press, true);
    requestAnimationFrame(() => resolveDone(performance.now() - t0));
  };
  const observer = new MutationObserver(tick);
  observer.observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
  const poll = setInterval(tick, 20);
}
"""

# JavaScript tests for "the expected change is on the screen".
HAS_CHART = "document.querySelector('.vega-embed canvas, .vega-embed svg') !== null"


def has_text(text: str) -> str:
    """True when `text` is somewhere in the page's visible text."""
    return f"document.body.innerText.includes({text!r})"


def timed(page, action: Callable[[], None], check: str = "true", reruns: bool = True, timeout_ms=30000):
    """Milliseconds from the press `action` makes to the settled screen."""
    page.evaluate(ARM_JS, [check, reruns])
    action()
    return page.evaluate(
        "(ms) => Promise.race([window.__benchDone, new Promise((_, no) => setTimeout("
        "() => no('not settled: ' + JSON.stringify(window.__benchInfo)), ms))])",
        timeout_ms,
    )


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0-100) by the nearest-rank method: a value that was actually measured."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(samples: list[float]) -> dict:
    """p50 (median), p95 and the number of samples."""
    return {"p50": statistics.median(samples), "p95": percentile(samples, 95), "n": len(samples)}
