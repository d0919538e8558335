"""Charts show whole labels: no axis or legend label is cut with "…", even under Streamlit's chart
theme, which limits axis labels to 100 px (simulated here beneath the chart's own config, where the
browser merges it). Rendered to SVG with vl-convert, the same Vega the browser runs."""

from __future__ import annotations

import re

import pytest
import vl_convert as vlc

from ui.budget import charts as budget_charts
from ui.dashboard import pipeline as dashboard_view

STREAMLIT_THEME = {"axis": {"labelLimit": 100}, "legend": {"labelLimit": 160}}
LONG = [
    "Comida del supermercado y artículos de limpieza",
    "Teléfono e internet de la casa",
    "Cuidado de niños y escuela",
]


def svg_texts(chart) -> list[str]:
    spec = chart.to_dict()
    config = {**STREAMLIT_THEME}
    for key, value in spec.get("config", {}).items():
        config[key] = {**config.get(key, {}), **value} if isinstance(value, dict) else value
    spec["config"] = config
    svg = vlc.vegalite_to_svg(spec)
    return [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg) if t.strip()]


def test_budget_categories_are_whole():
    chart = budget_charts.where_money_goes([{"category": c, "amount": 100 + i} for i, c in enumerate(LONG)])
    texts = svg_texts(chart)
    assert not [t for t in texts if t.endswith("…")]
    for category in LONG:
        assert category in texts


@pytest.mark.parametrize("by", ["quarter", "counselor"])
def test_pipeline_groups_and_stages_are_whole(by):
    group = (2025, 1) if by == "quarter" else 7
    rows = [
        {
            "group": group,
            "label": "Consejera con un nombre bastante largo de verdad",
            "stage": s,
            "households": 3,
        }
        for s in ("intake", "education", "mortgage_ready")
    ]
    texts = svg_texts(dashboard_view.breakdown_chart(rows, by))
    assert not [t for t in texts if t.endswith("…")]


def test_debt_legend_is_whole():
    schedules = {
        "Primero la deuda más pequeña (bola de nieve)": [
            {"month": m, "total_balance": 100 - m} for m in range(5)
        ],
        "Primero el interés más alto (avalancha)": [{"month": m, "total_balance": 90 - m} for m in range(5)],
    }
    texts = svg_texts(budget_charts.debt_balances(schedules))
    assert "Primero la deuda más pequeña (bola de nieve)" in texts
    assert not [t for t in texts if t.endswith("…")]
