"""The server's warm-up: which modules the first page needs, and importing them safely in the background."""

from __future__ import annotations

import socket
import sys
import textwrap

import pytest

from ui import warmup


@pytest.mark.parametrize(
    "source,expected",
    [
        ("import json\nimport os.path as p, re\n", ["json", "os.path", "re"]),
        (
            "from db import accounts\nfrom ui.text import _, lang\n",
            ["db.accounts", "ui.text._", "ui.text.lang"],
        ),
        ("from . import sibling\nfrom .pkg import thing\n", []),  # relative: not importable by name
        ("import json\nimport json\nfrom a import b\nfrom a import b\n", ["json", "a.b"]),
        ("def later():\n    import pandas\n", []),  # only what runs when the script starts
        ("from a import *\n", []),
    ],
)
def test_imported_modules_lists_top_level_imports_in_order(tmp_path, source, expected):
    script = tmp_path / "page.py"
    script.write_text(source, encoding="utf-8")
    assert warmup.imported_modules(script) == expected


def test_the_first_page_modules_are_the_entry_point_and_calculator_imports():
    modules = warmup.first_page_modules()
    for name in (
        "db.accounts",
        "ui.auth",
        "ui.db.engine",
        "calculators.affordability.price.analyze",
        "streamlit.emojis",
    ):
        assert name in modules
    assert len(modules) == len(set(modules))
    assert not [name for name in modules if name.startswith("pages")]  # page scripts are never imported


def test_the_staff_pages_modules_include_the_client_file_and_its_tabs():
    modules = warmup.staff_page_modules()
    assert "ui.households.client_file.page" in modules
    assert "db.households" in modules or "db.households.search" in modules
    assert len(modules) == len(set(modules))


def test_the_client_file_does_not_import_the_pdf_or_chart_libraries():
    """Only the tab in view is drawn: fpdf/fontTools (a PDF is made when printed) and altair (the Timeline
    tab's chart) are imported when needed, not by every first opening of a client file."""
    import subprocess

    code = (
        "import sys; import ui.households.client_file.page; "
        "print(sorted(m for m in ('fpdf', 'fontTools', 'altair') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=warmup.ROOT
    )
    assert out.stdout.strip() == "[]"


def test_warm_imports_modules_and_the_packages_of_imported_names(tmp_path, monkeypatch):
    package = tmp_path / "warm_pkg_ok"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "tools.py").write_text("def helper():\n    return 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert warmup.warm(["warm_pkg_ok.tools.helper", "warm_pkg_ok.tools"]) == ["warm_pkg_ok.tools"]
    assert "warm_pkg_ok.tools" in sys.modules


def test_warm_skips_missing_and_failing_modules_and_goes_on(tmp_path, monkeypatch):
    (tmp_path / "warm_broken.py").write_text(
        textwrap.dedent("raise RuntimeError('configuration missing')\n"), encoding="utf-8"
    )
    (tmp_path / "warm_fine.py").write_text("VALUE = 2\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert warmup.warm(["warm_no_such_module", "warm_broken", "warm_fine"]) == ["warm_fine"]
    assert "warm_broken" not in sys.modules  # the page that needs it imports it again and shows the error


def test_warm_languages_loads_both_catalogs():
    from i18n import translations

    translations.cache_clear()
    warmup.warm_languages()
    assert translations.cache_info().currsize == 2
    assert translations("es").gettext("Home affordability") == "¿Cuánta casa puedo pagar?"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_warm_up_waits_for_the_server_and_gives_up_without_one(tmp_path, monkeypatch):
    """With nothing listening on the server's port, nothing is imported: start-up is never slowed by it."""
    (tmp_path / "warm_waiting.py").write_text("VALUE = 3\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    argv = [f"--server.port={free_port()}", "--server.address=127.0.0.1"]
    thread = warmup.warm_when_serving(["warm_waiting"], timeout=0.2, poll=0.01, argv=argv)
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert thread.daemon
    assert "warm_waiting" not in sys.modules


def test_the_warm_up_starts_once_the_server_answers(tmp_path, monkeypatch):
    """A listening socket on the server's address and port is what starts the imports."""
    (tmp_path / "warm_answered.py").write_text("VALUE = 4\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(warmup, "warm_languages", lambda: None)
    monkeypatch.setattr(warmup, "freeze_start_up", lambda: None)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        argv = ["--server.address", "127.0.0.1", "--server.port", str(server.getsockname()[1])]
        thread = warmup.warm_when_serving(["warm_answered"], timeout=30, poll=0.01, argv=argv)
        thread.join(timeout=30)
    assert not thread.is_alive()
    assert "warm_answered" in sys.modules


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--server.port=8600", "--server.address=127.0.0.2"], ("127.0.0.2", 8600)),
        (["--server.headless=true", "--server.port", "8601"], ("127.0.0.1", 8601)),
        (["--server.port=8600", "--server.port=8602"], ("127.0.0.1", 8602)),  # the last one wins
        (["--server.port"], ("127.0.0.1", 8501)),  # no value: config.toml's port
        ([], ("127.0.0.1", 8501)),
    ],
)
def test_the_server_is_looked_for_where_its_options_say(argv, expected, monkeypatch):
    """Command-line options first, then Streamlit's configuration (the repository's config.toml: 8501)."""
    import streamlit as st

    options = {"server.address": "", "server.port": 8501}
    monkeypatch.setattr(st, "get_option", options.__getitem__)
    assert warmup.listening_address(argv) == expected


def test_start_up_objects_are_left_out_of_later_collections():
    """After the warm-up, a full collection no longer walks the modules start-up imported."""
    import gc

    try:
        warmup.freeze_start_up()
        assert gc.get_freeze_count() > 10_000
        tracked = len(gc.get_objects())
        assert tracked < gc.get_freeze_count()  # what a collection still walks is the smaller part
    finally:
        gc.unfreeze()


def test_a_started_server_warms_the_staff_pages_then_the_charts(monkeypatch):
    """After the first page: the staff pages, then the chart modules a first 'Compare loans' waited for."""
    warmed: list[list[str]] = []
    monkeypatch.setattr(warmup, "warm", lambda modules: warmed.append(list(modules)) or list(modules))
    monkeypatch.setattr(warmup, "warm_languages", lambda: None)
    monkeypatch.setattr(warmup, "freeze_start_up", lambda: None)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        argv = ["--server.address", "127.0.0.1", "--server.port", str(server.getsockname()[1])]
        warmup.warm_when_serving(timeout=30, poll=0.01, argv=argv).join(timeout=30)
    assert warmed == [warmup.first_page_modules(), warmup.staff_page_modules(), list(warmup.CHART_MODULES)]


@pytest.mark.parametrize("module", warmup.CHART_MODULES)
def test_each_chart_module_brings_altair_and_pandas(module):
    import subprocess

    code = f"import sys, {module}; print(all(m in sys.modules for m in ('altair', 'pandas')))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=warmup.ROOT
    )
    assert out.stdout.strip() == "True"
