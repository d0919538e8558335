"""Altair theme and reader's-language settings for every chart Camino draws on a page.

Whole labels, never "Comida del super…": Vega cuts axis and legend labels at a pixel width (Streamlit's
own chart theme at 100 px); a label limit of 0 means no limit. Imported by the modules that build charts;
enabling is idempotent.

Dates and numbers in the reader's language: Vega formats them with d3's en-US locale unless the spec
carries `config.locale` (Vega-Lite 6, which Streamlit bundles, passes it on; Streamlit merges its theme
beneath the chart's config, so it stays). `localize` adds that locale, built from Babel's CLDR data, and a
date-axis format in the language's own order ("7 dic", not "Mon 07"). The theme cannot carry it: a theme
is enabled for the whole process, and each session has its own language.
"""

from __future__ import annotations

import re
from functools import cache

import altair as alt
from babel import Locale
from babel.dates import get_day_names, get_month_names, get_period_names
from babel.numbers import get_currency_symbol, get_decimal_symbol, get_group_symbol

import i18n
from ui import text

NAME = "camino"
WHOLE_LABELS = {
    "axis": {"labelLimit": 0, "titleLimit": 0},
    "legend": {"labelLimit": 0, "titleLimit": 0, "symbolLimit": 0},
    "header": {"labelLimit": 0, "titleLimit": 0},
}


@alt.theme.register(NAME, enable=True)
def camino() -> alt.theme.ThemeConfig:
    return {"config": WHOLE_LABELS}


# CLDR date-pattern letters (by run length) as d3-time-format directives; "%-d" is a day without padding.
_D3 = {
    "d": "%-d",
    "dd": "%d",
    "M": "%-m",
    "MM": "%m",
    "MMM": "%b",
    "MMMM": "%B",
    "L": "%-m",
    "LL": "%m",
    "LLL": "%b",
    "LLLL": "%B",
    "y": "%Y",
    "yy": "%y",
    "yyyy": "%Y",
    "E": "%a",
    "EE": "%a",
    "EEE": "%a",
    "EEEE": "%A",
    "H": "%-H",
    "HH": "%H",
    "h": "%-I",
    "hh": "%I",
    "m": "%-M",
    "mm": "%M",
    "s": "%-S",
    "ss": "%S",
    "a": "%p",
}
_TOKEN = re.compile(r"'((?:[^']|'')*)'|([A-Za-z])\2*|([^'A-Za-z]+)")


def d3_time_format(pattern: str) -> str:
    """A CLDR date pattern ("d 'de' MMM y") as a d3-time-format specifier ("%-d de %b %Y")."""
    out = []
    for match in _TOKEN.finditer(pattern):
        quoted, letter, other = match.group(1), match.group(2), match.group(3)
        if letter:
            out.append(_D3.get(match.group(0), ""))  # zones and eras: not shown on a chart
        else:
            literal = (quoted.replace("''", "'") if quoted is not None else other) or "'"
            out.append(literal.replace("%", "%%"))
    return "".join(out).strip()


def _sunday_first(names) -> list[str]:
    """Babel numbers weekdays from Monday (0); d3 wants Sunday first."""
    return [names[(i + 6) % 7] for i in range(7)]


@cache
def locale_config(language: str) -> dict:
    """Vega's `config.locale` for a language: d3 number and time locales from Babel's data."""
    code = i18n.locale_of(language)
    data = Locale.parse(code)
    money = data.currency_formats["standard"]
    symbol = get_currency_symbol("USD", locale=code)
    currency = [symbol, ""] if money.prefix[0].startswith("¤") else ["", money.suffix[0].replace("¤", symbol)]
    primary, secondary = data.decimal_formats[None].grouping
    periods = get_period_names(locale=code)
    day = d3_time_format(data.date_formats["short"].pattern)
    time = d3_time_format(data.time_formats["short"].pattern)
    return {
        "number": {
            "decimal": get_decimal_symbol(code),
            "thousands": get_group_symbol(code),
            "grouping": [primary] if primary == secondary else [primary, secondary],
            "currency": currency,
        },
        "time": {
            "dateTime": str(data.datetime_formats["short"]).format(time, day),
            "date": day,
            "time": time,
            "periods": [periods["am"], periods["pm"]],
            "days": _sunday_first(get_day_names("wide", locale=code)),
            "shortDays": _sunday_first(get_day_names("abbreviated", locale=code)),
            "months": [get_month_names("wide", locale=code)[m] for m in range(1, 13)],
            "shortMonths": [get_month_names("abbreviated", locale=code)[m] for m in range(1, 13)],
        },
    }


@cache
def date_axis_format(language: str) -> dict:
    """Vega's multi-format for date axes, a tick's unit to its format, in the language's own order."""
    data = Locale.parse(i18n.locale_of(language))
    day = d3_time_format(data.datetime_skeletons["MMMd"].pattern)  # "7 dic" / "Dec 7"
    hour = d3_time_format(data.time_formats["short"].pattern)
    return {
        "year": "%Y",
        "quarter": d3_time_format(data.datetime_skeletons["yMMM"].pattern),
        "month": "%B",
        "week": day,
        "date": day,
        "hours": hour,
        "minutes": hour,
        "seconds": ":%S",
        "milliseconds": ".%L",
    }


@cache
def date_format(language: str) -> str:
    """A whole date as a tooltip shows it, like the app's medium dates: "7 dic 2026" / "Dec 7, 2026"."""
    return d3_time_format(Locale.parse(i18n.locale_of(language)).date_formats["medium"].pattern)


def chart_config(language: str) -> dict:
    """The config every chart gets in a language: its locale, its date-axis and its date format."""
    return {
        "locale": locale_config(language),
        "axisTemporal": {"format": date_axis_format(language)},
        "timeFormat": date_format(language),
    }


def localize(chart):
    """The chart with dates and numbers written the reader's way (the language of this session)."""
    return chart.configure(**chart_config(text.lang()))


def field(name: str) -> str:
    """A column name as a Vega-Lite field: dots, brackets and quotes would otherwise read as a path."""
    return re.sub(r"([.\[\]\\'\"])", r"\\\1", name)


def cents(value) -> float:
    """Money as the chart's data shows it: rounded to the cent, never 11435.7325."""
    return round(float(value), 2)
