"""The whole visit in a real browser (issue #21): a counselor opens a family's file, goes through Home
affordability, Down-payment assistance, Budget coach and Tenant rights, saves each to the file, and prints
the action plan in English and in Spanish. The plan's numbers are the family's, its words the plan's
language, and no code shows."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from db import scenarios
from i18n import format_money
from tests.e2e.conftest import login, wait_for_app

pytestmark = pytest.mark.e2e
WAIT = 30_000  # the first run of a page on a busy machine imports pandas and Altair
CODES = ("conventional", "affordability", "tenant_checklist", "other_debt", "gross_monthly_income", "None")


def nav(page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    wait_for_app(page)


def new_household(page, name: str, size: int, income: int) -> None:
    """Intake through the form; the new client file opens."""
    nav(page, "New household")
    page.get_by_label("Household name").fill(name)
    amount(page, "People in the household").fill(str(size))
    amount(page, "Household income per year").fill(str(income))
    page.get_by_role("button", name="Save and open the client file").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Client file")).to_be_visible(timeout=WAIT)


def amount(page, label: str):
    """A number box by its label (a label with help also names the help button)."""
    return page.get_by_role("spinbutton", name=label, exact=True)


def type_amount(page, label: str, value: str) -> None:
    field = amount(page, label)
    field.fill(value)
    field.press("Enter")
    wait_for_app(page)


def save_to_file(page, button: str = "Save to client file") -> None:
    page.get_by_role("button", name=button).click()
    wait_for_app(page)
    expect(page.get_by_text("Saved to the client file.")).to_be_visible(timeout=WAIT)


def household_id(app_server, name: str) -> int:
    from sqlalchemy import select

    from db.engine import reading
    from db.models import Household

    with reading(app_server.engine) as s:
        return s.scalars(select(Household.id).where(Household.display_name == name)).one()


def plan_text(page, print_in) -> str:
    """Download the plan through the page, printed in `print_in` (a choice of the "Print in" radio)."""
    choice = page.get_by_test_id("stMain").get_by_test_id("stRadio")
    choice.get_by_text(print_in, exact=isinstance(print_in, str)).click()
    wait_for_app(page)
    with page.expect_download(timeout=WAIT) as download:
        page.get_by_test_id("stMain").get_by_role("button", name=re.compile("(PDF)")).click()
    data = download.value.path().read_bytes()
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages).split())


def test_a_whole_visit_flows_through_the_calculators_into_the_printed_plan(page, app_url, app_server):
    name = "Ana Chávez Ramírez"
    login(page, app_url, "counselor")
    new_household(page, name, 4, 60300)

    # A first look at the assistance: the file's income; no debts yet. Then back to the file.
    page.get_by_role("button", name="Open in Down-payment assistance").click()
    wait_for_app(page)
    expect(amount(page, "Household income before taxes (a year)")).to_have_value("60300.00", timeout=WAIT)
    expect(amount(page, "Other debt payments (a month)")).to_have_value("0.00")
    page.get_by_role("button", name="Back to the file").click()
    wait_for_app(page)

    # Home affordability, opened from the file: the family's income, not the page's $6,000 example.
    page.get_by_role("button", name="Open in Home affordability").click()
    wait_for_app(page)
    income = amount(page, "Household income before taxes (monthly)")
    expect(income).to_have_value("5025.00", timeout=WAIT)
    expect(page.get_by_text("Working with the file of")).to_be_visible()
    type_amount(page, "Other debt payments (monthly)", "400")
    highest = page.get_by_test_id("stMetric").filter(has_text="Highest price").get_by_test_id("stMetricValue")
    expect(highest).to_have_text(re.compile(r"^\$[\d,]+$"), timeout=WAIT)
    price = highest.inner_text()
    save_to_file(page)

    # Down-payment assistance again: income, size and the $400 of debts typed meanwhile.
    nav(page, "Down-payment assistance")
    expect(amount(page, "Household income before taxes (a year)")).to_have_value("60300.00", timeout=WAIT)
    expect(amount(page, "People in the household")).to_have_value("4")
    expect(amount(page, "Other debt payments (a month)")).to_have_value("400.00")
    save_to_file(page)

    nav(page, "Budget coach")  # nothing of the file fits here yet: the family's savings are typed
    type_amount(page, "Savings today", "1500")
    save_to_file(page)

    nav(page, "Tenant rights")
    first_question = (
        page.get_by_test_id("stMain").locator("[data-testid=stButtonGroup]:has-text('Not sure')").first
    )
    first_question.get_by_text("No", exact=True).click()  # the places above are buttons too
    wait_for_app(page)
    save_to_file(page, "Save checklist progress to the client file")

    hid = household_id(app_server, name)
    user = app_server.agency["users"]["counselor"]
    saved = {row["kind"] for row in scenarios.list_for(app_server.engine, user, hid)}
    assert saved == {"affordability", "assistance", "budget", "tenant_checklist"}
    assistance = scenarios.latest(app_server.engine, user, hid, "assistance")["scenario"]
    program_ids = [p.program for p in assistance.programs]

    nav(page, "Action plan")
    english = plan_text(page, "English")
    for label, figure in (
        ("Income a month used for this estimate", 5025),
        ("Debt payments a month used for this estimate", 400),
    ):
        assert f"{label} {format_money(figure, 'en', cents=False)}" in english, english
    assert f"Home price to aim for {price}" in english
    assert "Buying a home" in english and "Your home as a renter" in english
    assert f"Savings {format_money(1500, 'en', cents=False)}" in english  # the budget's
    for code in (*CODES, *program_ids):
        assert code not in english, code

    try:
        page.get_by_test_id("stSidebar").get_by_text("Español").click()
        wait_for_app(page)
        expect(page.get_by_role("heading", name="Plan de acción")).to_be_visible(timeout=WAIT)
        spanish = plan_text(page, re.compile(r"^El idioma del hogar"))
    finally:
        # The language is saved on the account; put it back so later browser tests log in to English.
        page.get_by_test_id("stSidebar").get_by_text("English").click()
        wait_for_app(page)
    for label, figure in (
        ("Ingresos al mes usados para este cálculo", 5025),
        ("Pagos de deudas al mes usados para este cálculo", 400),
    ):
        assert f"{label} {format_money(figure, 'es', cents=False)}" in spanish, spanish
    assert "Comprar una casa" in spanish
    for english_label in ("Home price to aim for", "Buying a home", "Down payment"):
        assert english_label not in spanish
    for code in (*CODES, *program_ids):
        assert code not in spanish, code


def test_saving_untouched_example_values_asks_first(page, app_url, app_server):
    name = "Lucía Fuentes Mejía"
    login(page, app_url, "counselor")
    new_household(page, name, 2, 41000)
    page.get_by_role("button", name="Open in Home affordability").click()
    wait_for_app(page)
    page.get_by_role("button", name="Use blank values").click()
    wait_for_app(page)
    expect(amount(page, "Household income before taxes (monthly)")).to_have_value("6000.00", timeout=WAIT)

    page.get_by_role("button", name="Save to client file").click()
    wait_for_app(page)
    expect(page.get_by_text("these are the example values")).to_be_visible(timeout=WAIT)
    hid = household_id(app_server, name)
    user = app_server.agency["users"]["counselor"]
    assert not scenarios.list_for(app_server.engine, user, hid)  # nothing saved before the answer
    page.get_by_role("button", name="Cancel").click()
    wait_for_app(page)
    assert not scenarios.list_for(app_server.engine, user, hid)

    page.get_by_role("button", name="Save to client file").click()
    wait_for_app(page)
    page.get_by_role("button", name="Yes, save the example values").click()
    wait_for_app(page)
    expect(page.get_by_text("Saved to the client file.")).to_be_visible(timeout=WAIT)
    assert [row["kind"] for row in scenarios.list_for(app_server.engine, user, hid)] == ["affordability"]
