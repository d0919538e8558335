"""Charts for printed documents, drawn offline with vl-convert and cached by their data.

Rendering a Vega-Lite chart costs far more than laying out a page, and many plans share a chart
(same budget, same language), so the PNG is cached on a hashable copy of what it shows.
"""

from __future__ import annotations

import math
from functools import lru_cache

import altair as alt
import vl_convert

BAR_COLOR = "#0b6e4f"  # the green of the document header
LEFT_OVER_COLOR = "#2a7ab0"
CHART_WIDTH = 420
ROW_HEIGHT = 22
CACHE_SIZE = 512


def _finite(value) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(value) or math.isinf(value) else value


def bar_rows(items) -> tuple[tuple[str, float], ...]:
    """A hashable, cleaned copy of (label, amount) pairs: no NaN, no empty labels, no negative bars."""
    rows = []
    for label, amount in items:
        text = " ".join(str(label or "").split())[:40] or "?"
        rows.append((text, max(0.0, _finite(amount))))
    return tuple(rows)


@lru_cache(maxsize=CACHE_SIZE)
def _bar_png(rows: tuple[tuple[str, float], ...], title: str, money_format: str, highlight: str) -> bytes:
    data = [
        {"label": label, "amount": amount, "kind": "highlight" if label == highlight else "bar"}
        for label, amount in rows
    ]
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=220, labelFontSize=12)),
            x=alt.X("amount:Q", title=None, axis=alt.Axis(format=money_format, labelFontSize=11)),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=["bar", "highlight"], range=[BAR_COLOR, LEFT_OVER_COLOR]),
                legend=None,
            ),
        )
        .properties(width=CHART_WIDTH, height=max(ROW_HEIGHT * len(rows), 60), title=title)
        .configure_view(stroke=None)
        .configure_title(fontSize=14, anchor="start")
    )
    return vl_convert.vegalite_to_png(chart.to_json(), scale=2)


def bar_chart_png(items, title: str = "", money_format: str = "$,.0f", highlight: str = "") -> bytes:
    """A horizontal bar chart (one bar per label, in the given order) as PNG bytes; same data, same bytes."""
    rows = bar_rows(items)
    if not rows:
        raise ValueError("nothing to draw")
    return _bar_png(rows, str(title or ""), money_format, str(highlight or ""))


def cache_info():
    """How often the chart cache answered (for bench/ and for tests that check reuse)."""
    return _bar_png.cache_info()
