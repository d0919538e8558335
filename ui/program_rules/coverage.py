"""The Program rules page's roll-over panel: figures with no row on a date, and rows ending soon."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculators.rules.coverage import HORIZON_DAYS, coverage
from db.local_time import today_local
from ui.program_rules.labels import file_name, table_name
from ui.text import NO_VALUE, _, date
from ui.widget_text import date_format


def coverage_panel() -> None:
    """'No figure for 2027' and 'ends soon' lists for a date the lead picks (today by default)."""
    st.subheader(_("Figures that run out"))
    day = st.date_input(
        _("Check the figures for this date"), value=today_local(), key="rules_cov_on", format=date_format()
    )
    result = coverage(day)
    if result.missing:
        st.error(
            _(
                "No figure for {date} in {n} tables. Until someone adds one, the calculators show it as unknown."
            ).format(date=date(day), n=len(result.missing)),
            icon=":material/event_busy:",
        )
        st.dataframe(
            pd.DataFrame(
                {
                    _("Rule file"): [file_name(g.file) for g in result.missing],
                    _("Table"): [table_name(g.table) for g in result.missing],
                    _("Which figure"): [g.key for g in result.missing],
                    _("Last row ended"): [date(g.last_ended) if g.last_ended else "" for g in result.missing],
                }
            ),
            hide_index=True,
            placeholder=NO_VALUE,
        )
    else:
        st.success(_("Every table has a figure on {date}.").format(date=date(day)))
    if result.ending:
        st.warning(
            _("{n} figures end soon (within {days} days) and nothing follows them yet.").format(
                n=len(result.ending), days=HORIZON_DAYS
            ),
            icon=":material/schedule:",
        )
        st.dataframe(
            pd.DataFrame(
                {
                    _("Rule file"): [file_name(e.file) for e in result.ending],
                    _("Table"): [table_name(e.table) for e in result.ending],
                    _("Which figure"): [e.key for e in result.ending],
                    _("Ends on"): [date(e.ends) for e in result.ending],
                }
            ),
            hide_index=True,
            placeholder=NO_VALUE,
        )
