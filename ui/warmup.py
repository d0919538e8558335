"""Import what the first page needs while the browser is still loading Streamlit's page shell.

A newly started server spends about a second of its first script run importing SQLAlchemy, numpy and
our own modules. Between the server answering and the browser opening its websocket, the browser
loads and compiles Streamlit's page shell (1.5-2 s) while the server has little to do, so the imports
are done then, on a background thread. The script run itself is unchanged: if it starts before the
warm-up ends, Python's import lock makes it wait for a module being imported instead of importing it
a second time.
"""

from __future__ import annotations

import ast
import gc
import importlib
import logging
import socket
import threading
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The entry point, and the page a newly opened link most often shows (the calculators need no login).
FIRST_SCRIPTS = (ROOT / "streamlit_app.py", ROOT / "app_pages" / "affordability.py")
# Then the pages staff open first after logging in: the list and the client file with its tabs (about
# 0.8 s of CPU that the first counselor to open a file after a start otherwise waited for).
STAFF_SCRIPTS = (ROOT / "app_pages" / "households.py", ROOT / "app_pages" / "household.py")
# Last, the charts: Altair and pandas load when a chart is first drawn (about 0.45 s), which the first
# "Compare loans" or budget chart after a start otherwise waited for; the server is idle by then.
CHART_MODULES = ("ui.affordability.charts", "ui.budget.charts")
# The sidebar's language switch is the first segmented control; drawing it loads Streamlit's emoji
# table (about 0.15 s), to look for an icon at the start of "English" and "Español".
STREAMLIT_EXTRAS = ("streamlit.emojis",)

log = logging.getLogger(__name__)


def imported_modules(script: Path) -> list[str]:
    """Absolute module names a script imports at its top level, in order (`from a import b` gives a.b)."""
    names: list[str] = []
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names += [f"{node.module}.{alias.name}" for alias in node.names if alias.name != "*"]
    return list(dict.fromkeys(names))


def warm(modules: list[str]) -> list[str]:
    """Import each module (or, for `a.b` naming a function, its package `a`); returns those imported.

    A module that fails to import is skipped: the page that needs it shows the error when it runs.
    """
    done: list[str] = []
    for name in modules:
        for candidate in (name, name.rpartition(".")[0]):
            if not candidate:
                continue
            try:
                importlib.import_module(candidate)
            except ImportError:
                continue
            except Exception:  # noqa: BLE001 - the real run reports it; a warm-up must never stop the server
                log.debug("warm-up skipped a module that failed to import", exc_info=True)
                break
            if candidate not in done:
                done.append(candidate)
            break
    return done


def first_page_modules() -> list[str]:
    """The modules of the entry point and the first page, then Streamlit's own extras."""
    modules = [name for script in FIRST_SCRIPTS for name in imported_modules(script)]
    return list(dict.fromkeys(modules + list(STREAMLIT_EXTRAS)))


def staff_page_modules() -> list[str]:
    """The modules of the households list and the client file, warmed after the first page's."""
    return list(dict.fromkeys(name for script in STAFF_SCRIPTS for name in imported_modules(script)))


def warm_languages() -> None:
    """Load each language's catalog and Babel's number data, which the first amount shown would load."""
    from i18n import LANGUAGES, format_money, translations

    for lang in LANGUAGES:
        translations(lang)
        format_money(1.0, lang)


def freeze_start_up() -> None:
    """Keep what start-up made (modules, classes, catalogs: about 150,000 objects) out of collections.

    They live as long as the server, yet each full collection Python starts on its own would walk all
    of them again (about 80 ms) in the middle of some family's click. Start-up's own garbage is freed
    first, so it is not kept for ever.
    """
    gc.collect()
    gc.freeze()


def command_line_option(argv: Sequence[str], name: str) -> str | None:
    """The value of `--name=value` or `--name value` in `streamlit run` options, else None (the last wins)."""
    found = None
    for position, arg in enumerate(argv):
        if arg.startswith(f"--{name}="):
            found = arg.split("=", 1)[1]
        elif arg == f"--{name}" and position + 1 < len(argv):
            found = argv[position + 1]
    return found


def listening_address(argv: Sequence[str] = ()) -> tuple[str, int]:
    """Where this server listens: `server.address` (loopback when unset) and `server.port`, from the
    command line, else from Streamlit's configuration (config.toml, environment) via public `st.get_option`."""
    return option(argv, "server.address") or "127.0.0.1", int(option(argv, "server.port"))


def option(argv: Sequence[str], name: str):
    """A `streamlit run` option: the command line's value, else Streamlit's (imported only then)."""
    found = command_line_option(argv, name)
    if found is not None:
        return found
    import streamlit as st

    return st.get_option(name)


def _serving(argv: Sequence[str] = ()) -> bool:
    """True once the server accepts connections on its address, which is when it begins answering."""
    try:
        with socket.create_connection(listening_address(argv), timeout=0.5):
            return True
    except (OSError, ValueError):
        return False


def warm_when_serving(
    modules: list[str] | None = None, timeout: float = 120.0, poll: float = 0.02, argv: Sequence[str] = ()
) -> threading.Thread:
    """Start a daemon thread that waits for the server to answer, then imports the first page's modules.

    Waiting matters: during start-up the server is busy importing its own code on the same
    interpreter, and a second importer would only delay its first answer. `argv`: the server's
    `streamlit run` options, which say where it listens.
    """

    def run() -> None:
        deadline = time.monotonic() + timeout
        while not _serving(argv):
            if time.monotonic() > deadline:
                return
            time.sleep(poll)
        warm(first_page_modules() if modules is None else modules)
        warm_languages()
        if modules is None:
            warm(staff_page_modules())
            warm(list(CHART_MODULES))
        freeze_start_up()

    thread = threading.Thread(target=run, name="camino-warm-up", daemon=True)
    thread.start()
    return thread
