"""The client file's Timeline tab: savings, credit score and debt over time, and every recorded event."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from db import activity
from ui.db import engine
from ui.households.client_file.state import current_user
from ui.households.labels import MEASURE_LABELS, timeline_detail, timeline_label
from ui.text import NO_VALUE, _, date


def progress_chart(points: list[dict]):
    """One line per measure over time, a row each, dates and column names in the reader's language."""
    day, measure, value = _("Date"), _("Measure"), _("Value")
    frame = pd.DataFrame(
        {
            day: [p["on"].isoformat() for p in points],
            measure: [_(MEASURE_LABELS[p["measure"]]) for p in points],
            value: [round(float(p["value"]), 2) for p in points],
        }
    )
    # Imported when the Timeline tab is drawn (only the tab in view is): altair takes a third of a second
    # to import, which every first opening of a client file used to pay.
    import altair as alt

    from ui.chart_theme import field, localize  # (also enables whole axis and legend labels)

    return localize(
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X(field=field(day), type="temporal", title=day),
            y=alt.Y(field=field(value), type="quantitative", title=None),
            color=alt.Color(field=field(measure), type="nominal", title=None),
            tooltip=[
                alt.Tooltip(field=field(measure), type="nominal", title=measure),
                alt.Tooltip(field=field(value), type="quantitative", title=value),
            ],
        )
        .properties(height=140)
        .facet(row=alt.Row(field=field(measure), type="nominal", title=None))
        .resolve_scale(y="independent")
    )


def _progress_chart(hid: int) -> None:
    points = activity.progress_series(engine(), current_user(), hid)
    if not points:
        st.caption(
            _("No savings, credit score or debt figures yet. Add a value when you record a milestone.")
        )
        return
    st.altair_chart(progress_chart(points), width="stretch")


def section(hh: dict) -> None:
    st.markdown(_("**Savings, credit score and debt over time**"))
    _progress_chart(hh["id"])
    events = activity.timeline(engine(), current_user(), hh["id"])
    if not events:
        st.caption(_("Nothing on the timeline yet."))
        return
    st.dataframe(
        pd.DataFrame(
            {
                _("Date"): [date(e["on"], "medium") for e in events],
                _("What happened"): [timeline_label(e) for e in events],
                _("Detail"): [timeline_detail(e) for e in events],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )
