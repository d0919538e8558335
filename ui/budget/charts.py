"""Altair charts for the budget coach: where the money goes, cash flow by week, debt balances over time."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pyarrow as pa
import streamlit as st

from ui.chart_theme import cents, field, localize  # (also enables whole axis and legend labels)
from ui.text import _, lang


def where_money_goes(rows: list[dict]) -> alt.Chart:
    """Horizontal bars, largest first. rows: {category (translated), amount}."""
    category, amount = _("Category"), _("Dollars a month")
    data = pd.DataFrame([{category: r["category"], amount: cents(r["amount"])} for r in rows])
    return localize(
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(field=field(amount), type="quantitative", title=amount),
            y=alt.Y(field=field(category), type="nominal", title=None, sort="-x"),
            tooltip=[
                alt.Tooltip(field=field(category), type="nominal", title=category),
                alt.Tooltip(field=field(amount), type="quantitative", title=_("Monthly"), format="$,.2f"),
            ],
        )
    )


def cash_flow_weeks(weeks: list[dict]) -> alt.Chart:
    """Bars of money in and out per week, and the balance at each week's end (red when below zero)."""
    label_in, label_out = _("Money in"), _("Money out")
    week, kind, amount, balance = _("Week"), _("Money in or out"), _("Dollars"), _("Balance at week's end")
    rows = []
    for w in weeks:
        name = _("Week {n}").format(n=w["week"])
        rows.append({week: name, kind: label_in, amount: cents(w["money_in"])})
        rows.append({week: name, kind: label_out, amount: cents(-w["money_out"])})
    data = pd.DataFrame(rows)
    x = alt.X(field=field(week), type="nominal", sort=None)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(field=field(week), type="nominal", title=week, sort=None),
            y=alt.Y(field=field(amount), type="quantitative", title=amount),
            color=alt.Color(
                field=field(kind), type="nominal", title=None, scale=alt.Scale(range=["#2e7d32", "#f9a825"])
            ),
            xOffset=alt.XOffset(field=field(kind), type="nominal"),
            tooltip=[
                alt.Tooltip(field=field(kind), type="nominal", title=" "),
                alt.Tooltip(field=field(amount), type="quantitative", title=amount, format="$,.2f"),
            ],
        )
    )
    ends = [{week: _("Week {n}").format(n=w["week"]), balance: cents(w["balance"])} for w in weeks]
    y = alt.Y(field=field(balance), type="quantitative")
    points = (
        alt.Chart(pd.DataFrame(ends))
        .mark_line(point=alt.OverlayMarkDef(size=80), color="#37474f")
        .encode(
            x=x,
            y=y,
            tooltip=[alt.Tooltip(field=field(balance), type="quantitative", title=balance, format="$,.2f")],
        )
    )
    short = [row for row, w in zip(ends, weeks, strict=True) if w["short"]]
    danger = (
        alt.Chart(pd.DataFrame(short, columns=[week, balance]))
        .mark_point(size=160, color="#c62828", filled=True)
        .encode(x=x, y=y)
    )
    return localize(bars + points + danger)


def debt_balances(schedules: dict[str, list[dict]]) -> alt.Chart:
    """Total balance month by month for each method. schedules: {method label: schedule rows}."""
    method, month, owed = _("Method"), _("Month"), _("Total still owed")
    rows = []
    for label, schedule in schedules.items():
        rows += [{method: label, month: r["month"], owed: cents(r["total_balance"])} for r in schedule]
    data = pd.DataFrame(rows)
    return localize(
        alt.Chart(data)
        .mark_line()
        .encode(
            x=alt.X(field=field(month), type="quantitative", title=_("Months from now")),
            y=alt.Y(field=field(owed), type="quantitative", title=owed),
            color=alt.Color(field=field(method), type="nominal", title=method),
            tooltip=[
                alt.Tooltip(field=field(method), type="nominal", title=method),
                alt.Tooltip(field=field(month), type="quantitative", title=month),
                alt.Tooltip(field=field(owed), type="quantitative", title=_("Owed"), format="$,.2f"),
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
