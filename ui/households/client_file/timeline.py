"""The client file's Timeline tab: savings, credit score and debt over time, and every recorded event."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from db import activity
from ui.db import engine
from ui.households.client_file.state import current_user
from ui.households.labels import MEASURE_LABELS, timeline_detail, timeline_label
from ui.text import NO_VALUE, _, date


def _progress_chart(hid: int) -> None:
    points = activity.progress_series(engine(), current_user(), hid)
    if not points:
        st.caption(
            _("No savings, credit score or debt figures yet. Add a value when you record a milestone.")
        )
        return
    frame = pd.DataFrame(
        {
            "date": [p["on"].isoformat() for p in points],
            "measure": [_(MEASURE_LABELS[p["measure"]]) for p in points],
            "value": [p["value"] for p in points],
        }
    )
    # Imported when the Timeline tab is drawn (only the tab in view is): altair takes a third of a second
    # to import, which every first opening of a client file used to pay.
    import altair as alt

    from ui import chart_theme  # noqa: F401  (whole axis and legend labels)

    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=_("Date")),
            y=alt.Y("value:Q", title=None),
            color=alt.Color("measure:N", title=None),
            tooltip=[alt.Tooltip("measure:N", title=_("Measure")), alt.Tooltip("value:Q", title=_("Value"))],
        )
        .properties(height=140)
        .facet(row=alt.Row("measure:N", title=None))
        .resolve_scale(y="independent")
    )
    st.altair_chart(chart, width="stretch")


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
