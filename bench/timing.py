"""Small timing helpers shared by the benchmark modules."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], runs: int = 30, warmup: int = 2) -> float:
    """Median wall time of `fn` in milliseconds, after a few warm-up calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def once_ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def figure(value: float, unit: str, baseline: float | None, baseline_label: str = "") -> dict:
    """One result row: value, its unit, the baseline measured beside it, and baseline / value."""
    ratio = (baseline / value) if baseline and value else None
    return {
        "value": round(value, 3),
        "unit": unit,
        "baseline": None if baseline is None else round(baseline, 3),
        "ratio": None if ratio is None else round(ratio, 2),
        "baseline_label": baseline_label,
    }


def failed(err: BaseException) -> dict:
    """A figure that could not be measured (feature missing or broken): the runner lists it under errors."""
    return {"error": f"{type(err).__name__}: {err}"}


def paired_median_ms(
    fn: Callable[[], object],
    baseline: Callable[[], object],
    runs: int = 50,
    warmup: int = 2,
    number: int = 1,
) -> tuple[float, float]:
    """Medians (ms per call) of `fn` and `baseline` sampled in turn, so both see the same load.

    For sub-millisecond work each sample times `number` calls in a row with the garbage collector
    paused, as timeit does: one call alone is too short for the clock, and the baseline's garbage
    would otherwise be collected during the other function's turn.
    """
    for _ in range(warmup):
        fn()
        baseline()
    mine, theirs = [], []
    for _ in range(runs):
        for call, samples in ((fn, mine), (baseline, theirs)):
            collecting = gc.isenabled()
            gc.disable()
            try:
                start = time.perf_counter()
                for _ in range(number):
                    call()
                samples.append((time.perf_counter() - start) * 1000 / number)
            finally:
                if collecting:
                    gc.enable()
    return statistics.median(mine), statistics.median(theirs)
