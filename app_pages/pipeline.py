"""Pipeline and outcomes: funnel, time in stage, stuck files, outcomes, caseloads, and who is behind a number."""

from ui.auth import CLIENT_ROLES, require_role

user = require_role(*CLIENT_ROLES)

import streamlit as st  # noqa: E402

from db.local_time import today_local  # noqa: E402
from db.pipeline import DIMENSIONS  # noqa: E402
from ui.dashboard import data  # noqa: E402
from ui.dashboard import pipeline as view  # noqa: E402
from ui.text import NO_VALUE, _  # noqa: E402

today = today_local()
st.title(_("Pipeline and outcomes") if user["role"] != "counselor" else _("My caseload"))
st.caption(view.scope_caption(user))
chosen = view.filters(user, today)
figures = data.dashboard(user, chosen, today)
view.headline(figures)

st.subheader(_("Pipeline"))
# The table under the chart, full width: beside it, its conversion and days-in-stage columns were
# scrolled out of sight.
picked = st.vega_lite_chart(view.funnel_spec(figures), width="stretch", on_select="rerun", key="pipe_funnel")
view.pick_from_chart(picked)
st.dataframe(view.funnel_table(figures), hide_index=True, width="stretch", placeholder=NO_VALUE)

# The three views below the funnel share one place, and only the tab in view is built (on_change="rerun"
# makes the tabs report which one is open): a visit mounts one data grid instead of three.
by_group, assets, caseloads = st.tabs([_(t) for t in view.VIEWS], key=view.VIEW_KEY, on_change="rerun")
if by_group.open is not False:  # None would mean no tab state: then every tab is drawn
    with by_group:
        by = st.segmented_control(
            _("Group by"),
            [d for d in DIMENSIONS if not (d == "office" and len(data.offices(user)) < 2)],
            format_func=lambda d: _(view.DIMENSION_LABELS[d]),
            default="quarter",
            key="pipe_by",
        )
        chart = view.breakdown_spec(data.breakdown(user, chosen, by or "quarter"), by or "quarter")
        if chart is None:
            st.info(_("No households match these filters."))
        else:
            st.vega_lite_chart(chart, width="stretch")
if assets.open is not False:
    with assets:
        st.dataframe(
            view.assets_table(figures["outcomes"]), hide_index=True, width="stretch", placeholder=NO_VALUE
        )
if caseloads.open is not False:
    with caseloads:
        st.dataframe(
            view.caseload_table(figures["caseloads"]), hide_index=True, width="stretch", placeholder=NO_VALUE
        )

st.subheader(_("Who is behind a number"))
view.click_through(user, figures, chosen, today)
