"""What Streamlit's own widgets would get wrong for a family: date order by locale; the built-in
hints Streamlit does not translate (the file uploader's size line and button, "Press Enter to
apply", the running indicator's "Stop"), hidden so the page's own translated words stand alone;
the drop-down list's own words ("No results", a multiselect's "Select all" and "Select 3
matches"), an empty date box's "yyyy" and the calendar that opens from it (month names, month list,
weekday initials), drawn over with ours in Spanish; and labels cut with "…" (metric, checkbox,
widget and button labels wrap instead).

Streamlit (1.67) has no setting for the language of these words. The list's empty state, bulk
choices and date parts are found through react-aria's documented `data-empty`, `data-key`,
`data-type` and `data-placeholder` attributes; the calendar's parts as `calendar_rules` says.
What is left in English: README, "Known limits"."""

from __future__ import annotations

from functools import cache

import streamlit as st
from babel.dates import get_day_names, get_month_names

import i18n
from ui.text import _, lang

# Fixed style sheets (never anything typed by a user). The file uploader keeps its icon and the
# page's translated label; the size limit is said in a caption next to it.
WIDGET_STYLE = """<style>
/* A checkbox's label element only, not all it holds: its box and a toggle's track have a fixed height. */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,
[data-testid="stWidgetLabel"], [data-testid="stWidgetLabel"] *,
[data-testid="stCheckbox"] label,
[data-testid^="stBaseButton"] [data-testid="stMarkdownContainer"],
[data-testid^="stBaseButton"] [data-testid="stMarkdownContainer"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: break-word !important; height: auto !important;
}
/* The filters behind "Filters" (ui.filter_menu): wide enough for a quarter and its dates in Spanish. */
[data-testid="stPopoverBody"] {min-width: min(34rem, 90vw) !important;}
[data-testid="stFileUploaderDropzoneInstructions"] {display: none !important;}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {display: none !important;}
</style>"""
SPANISH_STYLE = """<style>
[data-testid="InputInstructions"] {display: none !important;}
[data-testid="stStatusWidget"] button {display: none !important;}
[role="listbox"][data-empty] > [role="option"] > span {font-size: 0 !important;}
[role="listbox"][data-empty] > [role="option"] > span::after {content: %(no_results)s; font-size: 0.875rem;}
[role="option"][data-key^="__select_"] > * {font-size: 0 !important;}
[role="option"][data-key^="__select_"] > *::after {font-size: 0.875rem;}
[role="option"][data-key="__select_all__"] > *::after {content: %(select_all)s;}
[role="option"][data-key="__select_matches__"] > *::after {content: %(select_matches)s;}
[data-testid="stDateInputField"] [data-type="year"][data-placeholder="true"] {font-size: 0 !important;}
[data-testid="stDateInputField"] [data-type="year"][data-placeholder="true"]::after {
  content: %(year)s; font-size: 0.875rem;
}
%(calendar)s
</style>"""

# The calendar under a date box. Streamlit draws it in the browser's language (navigator.language),
# not Camino's: a browser in English shows "December", "S M T W T F S" and an English month list.
CALENDAR = '[data-testid="stDateInputCalendar"]'
# The month button sits beside a hidden <select> of months 1-12 (the year's holds years), whose
# shown month is its :checked <option>, in any browser language.
MONTH_BUTTON = (
    CALENDAR + ' header div:has(> [data-testid="hidden-select-container"] option[value="%s"]%s) > button'
)
MONTH_OPTION = '[data-testid="stDateInputHeaderPickerPopover"] [role="option"][data-key="%d"]'
# A table whose first column is the given English weekday: the first week's first day is named
# "Sunday, November 29, 2026" (en-US starts on Sunday, en-GB on Monday). A browser in another
# language names it otherwise and keeps its own initials (Spanish ones in a Spanish browser).
WEEK_STARTS_ON = CALENDAR + ' table:has(> tbody > tr:first-child > td:first-child [aria-label*="%s, "])'
TEXT_SIZE = "0.875rem"  # the calendar's own size for these words

DATE_FORMATS = {"es": "DD/MM/YYYY", "en": "MM/DD/YYYY"}
# A screen reader picks its voice from <html lang>. Streamlit writes "en" and has no setting for it, so a
# Spanish screen was read with English rules. The script changes only when the language does, and the
# browser runs it then.
HTML_LANG_ES = "<script>document.documentElement.lang = 'es';</script>"
HTML_LANG_EN = "<script>document.documentElement.lang = 'en';</script>"


def date_format() -> str:
    """st.date_input's `format` in the reader's order: 05/12/2026 in Spanish, 12/05/2026 in English."""
    return DATE_FORMATS.get(lang(), "YYYY-MM-DD")


def hide_untranslated_hints() -> None:
    """Called once per run by the entry point; styles go in the sidebar so the page gains no gap."""
    st.sidebar.markdown(WIDGET_STYLE, unsafe_allow_html=True)
    if lang() == "es":
        st.sidebar.markdown(spanish_style(), unsafe_allow_html=True)


def mark_page_language() -> None:
    """Called once per run by the entry point, after the sidebar's last item: its gap falls below it."""
    if lang() == "es":
        st.sidebar.html(HTML_LANG_ES, unsafe_allow_javascript=True)
    else:
        st.sidebar.html(HTML_LANG_EN, unsafe_allow_javascript=True)


def _css_string(text: str) -> str:
    """A CSS string literal of our own catalog text (never user text)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def spanish_style() -> str:
    return SPANISH_STYLE % {
        "no_results": _css_string(_("No results")),
        "select_all": _css_string(_("Select all")),
        "select_matches": _css_string(_("Select all that match")),
        # The empty date box reads dd/mm/yyyy: Spanish says año (aaaa).
        "year": _css_string(_("yyyy")),
        "calendar": calendar_rules("es"),
    }


@cache
def calendar_rules(language: str = "es") -> str:
    """CSS rules drawing `language`'s month names and weekday initials (Babel's, es_US) over the calendar's English."""
    locale = i18n.locale_of(language)
    months = get_month_names("wide", "stand-alone", locale)
    initials = get_day_names("narrow", "stand-alone", locale)
    english_days = get_day_names("wide", "format", "en_US")  # Babel numbers days from Monday = 0
    rules = [MONTH_BUTTON % ("12", "") + " {font-size: 0 !important;}"]
    rules += [
        f"{MONTH_BUTTON % (month, ':checked')}::before {{content: {_css_string(name)}; font-size: {TEXT_SIZE};}}"
        for month, name in months.items()
    ]
    rules.append(", ".join(MONTH_OPTION % month for month in months) + " {font-size: 0 !important;}")
    rules += [
        f"{MONTH_OPTION % month}::after {{content: {_css_string(name)}; font-size: {TEXT_SIZE};}}"
        for month, name in months.items()
    ]
    # Each week start sets the seven columns' initials; the columns then draw them.
    for first in range(7):
        columns = "; ".join(
            f"--camino-day-{col + 1}: {_css_string(initials[(first + col) % 7])}" for col in range(7)
        )
        rules.append(f"{WEEK_STARTS_ON % english_days[first]} {{{columns};}}")
    rules.append(
        ", ".join(f"{WEEK_STARTS_ON % day} > thead th" for day in english_days.values())
        + " {font-size: 0 !important;}"
    )
    rules += [
        f"{CALENDAR} thead th:nth-child({col})::after {{content: var(--camino-day-{col}); font-size: {TEXT_SIZE};}}"
        for col in range(1, 8)
    ]
    return "\n".join(rules)
