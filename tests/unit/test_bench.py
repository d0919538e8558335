"""The bench runner's output on made-up figures: the table a person reads and the JSON a script compares.

Nothing here times anything (speed is reported by `python -m bench`, never asserted in a test).
"""

from __future__ import annotations

import json
import math
from types import SimpleNamespace

import pytest

import bench.__main__ as runner
from bench.timing import failed, figure

FAKE = {
    "figures": {
        "max_price_ms": figure(0.5, "ms", 1500.0, "linear scan in $100 steps calling analyze"),
        "cold_start_ms": figure(5200.0, "ms", 4000.0, "target"),
        "session_rss_mb": figure(12.5, "mb", 25.0, "target"),
        "action_plan_batch_200_s": figure(80.0, "s", 60.0, "target (200 x one PDF)"),
    },
    "errors": {"screen_1000_ms": "ModuleNotFoundError: No module named 'calculators.assistance'"},
}


@pytest.mark.parametrize(
    "value, baseline, ratio",
    [
        (0.5, 1500.0, 3000.0),  # faster than the naive way: ratio above 1
        (5200.0, 4000.0, 0.77),  # slower than the target: ratio below 1
        (12.5, 25.0, 2.0),
        (2.0, None, None),  # no baseline, no ratio
        (0.0, 10.0, None),  # a zero value never divides
    ],
)
def test_ratio_is_baseline_over_value(value, baseline, ratio):
    result = figure(value, "ms", baseline)
    if ratio is None:
        assert result["ratio"] is None
    else:
        assert result["ratio"] == pytest.approx(ratio, abs=0.01)


def test_json_has_every_figure_with_exactly_value_unit_baseline_ratio():
    data = json.loads(runner.as_json(FAKE))
    assert set(data) == {"figures", "errors", "baseline_is", "machine"}
    assert data["baseline_is"]["cold_start_ms"] == "target"
    assert list(data["figures"]) == list(FAKE["figures"])
    for name, fig in data["figures"].items():
        assert set(fig) == {"value", "unit", "baseline", "ratio"}, name
        assert fig["unit"] in runner.UNITS
        assert isinstance(fig["value"], float) and math.isfinite(fig["value"])
        assert fig["ratio"] == pytest.approx(fig["baseline"] / fig["value"], abs=0.01)
    assert data["errors"] == FAKE["errors"]


@pytest.mark.parametrize(
    "name, shown",
    [
        ("max_price_ms", ["0.500", "ms", "1500.000", "3000.00x", "linear scan in $100 steps"]),
        ("cold_start_ms", ["5200.000", "4000.000", "0.77x", "target"]),
        ("session_rss_mb", ["12.500", "mb", "25.000", "2.00x"]),
        ("action_plan_batch_200_s", ["80.000", " s ", "60.000", "0.75x"]),
    ],
)
def test_table_line_shows_value_unit_baseline_ratio_and_label(name, shown):
    lines = [line for line in runner.table(FAKE).splitlines() if line.startswith(name)]
    assert len(lines) == 1
    for part in shown:
        assert part in lines[0], part


def test_table_lists_figures_that_could_not_be_measured():
    text = runner.table(FAKE)
    assert "not measured:" in text
    assert "screen_1000_ms: ModuleNotFoundError" in text


def test_table_columns_line_up():
    lines = runner.table(FAKE).splitlines()
    header, rows = lines[0], lines[1:5]
    ratio_end = header.index("ratio") + len("ratio")
    for row in rows:
        assert row[ratio_end - 1] == "x"


def _suite(found: dict):
    return SimpleNamespace(figures=lambda **kwargs: found)


def test_run_moves_a_figure_with_an_error_to_errors_and_keeps_the_others(monkeypatch):
    good = figure(1.0, "ms", 5.0, "target")
    modules = {
        "bench.calculators": _suite(
            {"max_price_ms": good, "screen_1000_ms": failed(ImportError("no screen"))}
        ),
    }

    def fake_import(name):
        if name in modules:
            return modules[name]
        raise ModuleNotFoundError(f"No module named {name!r}")

    monkeypatch.setattr(runner.importlib, "import_module", fake_import)
    monkeypatch.setattr(runner, "SUITES", [("bench.calculators", "figures"), ("bench.reports", "figures")])
    args = SimpleNamespace(only=None, households=10, verbose=False)
    result = runner.run(args)
    assert result["machine"]["cpus"] >= 1
    assert result["figures"] == {"max_price_ms": good}
    assert result["errors"]["screen_1000_ms"] == "ImportError: no screen"
    assert result["errors"]["reports"].startswith("ModuleNotFoundError")


def test_only_runs_the_named_suites(monkeypatch):
    called = []

    def fake_import(name):
        called.append(name)
        return _suite({})

    monkeypatch.setattr(runner.importlib, "import_module", fake_import)
    runner.run(SimpleNamespace(only=["reports"], households=10, verbose=False))
    assert called == ["bench.reports"]


def test_table_says_when_and_how_busy_the_machine_was():
    text = runner.table({**FAKE, "machine": runner.machine(3.5, 2.25)})
    assert f"on {runner.os.cpu_count()} CPUs" in text
    assert "load average 3.5 before, 2.25 after" in text


def test_main_prints_json(monkeypatch, capsys):
    monkeypatch.setattr(runner, "run", lambda args: FAKE)
    assert runner.main(["--json"]) == 0
    assert json.loads(capsys.readouterr().out)["figures"]["session_rss_mb"]["unit"] == "mb"


def test_a_saved_run_formats_again_with_its_labels(tmp_path):
    saved = tmp_path / "run.json"
    saved.write_text(runner.as_json({**FAKE, "machine": runner.machine(0.5, 0.75)}))
    again = runner.load_json(str(saved))
    assert runner.table(again) == runner.table({**FAKE, "machine": again["machine"]})


@pytest.mark.parametrize(
    "name, met",
    [
        ("max_price_ms", "yes"),  # 0.5 ms against 5 ms
        ("cold_start_ms", "**no**"),  # 5.2 s against 4 s
        ("session_rss_mb", "yes"),
        ("action_plan_batch_200_s", "**no**"),  # 80 s against 60 s
    ],
)
def test_markdown_row_says_whether_the_target_is_met(name, met):
    row = next(line for line in runner.markdown(FAKE).splitlines() if f"`{name}`" in line)
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[2] == runner.TARGETS[name][0]
    assert cells[5] == met


@pytest.mark.parametrize(
    "value, met",
    [
        (0.1, "yes"),  # 8x the loop: met, however far below the old 20x
        (0.79, "yes"),
        (0.8, "**no**"),  # as slow as the loop
        (1.6, "**no**"),
    ],
)
def test_amortization_only_has_to_beat_the_loop(value, met):
    """Issue 25: the schedule's target is the loop itself, so no ratio rewards pandas' internals."""
    run = {"figures": {"amortization_ms": figure(value, "ms", 0.8, "per-period pure-Python loop")}, "errors": {}}
    row = next(line for line in runner.markdown(run).splitlines() if "`amortization_ms`" in line)
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[2] == "faster than the loop"
    assert cells[5] == met


def test_markdown_lists_unmeasured_figures_with_their_target():
    row = next(line for line in runner.markdown(FAKE).splitlines() if "`screen_1000_ms`" in line)
    assert "not measured: ModuleNotFoundError" in row
    assert "≤ 1 s (ours)" in row


def test_every_fixed_figure_name_has_a_target():
    names = {
        "affordability_rerun_ms", "budget_rerun_ms", "assistance_rerun_ms", "max_price_ms",
        "amortization_ms", "screen_1000_ms", "pipeline_sqlite_ms", "hud9902_sqlite_ms",
        "pipeline_postgres_ms", "hud9902_postgres_ms", "action_plan_pdf_ms", "action_plan_batch_200_s",
        "cold_start_ms", "session_rss_mb", "import_5000_hud_s",
    }  # fmt: skip
    assert set(runner.TARGETS) == names
