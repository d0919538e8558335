"""What a new user saw, in a real browser (issue 22): nothing cut off with "…", the projector
view of a calculator, no English from Streamlit in Spanish, and /login once logged in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from db.local_time import today_local
from tests.e2e.conftest import login, wait_for_app
from tests.factories import PASSWORD

# Elements in the main area whose text is cut: by CSS (text-overflow: ellipsis and wider than
# their box), with a literal "…" at the end of their own text, or a typed or chosen value wider
# than its box.
CUT_JS = """
() => {
  const out = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *, [data-testid="stPopoverBody"] *')) {
    if (!el.offsetParent) continue;
    const cs = getComputedStyle(el);
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim())
      out.push(el.textContent.trim().slice(0, 100));
    else if (own.endsWith('…')) out.push(own.slice(0, 100));
  }
  // A chosen value wider than its select box is cut with no "…" at all.
  for (const el of document.querySelectorAll('[data-testid="stMain"] input, [data-testid="stPopoverBody"] input')) {
    if (el.offsetParent && el.value && el.scrollWidth > el.clientWidth + 1) out.push(el.value.slice(0, 100));
  }
  return out;
}
"""

CALCULATORS = ("affordability", "assistance", "budget", "tenant-rights")
DOCS = Path(__file__).resolve().parents[2] / "docs"
# What Streamlit itself writes in English (it translates none of it).
STREAMLIT_ENGLISH = (
    "Choose an option",
    "Choose options",
    "No results",
    "Press Enter",
    "Drag and drop",
    "per file",
    "Upload",
    "Browse files",
    "MM/DD/YYYY",
    "YYYY/MM/DD",
    "Page not found",
)
# Text a user can read: the main area's text, and the placeholders of empty inputs.
READABLE_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const empty = Array.from(main.querySelectorAll('input, textarea'))
    .filter(el => el.offsetParent && !el.value && el.placeholder).map(el => el.placeholder);
  return [main.innerText, ...empty].join('\\n');
}
"""


def _context(browser, width, height, locale="en-US"):
    return browser.new_context(viewport={"width": width, "height": height}, locale=locale)


def _open(page, app_url, path):
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    page.wait_for_timeout(500)  # widgets and charts draw after the script run ends


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("locale", ["es-ES", "en-US"])
def test_nothing_is_cut_off_with_an_ellipsis(browser, app_url, width, height, locale):
    context = _context(browser, width, height, locale)
    page = context.new_page()
    try:
        for path in CALCULATORS:
            _open(page, app_url, path)
            expect(
                page.locator("[data-testid='stNumberInput'], [data-testid='stRadio']").first
            ).to_be_visible()
            assert page.evaluate(CUT_JS) == [], (path, width, locale)
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_client_file_buttons_are_never_cut_off(browser, app_url, width, height):
    """The client file's "Open in …" buttons read "Abrir en ¿Cuánta casa …" in four narrow columns."""
    context = _context(browser, width, height)
    page = context.new_page()
    login(page, app_url, "counselor")
    try:
        for language in ("Español", "English"):
            page.get_by_test_id("stSidebar").get_by_text(language).click()
            wait_for_app(page)
            nav = page.get_by_test_id("stSidebarNav")
            nav.get_by_text(re.compile("^(Hogares|Households)$")).click()
            wait_for_app(page)
            page.get_by_test_id("stSelectbox").last.locator("input").click()
            page.get_by_role("option").first.click()
            wait_for_app(page)
            page.get_by_role("button", name=re.compile("^(Abrir el expediente|Open client file)$")).click()
            wait_for_app(page)
            buttons = page.get_by_role("button", name=re.compile("^(Abrir en|Open in) "))
            expect(buttons).to_have_count(4)
            assert page.evaluate(CUT_JS) == [], (language, width)
    finally:
        page.get_by_test_id("stSidebar").get_by_text("English").click()
        wait_for_app(page)
        context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_lead_reports_show_whole_filter_values(browser, app_url, width, height):
    """The 9902's "Año fiscal 2027 (octubre de 2026 – septiembre de 2027)" and the pipeline's
    "Todos los consejeros" were cut at 1280 px."""
    context = _context(browser, width, height)
    page = context.new_page()
    login(page, app_url, "admin")
    try:
        for language in ("Español", "English"):
            page.get_by_test_id("stSidebar").get_by_text(language).click()
            wait_for_app(page)
            for path in ("pipeline", "hud-9902"):
                _menu(page, path)
                if path == "pipeline":  # its filters are behind the "Filters" button
                    page.get_by_role("button", name=re.compile("^(Filters|Filtros)")).click()
                    expect(page.get_by_test_id("stPopoverBody")).to_be_visible()
                    page.get_by_role(
                        "combobox", name=re.compile("^(Opened in|Expediente abierto en)$")
                    ).click()
                    page.get_by_role("option").nth(1).click()  # the longest value: a quarter and its dates
                    wait_for_app(page)
                expect(page.get_by_test_id("stSelectbox").first).to_be_visible()
                assert page.evaluate(CUT_JS) == [], (language, path, width)
                page.keyboard.press("Escape")
    finally:
        page.get_by_test_id("stSidebar").get_by_text("English").click()
        wait_for_app(page)
        context.close()


def test_projector_shows_the_answer_large_and_on_the_first_screen(browser, app_url):
    context = _context(browser, 1280, 720)
    page = context.new_page()
    try:
        _open(page, app_url, "affordability?present=1")
        answer = page.get_by_test_id("stMetric").filter(has_text="Highest price")
        expect(answer).to_be_visible()
        value = answer.get_by_test_id("stMetricValue")
        expect(value).to_contain_text("$")
        assert value.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 48
        box = value.bounding_box()
        assert page.evaluate("() => window.scrollY") == 0
        assert box["y"] >= 0 and box["y"] + box["height"] <= 720  # seen without scrolling
        field = page.get_by_test_id("stNumberInput").first
        typed = field.locator("input").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        label = (
            field.get_by_test_id("stWidgetLabel")
            .locator("p")
            .evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        )
        assert typed >= label >= 28
        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / "presentation-affordability.png"))
    finally:
        context.close()


def _spanish(page):
    page.get_by_test_id("stSidebar").get_by_text("Español").click()
    wait_for_app(page)


def _menu(page, url_path):
    link = page.locator(f"[data-testid='stSidebarNav'] a[href$='/{url_path}']")
    expect(link, url_path).to_have_count(1)
    link.click()
    wait_for_app(page)
    page.wait_for_timeout(500)


# What an element draws: its own text, or, when Camino's Spanish style shrank that text to nothing,
# the words the style draws after it (ui/widget_text.py).
DRAWN_JS = """
el => {
  if (getComputedStyle(el).fontSize !== '0px') return el.innerText;
  return getComputedStyle(el, '::after').content.replace(/^"|"$/g, '');
}
"""


def _drawn(locator, want=None):
    """What the element draws; given `want`, waits up to 5 s for the style to reach a freshly opened list."""
    seen = locator.evaluate(DRAWN_JS, timeout=5000)
    for _ in range(50):
        if want is None or seen == want:
            break
        locator.page.wait_for_timeout(100)
        seen = locator.evaluate(DRAWN_JS, timeout=5000)
    return seen


def _drop_down_words_in_spanish(page):
    """A select box's "No results" and a multiselect's "Select all", as drawn on the screen."""
    page.get_by_test_id("stSelectbox").first.locator("input").click()
    page.keyboard.type("zzzq")
    empty = page.locator("[role='listbox'][data-empty] [role='option'] > *")
    expect(empty).to_have_count(1)
    assert _drawn(empty, "No hay resultados") == "No hay resultados"
    page.keyboard.press("Escape")
    page.get_by_test_id("stExpander").first.click()  # HUD's questions: the races multiselect
    wait_for_app(page)
    select_all = page.locator("[role='option'][data-key='__select_all__'] > *")
    drawn = None
    for _attempt in range(3):  # on a loaded machine the rerun after opening the expander can close the list
        page.get_by_test_id("stMultiSelect").first.locator("input").click()
        page.keyboard.press("ArrowDown")
        try:
            expect(select_all).to_have_count(1, timeout=5000)
            drawn = _drawn(select_all, "Elegir todas")  # the list may still close under it: then try again
            break
        except (AssertionError, PlaywrightTimeoutError):
            page.keyboard.press("Escape")
            wait_for_app(page)
    assert drawn == "Elegir todas"
    page.keyboard.press("Escape")
    year = page.locator("[data-testid='stDateInputField'] [data-type='year'][data-placeholder='true']")
    assert year.count() > 0
    assert {_drawn(year.nth(i)) for i in range(year.count())} == {"aaaa"}


def test_spanish_pages_show_no_english_from_streamlit(browser, app_url):
    context = _context(browser, 1280, 900)
    page = context.new_page()
    login(page, app_url, "admin")
    _spanish(page)
    try:
        # No ⋮ menu: it held only Streamlit's English "Print" and "Record screen" (.streamlit/config.toml).
        expect(page.get_by_test_id("stMainMenu")).to_have_count(0)
        text = page.evaluate(READABLE_JS)  # the households list, the admin's first page
        assert [word for word in STREAMLIT_ENGLISH if word in text] == [], text
        for path in (
            "intake",
            "import-export",
            "follow-up",
            "tenant-rights",
            "budget",
            "users",
        ):
            _menu(page, path)
            text = page.evaluate(READABLE_JS)
            assert [word for word in STREAMLIT_ENGLISH if word in text] == [], (path, text)
            if path == "intake":
                _drop_down_words_in_spanish(page)
    finally:
        page.get_by_test_id("stSidebar").get_by_text("English").click()
        wait_for_app(page)
        context.close()


@pytest.mark.parametrize(
    ("locale", "month_names"),
    [
        ("es-ES", ("enero", "febrero", "marzo", "diciembre")),
        ("en-US", ("January", "February", "March", "December")),
    ],
)
def test_the_calendar_speaks_the_browsers_language(browser, app_url, locale, month_names):
    """Streamlit draws the date picker's calendar in the browser's language (navigator.language):
    its only setting for it. Camino starts in that language too, so the two agree (README, known limits)."""
    context = _context(browser, 1280, 900, locale)
    page = context.new_page()
    try:
        _open(page, app_url, "tenant-rights?tr_topic=security_deposit&tr_place=dc")
        page.get_by_test_id("stDateInputCalendarButton").first.click()
        calendar = page.get_by_test_id("stDateInputCalendar")
        expect(calendar).to_be_visible()
        text = calendar.inner_text()
        assert all(name in text for name in month_names), text
    finally:
        context.close()


def test_spanish_date_fields_read_day_month_year(browser, app_url):

    context = _context(browser, 1280, 900, "es-ES")
    page = context.new_page()
    try:
        _open(page, app_url, "tenant-rights?tr_topic=security_deposit&tr_place=dc")
        field = page.get_by_test_id("stDateInputField").first
        today = today_local()
        expect(field).to_have_text(re.compile(rf"{today:%d}\s*/\s*{today:%m}\s*/\s*{today:%Y}"))
    finally:
        context.close()


def test_login_address_once_logged_in_opens_the_home_page(page, app_url):
    login(page, app_url, "counselor")
    expect(page.get_by_role("heading", name="Households")).to_be_visible()
    page.goto(f"{app_url}/login")  # a bookmark, or the address the login form was on
    wait_for_app(page)
    # A new tab is a new session: the login form, never Streamlit's "Page not found".
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.get_by_label("Username").fill("counselor")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Households")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
