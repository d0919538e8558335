"""On-screen charts speak the reader's language: Vega's date and number locale, the data's column names
(what Streamlit's "Show data" table shows), no internal codes, money to the cent. Same marks as before."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
import streamlit as st
import vl_convert as vlc

from ui import chart_theme
from ui.affordability import charts as afford
from ui.budget import charts as budget
from ui.dashboard import pipeline
from ui.households.client_file import timeline

WEEKS = [
    {"week": 1, "money_in": 950.0, "money_out": 1750.0, "balance": -800.0, "short": True},
    {"week": 2, "money_in": 1550.0, "money_out": 180.0, "balance": 570.0, "short": False},
]
STAGES = ["intake", "budget", "education", "mortgage_ready", "pre_approved", "under_contract", "purchased"]
FUNNEL = {"funnel": [{"stage": s, "reached": 9 - i} for i, s in enumerate(STAGES)]}
BREAKDOWN = [
    {"group": (2026, q), "label": None, "stage": s, "households": 1 + i}
    for q in (1, 2)
    for i, s in enumerate(("intake", "mortgage_ready", "purchased"))
]
POINTS = [
    {"on": dt.date(2026, 12, day), "measure": measure, "value": value}
    for day, measure, value in [(1, "savings", 100.5), (5, "savings", 300), (7, "credit_score", 640)]
    + [(9, "credit_score", 660), (14, "debt", 11435.7325)]
]
BALANCES = [
    {"scenario": "FHA", "year": y, "balance": 200000 - y * 5000.3333, "equity": 50000 + y * 5000.3333}
    for y in range(4)
]
CHARTS = {
    "where": lambda: budget.where_money_goes([{"category": "Groceries", "amount": 600.456}]),
    "cash": lambda: budget.cash_flow_weeks(WEEKS),
    "debt": lambda: budget.debt_balances({"Snowball": [{"month": 1, "total_balance": 11435.7325}]}),
    "funnel": lambda: pipeline.funnel_chart(FUNNEL),
    "breakdown": lambda: pipeline.breakdown_chart(BREAKDOWN, "quarter"),
    "parts": lambda: afford.monthly_parts([{"scenario": "FHA", "part": "Tax", "amount": 200.127}]),
    "balance": lambda: afford.balance_equity([pd.DataFrame(BALANCES)]),
    "rent": lambda: afford.rent_vs_buy([{"year": 1, "rent_cost": 1000.333, "own_cost": 1500.0}]),
    "timeline": lambda: timeline.progress_chart(POINTS),
}
# The column names the reader sees under "Show data", in each language.
COLUMNS = {
    "en": {
        "where": {"Category", "Dollars a month"},
        "cash": {"Week", "Money in or out", "Dollars", "Balance at week's end"},
        "debt": {"Method", "Month", "Total still owed"},
        "funnel": {"Stage", "Reached this stage"},
        "breakdown": {"Intake quarter", "Stage", "Households"},
        "parts": {"Loan", "Part", "Monthly cost ($)"},
        "balance": {"Loan", "Year", "Kind", "Dollars"},
        "rent": {"Year", "Rent or buy", "Net cost so far ($)"},
        "timeline": {"Date", "Measure", "Value"},
    },
    "es": {
        "where": {"Categoría", "Dólares al mes"},
        "cash": {"Semana", "Dinero que entra o sale", "Dólares", "Saldo al final de la semana"},
        "debt": {"Método", "Mes", "Total que todavía debe"},
        "funnel": {"Etapa", "Llegaron a esta etapa"},
        "breakdown": {"Trimestre de entrada", "Etapa", "Hogares"},
        "parts": {"Préstamo", "Parte", "Costo mensual ($)"},
        "balance": {"Préstamo", "Año", "Tipo", "Dólares"},
        "rent": {"Año", "Alquilar o comprar", "Costo neto hasta ese año ($)"},
        "timeline": {"Fecha", "Medida", "Valor"},
    },
}
CODE = re.compile(r"^[a-z]+(_[a-z]+)+$")  # mortgage_ready, credit_score, total_balance


@pytest.fixture
def language():
    """Set the session's language for the builders (bare mode keeps one Session State)."""

    def use(lang: str) -> str:
        st.session_state["lang"] = lang
        return lang

    yield use
    st.session_state["lang"] = "en"


def rows_of(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def test_spanish_locale_comes_from_babel():
    time = chart_theme.locale_config("es")["time"]
    assert time["months"][11] == "diciembre" and time["shortMonths"][11] == "dic"
    assert time["days"][0] == "domingo" and time["shortDays"][1] == "lun"  # Sunday first, as d3 wants
    assert time["periods"] == ["a.m.", "p.m."]
    assert chart_theme.locale_config("en")["time"]["shortMonths"][11] == "Dec"
    number = chart_theme.locale_config("es")["number"]
    assert number["decimal"] == "." and number["thousands"] == "," and number["currency"] == ["$", ""]
    assert chart_theme.date_axis_format("es")["date"] == "%-d %b"
    assert chart_theme.date_axis_format("en")["date"] == "%b %-d"
    assert chart_theme.date_format("es") == "%-d %b %Y"


@pytest.mark.parametrize(
    ("pattern", "d3"),
    [
        ("d 'de' MMMM 'de' y", "%-d de %B de %Y"),
        ("MMM d, y", "%b %-d, %Y"),
        ("'o''clock' h a", "o'clock %-I %p"),
    ],
)
def test_cldr_patterns_become_d3_formats(pattern, d3):
    assert chart_theme.d3_time_format(pattern) == d3


def test_a_column_name_with_a_dot_or_quote_is_a_field_not_a_path():
    assert chart_theme.field("Saldo al final de la sem. ['x']") == "Saldo al final de la sem\\. \\[\\'x\\'\\]"


@pytest.mark.parametrize("kind", sorted(CHARTS))
@pytest.mark.parametrize("lang", ["en", "es"])
def test_chart_data_is_in_the_readers_words(language, lang, kind):
    language(lang)
    spec = CHARTS[kind]().to_dict()
    assert spec["config"]["locale"] == chart_theme.locale_config(lang)
    assert spec["config"]["axisTemporal"]["format"] == chart_theme.date_axis_format(lang)
    rows = rows_of(spec)
    assert rows
    assert {name for row in rows for name in row} == COLUMNS[lang][kind]
    values = [v for row in rows for v in row.values()]
    assert not [v for v in values if isinstance(v, str) and CODE.match(v)]
    assert all(round(v, 2) == v for v in values if isinstance(v, float))


def svg_texts(spec: dict) -> list[str]:
    svg = vlc.vegalite_to_svg(spec)
    return [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg) if t.strip()]


def test_timeline_dates_read_in_spanish(language):
    language("es")
    texts = svg_texts(timeline.progress_chart(POINTS).to_dict())
    assert "7 dic" in texts and "diciembre" in texts
    assert not [t for t in texts if re.match(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Dec) ", t)]
    language("en")
    assert "Dec 7" in svg_texts(timeline.progress_chart(POINTS).to_dict())


def bar_bottoms(svg: str) -> dict[str, float]:
    """The lowest edge of each colour's bars (a stacked bar's first part sits lowest)."""
    found: dict[str, float] = {}
    for top, height, fill in re.findall(r'd="M[\d.]+,([\d.]+)h[\d.]+v([\d.]+)h-[\d.]+Z" fill="(#\w+)"', svg):
        found[fill] = max(found.get(fill, 0.0), float(top) + float(height))
    return found


@pytest.mark.parametrize("lang", ["en", "es"])
def test_stacks_keep_the_pipeline_order(language, lang):
    """Without the old helper column, the chart still stacks intake at the bottom and purchases on top."""
    language(lang)
    bottoms = bar_bottoms(vlc.vegalite_to_svg(pipeline.breakdown_chart(BREAKDOWN, "quarter").to_dict()))
    intake, ready, purchased = "#4c78a8", "#f58518", "#e45756"  # the first three colours, stage order
    assert bottoms[intake] > bottoms[ready] > bottoms[purchased]


@pytest.mark.parametrize(
    ("lang", "point", "stage"),
    [
        ("es", {"Etapa": "Educación para compradores"}, "education"),
        ("en", {"Stage": "Mortgage-ready"}, "mortgage_ready"),
        ("es", {"Stage": "Mortgage-ready"}, None),  # a click from before the language changed
    ],
)
def test_a_click_names_the_stage_in_either_language(language, lang, point, stage):
    from types import SimpleNamespace

    language(lang)
    assert pipeline.picked_stage(SimpleNamespace(selection={pipeline.PICK: [point]})) == stage
