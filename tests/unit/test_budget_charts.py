"""Budget charts: the cached spec carries its data already in Arrow, the same rows the chart was built from."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from ui.budget import charts

WEEKS = [
    {"week": 1, "money_in": 950.0, "money_out": 1750.0, "balance": -800.0, "short": True},
    {"week": 2, "money_in": 1550.0, "money_out": 180.0, "balance": 570.0, "short": False},
]
CASES = {
    "where": [{"category": "Housing (rent)", "amount": 1600.0}, {"category": "Groceries", "amount": 600.0}],
    "cash": WEEKS,
    "debt": {"Snowball": [{"month": 1, "total_balance": 900.0}, {"month": 2, "total_balance": 0.0}]},
}


def rows_of(arrow: bytes) -> list[dict]:
    return pa.ipc.open_stream(arrow).read_all().to_pylist()


@pytest.mark.parametrize("kind", sorted(CASES))
def test_spec_datasets_are_arrow_with_the_chart_rows(kind):
    spec = charts._spec(kind, json.dumps(CASES[kind], sort_keys=True), "en")
    built = charts.BUILDERS[kind](CASES[kind]).to_dict()
    assert set(spec["datasets"]) == set(built["datasets"])
    for name, rows in built["datasets"].items():
        assert isinstance(spec["datasets"][name], bytes)
        decoded = [
            {k: v for k, v in r.items() if not k.startswith("__")} for r in rows_of(spec["datasets"][name])
        ]
        assert decoded == rows
