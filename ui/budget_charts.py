"""Altair charts for the budget coach: where the money goes, cash flow by week, debt balances over time."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pyarrow as pa
import streamlit as st

from ui import chart_theme  # noqa: F401  (whole axis and legend labels)
from ui.text import _, lang


def where_money_goes(rows: list[dict]) -> alt.Chart:
    """Horizontal bars, largest first. rows: {category (translated), amount}."""
    data = pd.DataFrame(rows)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("amount:Q", title=_("Dollars a month")),
            y=alt.Y("category:N", title=None, sort="-x"),
            tooltip=[
                alt.Tooltip("category:N", title=_("Category")),
                alt.Tooltip("amount:Q", title=_("Monthly"), format="$,.2f"),
            ],
        )
    )


def cash_flow_weeks(weeks: list[dict]) -> alt.Chart:
    """Bars of money in and out per week, and the balance at each week's end (red when below zero)."""
    label_in, label_out, week_label = _("Money in"), _("Money out"), _("Week")
    rows = []
    for w in weeks:
        name = _("Week {n}").format(n=w["week"])
        rows.append({"week": name, "kind": label_in, "amount": w["money_in"], "balance": w["balance"]})
        rows.append({"week": name, "kind": label_out, "amount": -w["money_out"], "balance": w["balance"]})
    data = pd.DataFrame(rows)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("week:N", title=week_label, sort=None),
            y=alt.Y("amount:Q", title=_("Dollars")),
            color=alt.Color("kind:N", title=None, scale=alt.Scale(range=["#2e7d32", "#f9a825"])),
            xOffset=alt.XOffset("kind:N"),
            tooltip=[alt.Tooltip("kind:N", title=" "), alt.Tooltip("amount:Q", format="$,.2f")],
        )
    )
    balance = pd.DataFrame(
        [
            {"week": _("Week {n}").format(n=w["week"]), "balance": w["balance"], "short": w["short"]}
            for w in weeks
        ]
    )
    points = (
        alt.Chart(balance)
        .mark_line(point=alt.OverlayMarkDef(size=80), color="#37474f")
        .encode(
            x=alt.X("week:N", sort=None),
            y=alt.Y("balance:Q"),
            tooltip=[alt.Tooltip("balance:Q", title=_("Balance at week's end"), format="$,.2f")],
        )
    )
    danger = (
        alt.Chart(balance[balance["short"]])
        .mark_point(size=160, color="#c62828", filled=True)
        .encode(x=alt.X("week:N", sort=None), y=alt.Y("balance:Q"))
    )
    return bars + points + danger


def debt_balances(schedules: dict[str, list[dict]]) -> alt.Chart:
    """Total balance month by month for each method. schedules: {method label: schedule rows}."""
    rows = []
    for label, schedule in schedules.items():
        rows += [{"method": label, "month": r["month"], "balance": r["total_balance"]} for r in schedule]
    data = pd.DataFrame(rows)
    return (
        alt.Chart(data)
        .mark_line()
        .encode(
            x=alt.X("month:Q", title=_("Months from now")),
            y=alt.Y("balance:Q", title=_("Total still owed")),
            color=alt.Color("method:N", title=_("Method")),
            tooltip=[
                alt.Tooltip("method:N", title=_("Method")),
                alt.Tooltip("month:Q", title=_("Month")),
                alt.Tooltip("balance:Q", title=_("Owed"), format="$,.2f"),
            ],
        )
    )


BUILDERS = {"where": where_money_goes, "cash": cash_flow_weeks, "debt": debt_balances}


@st.cache_data(show_spinner=False, max_entries=64)
def _spec(kind: str, payload: str, language: str) -> dict:
    """The Vega-Lite spec of one chart, its datasets already in Arrow; cached, as building it costs far more than the math.

    st.vega_lite_chart turns every dataset into Arrow on every run unless it is bytes already: doing it here,
    once per data and language, keeps an open tab's rerun light.
    """
    spec = BUILDERS[kind](json.loads(payload)).to_dict()
    spec["datasets"] = {name: arrow_bytes(rows) for name, rows in spec.get("datasets", {}).items()}
    return spec


def arrow_bytes(rows: list[dict]) -> bytes:
    """One dataset as an Arrow IPC stream, with pyarrow's public API (the same bytes Streamlit would make)."""
    table = pa.Table.from_pandas(pd.DataFrame(rows))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def show(kind: str, data) -> None:
    """Draw chart `kind` ('where', 'cash', 'debt') for JSON-able `data`, rebuilt only when data or language change."""
    st.vega_lite_chart(_spec(kind, json.dumps(data, sort_keys=True), lang()), width="stretch")
