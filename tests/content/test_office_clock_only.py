"""Our code asks the offices' clock what day it is (calculators.clock), never the server's.

`date.today()`, `datetime.today()` and `datetime.now()` without a time zone give the server's day: on a
server kept on UTC that is tomorrow from 7 p.m. (8 p.m. in summer), so an evening workshop's attendance,
the sessions of the evening and the HUD-9902 quarter on the last evening of a quarter came out a day late.
Every .py file of ours is read with `ast`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("app_pages", "ui", "db", "calculators", "reports", "reminders", "curricula", "i18n")


def _server_clock_calls(tree: ast.AST) -> list[int]:
    """Lines that read the server's local day or time."""
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        method = node.func.attr
        today = owner_name in ("date", "datetime") and method == "today"
        naive_now = owner_name == "datetime" and method == "now" and not (node.args or node.keywords)
        if today or naive_now:
            lines.append(node.lineno)
    return lines


def _sources() -> list[Path]:
    files = [p for folder in FOLDERS for p in sorted((ROOT / folder).rglob("*.py"))]
    return [*files, ROOT / "streamlit_app.py"]


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_server_day(path):
    found = _server_clock_calls(ast.parse(path.read_text(encoding="utf-8")))
    assert not found, (
        f"{path.relative_to(ROOT)} lines {found}: use calculators.clock.today() or db.local_time"
    )


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("import datetime as dt\ndt.date.today()", True),
        ("from datetime import date\ndate.today()", True),
        ("import datetime\ndatetime.datetime.today()", True),
        ("import datetime as dt\ndt.datetime.now()", True),
        ("import datetime as dt\ndt.datetime.now(dt.UTC)", False),
        ("from calculators import clock\nclock.today()", False),
        ("from db.local_time import today_local\ntoday_local()", False),
    ],
)
def test_the_check_finds_the_servers_clock(source, flagged):
    assert bool(_server_clock_calls(ast.parse(source))) is flagged
