"""Altair theme for every chart Camino draws on a page: whole labels, never "Comida del super…".

Vega cuts axis and legend labels at a pixel width (Streamlit's own chart theme at 100 px); a label
limit of 0 means no limit. Imported by the modules that build charts; enabling is idempotent.
"""

from __future__ import annotations

import altair as alt

NAME = "camino"
WHOLE_LABELS = {
    "axis": {"labelLimit": 0, "titleLimit": 0},
    "legend": {"labelLimit": 0, "titleLimit": 0, "symbolLimit": 0},
    "header": {"labelLimit": 0, "titleLimit": 0},
}


@alt.theme.register(NAME, enable=True)
def camino() -> alt.theme.ThemeConfig:
    return {"config": WHOLE_LABELS}
