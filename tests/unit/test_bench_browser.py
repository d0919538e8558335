"""The browser bench's statistics and targets (its timings are reported, never asserted)."""

from __future__ import annotations

import pytest

from bench.__main__ import target_for
from bench.settle import percentile, summary


def test_percentile_is_a_measured_value_by_nearest_rank():
    samples = [float(n) for n in range(1, 21)]  # 1..20
    assert percentile(samples, 95) == 19.0
    assert percentile(samples, 50) == 10.0
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 95)


def test_summary_gives_p50_p95_and_count():
    assert summary([5.0, 1.0, 3.0]) == {"p50": 3.0, "p95": 5.0, "n": 3}


@pytest.mark.parametrize(
    ("name", "value", "met"),
    [
        ("click_income_ms", 250, True),
        ("click_income_ms", 251, False),
        ("click_income_4x_ms", 600, True),
        ("click_income_4x_ms", 601, False),
        ("room30_w1_p95_ms", 300, True),
        ("room30_w2_p95_ms", 301, False),
        ("room30_w1_errors", 0, True),
        ("room30_w1_errors", 1, False),
        ("burst30_w1_p50_ms", 1500, True),
        ("burst30_w2_p50_ms", 1501, False),
    ],
)
def test_browser_targets(name, value, met):
    label, check = target_for(name)
    assert label and check({"value": value, "ratio": None}) is met
