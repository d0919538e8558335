"""`python -m reports.hud9902` on the database named by DATABASE_URL: every format, office filter, bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db import migrate
from db.engine import make_engine
from tests.db.test_hud9902 import build_fixture

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    data = build_fixture(engine)
    engine.dispose()
    data["url"] = url
    return data


def run(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "reports.hud9902", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_json_file(database, tmp_path):
    out = tmp_path / "r.json"
    done = run(
        database["url"], "--fiscal-year", "2026", "--quarter", "2", "--format", "json", "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text("utf-8"))
    assert (data["fiscal_year"], data["quarter"]) == (2026, 2)
    assert data["sections"]["9"]["total"] == 5
    assert data["sections"]["8"]["total"] == 2
    assert data["sections"]["10"]["rows"]["m. Pre-purchase counseling: purchased housing"] == 1
    assert [c["passed"] for c in data["checks"]] == [False, True, True, True, True]
    # The failed check and the records to fix are also said on stderr, for whoever runs it by hand.
    assert "section 3 total 6 != 8 + 9 = 7" in done.stderr
    assert "2 household(s) need fixing" in done.stderr


def test_csv_to_stdout(database):
    done = run(database["url"], "--fiscal-year", "2026", "--quarter", "1", "--format", "csv", "--out", "-")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert ["9", "c. Prepurchase/homebuying", "1"] in rows
    assert ["3", "Total", "4"] in rows
    assert done.stderr == ""  # Q1: every check passes and nothing needs fixing


def test_xlsx_for_one_office(database, tmp_path):
    out = tmp_path / "r.xlsx"
    done = run(
        database["url"],
        *(
            "--fiscal-year",
            "2026",
            "--quarter",
            "2",
            "--format",
            "xlsx",
            "--out",
            str(out),
            "--office",
            "south",
        ),
    )
    assert done.returncode == 0, done.stderr
    rows = list(load_workbook(out)["HUD-9902"].iter_rows(values_only=True))
    assert ("9", "b. Rental topics", 1) in rows
    assert ("10", "k. Rental counseling: avoided eviction", 1) in rows
    assert ("9", "Total", 1) in rows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--fiscal-year", "2026", "--quarter", "5", "--out", "-"), "invalid choice"),
        (("--fiscal-year", "26", "--quarter", "1", "--out", "-"), "four-digit year"),
        (("--fiscal-year", "2026", "--quarter", "1", "--format", "pdf", "--out", "-"), "invalid choice"),
        (("--fiscal-year", "2026", "--quarter", "1", "--out", "-", "--office", "east"), "no office 'east'"),
        (("--quarter", "1", "--out", "-"), "--fiscal-year"),
    ],
)
def test_bad_arguments_are_refused_without_a_traceback(database, args, message):
    done = run(database["url"], *args)
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr
