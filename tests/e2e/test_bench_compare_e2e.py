"""The bench's side-by-side comparison serves an earlier commit beside this checkout and times both.

No timing is asserted: only that both versions were served and clicked the same number of times, and that
the earlier version was served from a work tree of the commit asked for (HEAD: a clone in CI may hold only
the newest commit), which is gone afterwards.
"""

from __future__ import annotations

import subprocess

import pytest

from bench import compare

pytestmark = pytest.mark.serial


def test_compare_times_both_versions_in_turn(browser, monkeypatch):
    served: list = []
    real = compare._serve

    def spy(stack, root, database):
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True).stdout
        served.append((root, head.strip()))
        return real(stack, root, database)

    monkeypatch.setattr(compare, "_serve", spy)
    pairs = compare.compare("HEAD", ["households"], rates=(1,), repeats=3, chromium=browser)
    assert [(p.interaction, p.rate, p.this["n"], p.earlier["n"]) for p in pairs] == [("households", 1, 3, 3)]
    assert all(p.this["p50"] > 0 and p.earlier["p50"] > 0 for p in pairs)
    (this_root, _this), (earlier_root, earlier_head) = served
    assert this_root == compare.ROOT
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=compare.ROOT, capture_output=True, text=True)
    assert earlier_head == head.stdout.strip() and earlier_root != this_root
    assert not earlier_root.exists()  # the throwaway work tree was removed
    assert "| households | 1× |" in compare.markdown(pairs, "HEAD")
