"""The calendar that opens from a date box, in a real browser (issue 22): in Spanish its month name,
month list and weekday initials are Spanish even when the browser is in English, and no English month
or weekday name is drawn; in English it is unchanged.

Streamlit draws the calendar in the browser's language; Camino draws Spanish words over it with CSS
(ui/widget_text.py). So "drawn" here means what a reader sees: text in a box that is on the screen, not
shrunk to nothing and not kept for screen readers only, plus the words a style draws before or after
an element (innerText alone would still hold the English under the Spanish)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from db.local_time import today_local
from tests.e2e.conftest import login, wait_for_app

SPANISH_MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ENGLISH_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
# English month and weekday names, whole or cut to three letters ("Dec", "Sun").
ENGLISH_NAMES = sorted({*ENGLISH_MONTHS, *ENGLISH_DAYS} | {n[:3] for n in ENGLISH_MONTHS + ENGLISH_DAYS})
ENGLISH_NAME = re.compile(r"\b(" + "|".join(ENGLISH_NAMES) + r")\b")
# The weekday row, column by column, for each browser language: an English browser gets Camino's Spanish
# initials in its own week order; a Spanish browser keeps its own (its week starts on Monday, "X" = miércoles).
SPANISH_WEEK = {
    "en-US": ["D", "L", "M", "M", "J", "V", "S"],
    "en-GB": ["L", "M", "M", "J", "V", "S", "D"],
    "es-ES": ["L", "M", "X", "J", "V", "S", "D"],
}
TENANT_RIGHTS = "tenant-rights?tr_topic=security_deposit&tr_place=dc"

DRAWN_JS = """
root => {
  const out = [];
  const content = (el, which) => {
    const c = getComputedStyle(el, which).content;
    return c && c !== 'none' && c !== 'normal' ? c.replace(/^"|"$/g, '') : '';
  };
  const walk = el => {
    const cs = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    // Not drawn: display none, invisible, or a 1-pixel box kept for screen readers.
    if (cs.display === 'none' || cs.visibility === 'hidden' || (box.width <= 1 && box.height <= 1)) return;
    if (content(el, '::before')) out.push(content(el, '::before'));
    for (const node of el.childNodes) {
      if (node.nodeType === 1) walk(node);
      else if (node.nodeType === 3 && node.textContent.trim() && cs.fontSize !== '0px') out.push(node.textContent.trim());
    }
    if (content(el, '::after')) out.push(content(el, '::after'));
  };
  walk(root);
  return out;
}
"""


def drawn(locator) -> list[str]:
    """The words the element draws on the screen, in order."""
    return locator.evaluate(DRAWN_JS)


def drawn_soon(locator, want) -> list[str]:
    """What the element draws, waiting up to 5 s for it to become `want` (a popup draws after the click)."""
    seen = drawn(locator)
    for _ in range(50):
        if seen == want:
            break
        locator.page.wait_for_timeout(100)
        seen = drawn(locator)
    return seen


def english_in(words: list[str]) -> list[str]:
    return [word for word in words if ENGLISH_NAME.search(word)]


def open_calendar(date_box):
    date_box.get_by_test_id("stDateInputCalendarButton").click()
    calendar = date_box.page.get_by_test_id("stDateInputCalendar")
    expect(calendar).to_be_visible()
    return calendar


def month_button(calendar):
    """The header's month chooser: the button beside the hidden list of months 1-12."""
    return calendar.locator(
        "header div:has(> [data-testid='hidden-select-container'] option[value='12']) > button"
    )


def check_calendar(calendar, months, week, today) -> None:
    """The month in view, the weekday row and the month list draw `months`' and `week`'s words only."""
    page = calendar.page
    header = month_button(calendar)
    assert drawn_soon(header, [months[today.month - 1]]) == [months[today.month - 1]]
    assert drawn_soon(calendar.locator("thead"), week) == week
    calendar.locator("button[slot='next']").click()  # the header follows the month in view
    assert drawn_soon(header, [months[today.month % 12]]) == [months[today.month % 12]]
    header.click()
    month_list = page.get_by_test_id("stDateInputHeaderPickerPopover")
    expect(month_list.get_by_role("option")).to_have_count(12)
    assert drawn_soon(month_list, list(months)) == list(months)
    words = drawn(calendar) + drawn(month_list)
    if months is SPANISH_MONTHS:
        assert english_in(words) == [], words
    page.keyboard.press("Escape")
    expect(month_list).to_have_count(0)


def spanish(page) -> None:
    page.get_by_test_id("stSidebar").get_by_text("Español").click()
    wait_for_app(page)


@pytest.mark.parametrize("locale", ["en-US", "en-GB", "es-ES"])
def test_tenant_rights_calendar_is_spanish_in_spanish(browser, app_url, locale):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale=locale)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{TENANT_RIGHTS}")
        wait_for_app(page)
        if locale != "es-ES":  # a Spanish browser opens Camino in Spanish
            spanish(page)
        expect(page.get_by_text("Fecha en que firmó (o firmará) el contrato")).to_be_visible()
        calendar = open_calendar(page.get_by_test_id("stDateInput").first)
        check_calendar(calendar, SPANISH_MONTHS, SPANISH_WEEK[locale], today_local())
    finally:
        context.close()


def test_session_form_calendar_is_spanish_in_spanish(browser, app_url):
    """The client file's "Quick add: session" date, for a counselor whose browser is in English."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US")
    page = context.new_page()
    try:
        login(page, app_url, "counselor")
        spanish(page)
        page.get_by_test_id("stSidebarNav").get_by_text("Hogares", exact=True).click()
        wait_for_app(page)
        page.get_by_test_id("stSelectbox").last.locator("input").click()
        page.get_by_role("option").first.click()
        wait_for_app(page)
        page.get_by_role("button", name="Abrir el expediente").click()
        wait_for_app(page)
        session_form = page.get_by_test_id("stForm").filter(has_text="Agregar rápido: sesión")
        session_date = session_form.get_by_test_id("stDateInput").filter(
            has=page.get_by_test_id("stWidgetLabel").get_by_text("Fecha", exact=True)
        )
        calendar = open_calendar(session_date)
        check_calendar(calendar, SPANISH_MONTHS, SPANISH_WEEK["en-US"], today_local())
        page.keyboard.press("Escape")
    finally:
        # The language is remembered on the account: give the shared counselor English back, or the
        # next test of this server to log in as counselor would find a Spanish menu.
        page.get_by_test_id("stSidebar").get_by_text("English").click()
        wait_for_app(page)
        context.close()


def test_calendar_stays_english_in_english(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{TENANT_RIGHTS}")
        wait_for_app(page)
        expect(page.get_by_text("Date the lease was (or will be) signed")).to_be_visible()
        calendar = open_calendar(page.get_by_test_id("stDateInput").first)
        check_calendar(calendar, ENGLISH_MONTHS, ["S", "M", "T", "W", "T", "F", "S"], today_local())
    finally:
        context.close()
