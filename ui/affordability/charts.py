"""Altair charts for the affordability page: monthly cost by part, balance and equity, rent vs buy."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import streamlit as st

from calculators.mortgage import amortization
from ui import chart_theme  # noqa: F401  (whole axis and legend labels)
from ui.text import _, lang


def monthly_parts(rows: list[dict]) -> alt.Chart:
    """Stacked bars: one bar per scenario, one colour per part of the monthly cost.

    rows: {scenario, part, amount} with translated labels.
    """
    data = pd.DataFrame(rows)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("scenario:N", title=None, sort=None),
            y=alt.Y("amount:Q", title=_("Monthly cost ($)"), stack="zero"),
            color=alt.Color("part:N", title=_("Part"), sort=None),
            tooltip=[
                alt.Tooltip("scenario:N", title=_("Loan")),
                alt.Tooltip("part:N", title=_("Part")),
                alt.Tooltip("amount:Q", title=_("Monthly"), format="$,.2f"),
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
    long = data.melt(
        id_vars=["scenario", "year"], value_vars=["balance", "equity"], var_name="kind", value_name="amount"
    )
    long["kind"] = long["kind"].map({"balance": owed, "equity": owned})
    return (
        alt.Chart(long)
        .mark_line()
        .encode(
            x=alt.X("year:Q", title=_("Year")),
            y=alt.Y("amount:Q", title=_("Dollars")),
            color=alt.Color("scenario:N", title=_("Loan")),
            strokeDash=alt.StrokeDash("kind:N", title=None),
            tooltip=[
                alt.Tooltip("scenario:N", title=_("Loan")),
                alt.Tooltip("year:Q", title=_("Year")),
                alt.Tooltip("amount:Q", title=_("Dollars"), format="$,.0f"),
            ],
        )
    )


def rent_vs_buy(rows: list[dict]) -> alt.Chart:
    """Two lines: the net cost of renting and of buying after each year."""
    rent, buy = _("Renting"), _("Buying")
    data = pd.DataFrame(
        [{"year": r["year"], "choice": rent, "cost": r["rent_cost"]} for r in rows]
        + [{"year": r["year"], "choice": buy, "cost": r["own_cost"]} for r in rows]
    )
    return (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", title=_("Years from now"), axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("cost:Q", title=_("Net cost so far ($)")),
            color=alt.Color("choice:N", title=None),
            tooltip=[
                alt.Tooltip("choice:N", title=" "),
                alt.Tooltip("year:Q", title=_("Year")),
                alt.Tooltip("cost:Q", title=_("Net cost so far ($)"), format="$,.0f"),
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
