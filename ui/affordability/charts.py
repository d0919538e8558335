"""Altair charts for the affordability page: monthly cost by part, balance and equity, rent vs buy."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import streamlit as st

from calculators.mortgage import amortization
from ui.chart_theme import cents, field, localize  # (also enables whole axis and legend labels)
from ui.text import _, lang


def monthly_parts(rows: list[dict]) -> alt.Chart:
    """Stacked bars: one bar per scenario, one colour per part of the monthly cost.

    rows: {scenario, part, amount} with translated labels.
    """
    loan, part, amount = _("Loan"), _("Part"), _("Monthly cost ($)")
    data = pd.DataFrame([{loan: r["scenario"], part: r["part"], amount: cents(r["amount"])} for r in rows])
    return localize(
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(field=field(loan), type="nominal", title=None, sort=None),
            y=alt.Y(field=field(amount), type="quantitative", title=amount, stack="zero"),
            color=alt.Color(field=field(part), type="nominal", title=part, sort=None),
            tooltip=[
                alt.Tooltip(field=field(loan), type="nominal", title=loan),
                alt.Tooltip(field=field(part), type="nominal", title=part),
                alt.Tooltip(field=field(amount), type="quantitative", title=_("Monthly"), format="$,.2f"),
            ],
        )
    )


def yearly_balance(label: str, price: float, loan: float, rate: float, years: float) -> pd.DataFrame:
    """Loan balance and equity (price minus balance, no appreciation) at the end of each year."""
    schedule = amortization(loan, rate, years)
    ends = schedule[schedule["month"] % 12 == 0]
    rows = [{"scenario": label, "year": 0, "balance": loan, "equity": price - loan}]
    rows += [
        {"scenario": label, "year": int(m // 12), "balance": b, "equity": price - b}
        for m, b in zip(ends["month"], ends["balance"], strict=True)
    ]
    return pd.DataFrame(rows)


def balance_equity(frames: list[pd.DataFrame]) -> alt.Chart:
    """Lines over the years: what is still owed and what the family owns, for each scenario."""
    data = pd.concat(frames, ignore_index=True)
    owed, owned = _("Still owed"), _("Equity (what you own)")
    loan, year, kind, amount = _("Loan"), _("Year"), _("Kind"), _("Dollars")
    long = data.melt(
        id_vars=["scenario", "year"], value_vars=["balance", "equity"], var_name="kind", value_name="amount"
    )
    long = pd.DataFrame(
        {
            loan: long["scenario"],
            year: long["year"],
            kind: long["kind"].map({"balance": owed, "equity": owned}),
            amount: long["amount"].astype(float).round(2),
        }
    )
    return localize(
        alt.Chart(long)
        .mark_line()
        .encode(
            x=alt.X(field=field(year), type="quantitative", title=year),
            y=alt.Y(field=field(amount), type="quantitative", title=amount),
            color=alt.Color(field=field(loan), type="nominal", title=loan),
            strokeDash=alt.StrokeDash(field=field(kind), type="nominal", title=None),
            tooltip=[
                alt.Tooltip(field=field(loan), type="nominal", title=loan),
                alt.Tooltip(field=field(year), type="quantitative", title=year),
                alt.Tooltip(field=field(amount), type="quantitative", title=amount, format="$,.0f"),
            ],
        )
    )


def rent_vs_buy(rows: list[dict]) -> alt.Chart:
    """Two lines: the net cost of renting and of buying after each year."""
    rent, buy = _("Renting"), _("Buying")
    year, choice, cost = _("Year"), _("Rent or buy"), _("Net cost so far ($)")
    data = pd.DataFrame(
        [{year: r["year"], choice: rent, cost: cents(r["rent_cost"])} for r in rows]
        + [{year: r["year"], choice: buy, cost: cents(r["own_cost"])} for r in rows]
    )
    return localize(
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                field=field(year),
                type="quantitative",
                title=_("Years from now"),
                axis=alt.Axis(tickMinStep=1),
            ),
            y=alt.Y(field=field(cost), type="quantitative", title=cost),
            color=alt.Color(field=field(choice), type="nominal", title=None),
            tooltip=[
                alt.Tooltip(field=field(choice), type="nominal", title=" "),
                alt.Tooltip(field=field(year), type="quantitative", title=year),
                alt.Tooltip(field=field(cost), type="quantitative", title=cost, format="$,.0f"),
            ],
        )
    )


@st.cache_data(show_spinner=False, max_entries=64)
def chart_spec(kind: str, payload: str, language: str) -> dict:
    """A chart's Vega-Lite spec, built (and validated by Altair against the schema) once per data and language.

    The payload is the chart's whole input (amounts and translated labels, nothing about who), so a rerun
    that changes nothing the chart shows reuses the spec: validating it cost about 9 ms on every run.
    """
    rows = json.loads(payload)
    if kind == "parts":
        chart = monthly_parts(rows)
    elif kind == "balance":
        chart = balance_equity([pd.DataFrame(rows)])
    else:
        chart = rent_vs_buy(rows)
    return chart.to_dict()


def show(where, kind: str, rows: list[dict]) -> None:
    """Draw chart `kind` ('parts', 'balance', 'rent') of JSON-able `rows` in `where` (st or a container)."""
    payload = json.dumps(rows, default=float, sort_keys=True)
    where.vega_lite_chart(chart_spec(kind, payload, lang()), width="stretch")
