"""Tenant rights in a real browser: an answer reruns only the summary (the questions and calculators stay as
they are and are not sent again), the summary follows every answer, and a calculator tab builds when opened."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

import i18n
from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e
WAIT = 30_000
# Counts the websocket messages the server sends (each element drawn is one).
COUNT_MESSAGES = """(() => {
  window.__messages = 0;
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', () => { window.__messages += 1; });
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();"""


def messages_for(page, action) -> int:
    page.evaluate("window.__messages = 0")
    action()
    page.wait_for_timeout(300)
    wait_for_app(page)
    return page.evaluate("window.__messages")


def questions(page, not_sure="Not sure"):
    """The checklist's questions: each a row of three buttons (the handout language comes after them)."""
    return page.get_by_test_id("stMain").locator(f"[data-testid=stButtonGroup]:has-text('{not_sure}')")


def answer(page, index, text, not_sure="Not sure"):
    questions(page, not_sure).nth(index).get_by_text(text, exact=True).click()


def test_answers_rerun_only_the_summary_and_tabs_build_when_opened(page, app_url):
    page.add_init_script(COUNT_MESSAGES)
    page.goto(f"{app_url}/tenant-rights")
    wait_for_app(page)
    expect(page.get_by_text("Answer the questions above to see your summary.")).to_be_visible(timeout=WAIT)
    # DC has 25 questions in 10 topics: the checklist opens on the first, "Before you sign a lease" (3)
    expect(page.get_by_text("Topic 1 of 10. Answers to the other topics are kept.")).to_be_visible(
        timeout=WAIT
    )
    expect(questions(page)).to_have_count(3)
    count = questions(page).count()

    sent = messages_for(page, lambda: answer(page, 0, "No"))
    expect(page.get_by_text("1 warning sign. Here is what to do.")).to_be_visible(timeout=WAIT)
    # the questions, the answer and the calculators are still on the screen
    expect(questions(page)).to_have_count(count)
    expect(questions(page).first.get_by_role("radio").nth(1)).to_be_checked()
    expect(page.get_by_label("Monthly rent")).to_be_visible()
    expect(page.get_by_role("button", name="Download handout (PDF)")).to_be_visible()

    answer(page, 0, "Yes")
    wait_for_app(page)
    expect(page.get_by_text("No warning signs in your answers.")).to_be_visible(timeout=WAIT)
    answer(page, 0, "Yes")  # the chosen answer pressed again: taken back
    wait_for_app(page)
    expect(page.get_by_text("Answer the questions above to see your summary.")).to_be_visible(timeout=WAIT)
    expect(questions(page).first.get_by_role("radio", checked=True)).to_have_count(0)
    answer(page, 1, "Not sure")
    wait_for_app(page)
    expect(page.get_by_text("To check:", exact=False)).to_be_visible(timeout=WAIT)

    # The next topic: its questions replace these, and the answer given above still counts.
    page.get_by_role("button", name="Next topic: Move-in inspection").click()
    wait_for_app(page)
    expect(page.get_by_text("Topic 2 of 10.", exact=False)).to_be_visible(timeout=WAIT)
    expect(questions(page)).to_have_count(1)
    assert "tr_topic=move_in" in page.url
    expect(page.get_by_text("To check:", exact=False)).to_be_visible()
    answer(page, 0, "No")
    wait_for_app(page)
    expect(page.get_by_text("1 warning sign. Here is what to do.")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("To check:", exact=False)).to_be_visible()  # the first topic's answer
    # Back to the first topic with the picker: its answer is still pressed.
    topic_box = page.get_by_role("combobox", name="Topic", exact=True)
    topic_box.scroll_into_view_if_needed()  # a dropdown opened while the page scrolls closes again
    page.wait_for_timeout(300)
    topic_box.click()
    page.get_by_role("option").filter(has_text="Before you sign a lease").click()
    wait_for_app(page)
    expect(questions(page)).to_have_count(3)
    expect(questions(page).nth(1).get_by_role("radio", checked=True)).to_have_text("Not sure")

    # Only the open calculator is built; a tab click builds the next one.
    expect(page.get_by_label("Current rent")).to_have_count(0)
    page.get_by_role("tab", name="Rent increase").click()
    wait_for_app(page)
    expect(page.get_by_label("Current rent")).to_be_visible(timeout=WAIT)
    expect(page.get_by_label("Monthly rent")).to_have_count(0)

    # A place is a full page run: every question is drawn again. An answer sent far less than that.
    def virginia():  # the places are buttons in a row, one press
        places = page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").first
        places.get_by_text("Virginia: Arlington, Fairfax, Alexandria", exact=True).click()

    full = messages_for(page, virginia)
    expect(page.get_by_text("Answer the questions above to see your summary.")).to_be_visible(timeout=WAIT)
    assert "tr_place=virginia" in page.url
    assert sent * 2 < full, (sent, full)


def test_a_family_downloads_the_handout_in_spanish_without_the_page_running_again(page, app_url):
    """The handout is built when pressed; the press does not rerun the page (a rerun could drop the file)."""
    page.add_init_script(COUNT_MESSAGES)
    page.goto(f"{app_url}/tenant-rights")
    wait_for_app(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_test_id("stSidebar").get_by_text("Español").click()
    wait_for_app(page)
    expect(page.get_by_text("Tema 1 de 10.", exact=False)).to_be_visible(timeout=WAIT)
    expect(page.locator("html")).to_have_attribute("lang", "es")  # a screen reader reads it as Spanish
    answer(page, 0, "No", not_sure="No sé")
    wait_for_app(page)
    expect(page.get_by_text("1 señal de alerta. Esto es lo que puede hacer.")).to_be_visible(timeout=WAIT)
    button = page.get_by_role("button", name="Descargar la hoja (PDF)")
    expect(button).to_be_visible(timeout=WAIT)

    page.evaluate("window.__messages = 0")
    with page.expect_download(timeout=WAIT) as info:
        button.click()
    assert info.value.suggested_filename == "derechos-del-inquilino-dc.pdf"  # named in Spanish too
    data = Path(info.value.path()).read_bytes()
    page.wait_for_timeout(300)
    wait_for_app(page)
    assert page.evaluate("window.__messages") <= 2  # the file's address only; a rerun sends dozens

    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages).split())
    assert i18n.gettext("Warning sign", "es") in text and "Warning sign" not in text
