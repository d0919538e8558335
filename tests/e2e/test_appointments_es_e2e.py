"""The front desk in Spanish, in a real browser: records the family's consent to email reminders, books
an appointment on another day, is refused a double booking in Spanish, and sees the card's large-print
switch drawn (a style once collapsed every checkbox box and toggle track to nothing); prints the card."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

import i18n
from db import appointments as appts
from db.appointments import reminder_data
from db.local_time import today_local
from tests.e2e.conftest import login, wait_for_app
from tests.e2e.test_appointments_e2e import choose


def drawn_height(locator) -> float:
    """The height on screen of a checkbox's box or a toggle's track: the element drawn before its label."""
    return locator.evaluate(
        "el => el.closest('label').querySelector(':scope > div:not([data-testid])').getBoundingClientRect().height"
    )


def test_front_desk_books_in_spanish(page, app_url, app_server):
    day = today_local() + dt.timedelta(days=2)  # the English test owns tomorrow
    lead = app_server.agency["users"]["lead"]
    household = app_server.agency["households"]["north"]
    login(page, app_url, "lead")
    try:
        page.get_by_test_id("stSidebar").get_by_text("Español").click()
        wait_for_app(page)
        page.get_by_test_id("stSidebarNav").get_by_text("Citas", exact=True).click()
        wait_for_app(page)
        expect(page.get_by_role("heading", name="Citas")).to_be_visible()

        page.get_by_role("tab", name="Reservar").click()
        page.get_by_label("Buscar un hogar (nombre o teléfono)").fill("Núñez")
        page.get_by_label("Buscar un hogar (nombre o teléfono)").press("Enter")
        wait_for_app(page)

        # Consent to email reminders, with today's date; the box is drawn, not a 2px line.
        page.get_by_test_id("stExpander").filter(has_text="Anotar el permiso para recordatorios").click()
        email = page.get_by_role("checkbox", name="Acepta recordatorios por correo electrónico")
        expect(email).to_be_attached()
        assert drawn_height(email) >= 12
        page.get_by_text("Acepta recordatorios por correo electrónico", exact=True).click()
        page.get_by_role("button", name="Guardar el permiso").click()
        wait_for_app(page)
        expect(page.get_by_text("Permiso guardado.")).to_be_visible()
        state = reminder_data.consent(app_server.engine, lead, household)
        assert (state.email_since, state.text_since) == (today_local(), None)

        page.get_by_role("tab", name="Reservar").click()
        form = page.get_by_test_id("stForm").filter(has_text="Qué traer")
        form.get_by_test_id("stDateInput").get_by_role("spinbutton").first.click()
        page.keyboard.type(day.strftime("%d%m%Y"))  # the Spanish order: day, month, year
        page.keyboard.press("Escape")
        choose(page, form, "Hora", "3:00 p.m.")
        form.get_by_label("Qué traer").fill("Identificación")
        form.get_by_role("button", name="Reservar", exact=True).click()
        wait_for_app(page)
        expect(page.get_by_text("La cita quedó reservada.")).to_be_visible()
        [booked] = appts.calendar(app_server.engine, lead, day)
        assert (booked.starts.time(), booked.counselor_id, booked.bring) == (
            dt.time(15, 0),
            lead["id"],
            "Identificación",
        )

        # The calendar opened on that day: the appointment, all in Spanish, and the card's large-print switch.
        page.get_by_role("tab", name="Calendario").click()
        wait_for_app(page)
        expect(page.get_by_text(re.compile(r"Cuándo: [^,]+, \d+ de [^ ]+ de \d{4}, 3:00 p.m."))).to_be_visible()
        expect(page.get_by_text(re.compile("Hogar: María José Núñez Pérez"))).to_be_visible()
        switch = page.get_by_role("switch", name="Letra grande")
        expect(switch).to_be_attached()
        assert drawn_height(switch) >= 12
        # The card is built when pressed (not on every rerun of the calendar): the family's Spanish first,
        # then English below the cut line.
        with page.expect_download() as info:
            page.get_by_role("button", name="Imprimir la tarjeta de la cita (PDF)").click()
        data = Path(info.value.path()).read_bytes()
        text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages).split())
        assert 0 <= text.index(i18n.gettext("Your appointment", "es")) < text.index("Your appointment")
        assert "Identificación" in text

        # The same hour again: refused in Spanish, next to the form, nothing saved.
        page.get_by_role("tab", name="Reservar").click()
        form.get_by_test_id("stDateInput").get_by_role("spinbutton").first.click()
        page.keyboard.type(day.strftime("%d%m%Y"))
        page.keyboard.press("Escape")
        choose(page, form, "Hora", "3:30 p.m.")
        form.get_by_role("button", name="Reservar", exact=True).click()
        wait_for_app(page)
        expect(page.get_by_text(re.compile("ya tiene una cita"))).to_be_visible()
        assert len(appts.calendar(app_server.engine, lead, day)) == 1
    finally:
        # The language is saved on the account; put it back for the other browser tests.
        page.get_by_test_id("stSidebar").get_by_text("English").click()
        wait_for_app(page)
