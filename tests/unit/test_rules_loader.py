"""The dated-rule loader: picks the row in force, and a broken file only ever raises InputError."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError
from calculators.rules import all_rule_files, is_stale, load, load_file, rows_in_force, rule

ROWS = [
    {"effective_from": dt.date(2024, 1, 1), "effective_to": dt.date(2024, 10, 1), "v": 1},
    {"effective_from": dt.date(2024, 10, 1), "v": 2},
]


@pytest.mark.parametrize(
    "day, expected",
    [("2023-12-31", []), ("2024-01-01", [1]), ("2024-09-30", [1]), ("2024-10-01", [2]), ("2030-01-01", [2])],
)
def test_row_in_force_at_the_boundaries(day, expected):
    assert [r["v"] for r in rows_in_force(ROWS, day)] == expected


def test_rule_picks_the_row_in_force():
    assert rule("hud", "file_retention", "2026-11-27")["years_after_termination"] == 3
    with pytest.raises(InputError) as err:
        rule("hud", "file_retention", "2010-01-01")
    assert err.value.code == "no_rule_in_force"


@pytest.mark.parametrize("name", all_rule_files())
def test_every_rule_file_loads(name):
    assert load(name)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("[[t]]\neffective_from = 2024-01-01\nverified_on = 2024-01-01\n", "lacks source_url"),
        (
            "[[t]]\neffective_from = '2024-01-01'\nsource_url = 'https://x'\nverified_on = 2024-01-01\n",
            "not a TOML date",
        ),
        (
            "[[t]]\neffective_from = 2024-01-01\nsource_url = 'x'\nverified_on = 2024-01-01\n",
            "not a web address",
        ),
        (
            "[[t]]\neffective_from = 2024-02-01\neffective_to = 2024-01-01\nsource_url = 'https://x'\n"
            "verified_on = 2024-01-01\n",
            "ends before it starts",
        ),
        ("t = 3\n", "array of tables"),
        ("[[t]\n", "invalid"),
    ],
)
def test_broken_rule_files_are_refused_with_a_reason(tmp_path, text, problem):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(InputError) as err:
        load_file(path)
    assert err.value.code == "invalid_rule_file"
    assert problem in err.value.detail or problem == "invalid"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_either_load_or_raise_input_error(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.toml"
    path.write_bytes(blob)
    try:
        load_file(path)
    except InputError as err:
        assert err.code == "invalid_rule_file"


def test_stale_after_a_year():
    row = {"verified_on": dt.date(2025, 11, 1)}
    assert is_stale(row, "2026-11-27") and not is_stale(row, "2026-10-01")
