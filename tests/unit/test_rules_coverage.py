"""Yearly roll-over is visible before it happens: `python -m calculators.rules coverage`."""

from __future__ import annotations

import datetime as dt

import pytest

from calculators.rules import __main__ as cli
from calculators.rules import all_rule_files, load
from calculators.rules.coverage import coverage, table_coverage
from calculators.rules.overlay import key_label, series_key

D = dt.date


def row(start, end=None, **keys):
    out = {"effective_from": start, "source_url": "https://example.org", "verified_on": start, **keys}
    if end:
        out["effective_to"] = end
    return out


# rows of one table, the day asked, expected missing series, expected ending series
CASES = [
    ([row(D(2026, 1, 1), D(2027, 1, 1))], D(2026, 12, 5), [], [""]),  # ends within 60 days
    ([row(D(2026, 1, 1), D(2027, 1, 1))], D(2026, 10, 1), [], []),  # ends later than 60 days
    ([row(D(2026, 1, 1), D(2027, 1, 1))], D(2027, 1, 1), [""], []),  # the day it ends: no figure
    ([row(D(2026, 1, 1), D(2027, 1, 1)), row(D(2027, 1, 1))], D(2026, 12, 5), [], []),  # next row takes over
    ([row(D(2026, 1, 1))], D(2099, 1, 1), [], []),  # open-ended rule: always in force
    ([row(D(2026, 1, 1))], D(2025, 1, 1), [""], []),  # before the first row
    (
        [row(D(2026, 5, 1), D(2027, 5, 1), group="a"), row(D(2020, 1, 1), group="b")],
        D(2027, 6, 1),
        ["group=a"],
        [],
    ),
]


@pytest.mark.parametrize("rows,day,missing,ending", CASES)
def test_table_coverage(rows, day, missing, ending):
    gaps, endings = table_coverage("f", "t", rows, day, 60)
    assert [g.key for g in gaps] == missing
    assert [e.key for e in endings] == ending


def test_today_lists_the_figures_that_run_out_this_winter():
    result = coverage("2026-12-05")
    ending = {(e.file, e.table, e.key) for e in result.ending}
    fha = key_label(series_key(load("loans")["loan_limit"][-1]))
    assert ("loans", "loan_limit", fha) in ending
    assert all(e.ends == D(2027, 1, 1) for e in result.ending if e.table == "loan_limit")
    missing = {(g.file, g.table, g.key) for g in result.missing}
    assert ("tenancy", "rent_allowance", "jurisdiction=montgomery_md group=standard") in missing
    assert ("tenancy", "rent_allowance", "jurisdiction=dc group=standard") not in missing  # 4.1% in force


def test_a_date_past_every_table_lists_every_dated_series_and_nothing_as_ending():
    far = D(2100, 1, 1)
    result = coverage(far)
    assert not result.ending
    expected = set()
    for name in all_rule_files():
        for table, rows in load(name).items():
            if table == "meta":
                continue
            series: dict = {}
            for r in rows:
                series.setdefault(series_key(r), []).append(r)
            for key, members in series.items():
                if all(r.get("effective_to") for r in members):
                    expected.add((name, table, key_label(key)))
    got = {(g.file, g.table, g.key) for g in result.missing}
    assert got == expected
    assert ("tenancy", "rent_allowance", "jurisdiction=dc group=elderly_disabled") in got
    assert ("loans", "loan_limit", key_label(series_key(load("loans")["loan_limit"][-1]))) in got
    assert all(g.last is not None and g.last_ended < far for g in result.missing)


def test_the_command_prints_both_lists_and_fails_when_a_figure_is_missing(capsys):
    assert cli.main(["coverage", "--on", "2100-01-01"]) == 1
    out = capsys.readouterr().out
    assert "NO FIGURE   loans.loan_limit [program=fha" in out
    assert (
        "NO FIGURE   tenancy.rent_allowance [jurisdiction=dc group=standard] (last row ended 2027-05-01)"
        in out
    )
    assert cli.main(["coverage", "--on", "2026-12-05"]) == 1
    out = capsys.readouterr().out
    assert "ENDS SOON   loans.loan_limit [program=fha" in out and "ends 2027-01-01" in out


def test_the_command_refuses_a_bad_date(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["coverage", "--on", "next year"])
    assert exit_info.value.code == 2
    assert "--on must be a date" in capsys.readouterr().err
