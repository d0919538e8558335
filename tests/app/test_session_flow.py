"""One family, one session: with a client file open, each calculator starts from it, says where each value
came from, can work blank, carries amounts to the next calculator and saves back (issue #21)."""

from __future__ import annotations

import pytest

from db import households
from db import scenarios as repo
from db.household_facts import facts_of
from tests.app.conftest import app_test, visible_text
from tests.factories import audit_actions

PAGES = {
    "affordability": "app_pages/affordability.py",
    "assistance": "app_pages/assistance.py",
    "budget": "app_pages/budget.py",
    "tenant_checklist": "app_pages/tenant_rights.py",
}
INTAKE = {  # the north household of tests.factories.small_agency, opened on 5 January 2026
    "en": "from intake, January 5, 2026",
    "es": "de la admisión, 5 de enero de 2026",
}
BANNER = {"en": "Working with the file of", "es": "Trabajando con el expediente de"}


def opened(agency, kind: str, lang: str = "en", **kwargs):
    at = app_test(
        PAGES[kind],
        lang=lang,
        user=agency["users"]["counselor"],
        household_id=agency["households"]["north"],
        **kwargs,
    )
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["en", "es"])
def test_affordability_starts_from_the_file_and_says_so(agency, lang):
    at = opened(agency, "affordability", lang)
    assert at.number_input(key="income").value == pytest.approx(62000 / 12)
    assert at.selectbox(key="area").value == "dc"
    text = visible_text(at).replace("\\", "")
    assert BANNER[lang] in text and "María José Núñez Pérez" in text
    assert INTAKE[lang] in text
    assert "income" not in at.query_params  # the file's values never go into the URL


@pytest.mark.parametrize("lang", ["en", "es"])
def test_assistance_starts_from_the_file(agency, lang):
    at = opened(agency, "assistance", lang)
    assert at.number_input(key="dpa_size").value == 4
    assert at.number_input(key="dpa_income").value == pytest.approx(62000)
    assert INTAKE[lang] in visible_text(at).replace("\\", "")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_tenant_rights_starts_from_the_files_place(agency, lang):
    agency_south = dict(agency)
    at = app_test(
        PAGES["tenant_checklist"],
        lang=lang,
        user=agency["users"]["counselor_south"],
        household_id=agency_south["households"]["south"],
    )
    assert not at.exception
    assert at.pills(key="tr_place").value == "montgomery_md"


@pytest.mark.parametrize("lang, blank_label", [("en", "Use blank values"), ("es", "Usar valores en blanco")])
def test_blank_values_drop_the_file_and_come_back(agency, lang, blank_label):
    at = opened(agency, "affordability", lang)
    button = at.button(key="sf_blank_affordability")
    assert button.label == blank_label
    button.click().run()
    assert at.number_input(key="income").value == pytest.approx(6000.0)  # the page's example
    at.button(key="sf_file_affordability").click().run()
    assert at.number_input(key="income").value == pytest.approx(62000 / 12)


def test_budget_page_shows_the_banner_and_no_file_values_yet(agency):
    at = opened(agency, "budget", "en", state={"budget_tab": "Income"})
    assert "The file has nothing for this calculator yet" in visible_text(at)


def test_amounts_typed_in_one_calculator_start_the_next(agency):
    at = opened(agency, "affordability")
    at.number_input(key="cards").set_value(400.0).run()
    at.number_input(key="cash").set_value(15000.0).run()
    at.switch_page(PAGES["assistance"]).run()
    assert not at.exception
    assert at.number_input(key="dpa_debts").value == pytest.approx(400.0)
    assert at.number_input(key="dpa_assets").value == pytest.approx(15000.0)
    assert "typed in Home affordability during this visit" in visible_text(at)
    assert not {"cards", "cash", "dpa_debts", "dpa_assets"} & set(at.query_params)


def test_a_logged_out_visitor_carries_amounts_too():
    at = app_test(PAGES["affordability"])
    at.number_input(key="car").set_value(250.0).run()
    at.switch_page(PAGES["assistance"]).run()
    assert at.number_input(key="dpa_debts").value == pytest.approx(250.0)
    assert not at.get("sf_banner_assistance")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_save_back_lists_changes_and_updates_the_file(agency, lang):
    engine, user = agency["engine"], agency["users"]["counselor"]
    household = agency["households"]["north"]
    at = opened(agency, "affordability", lang)
    at.number_input(key="income").set_value(5500.0).run()
    at.button(key="save_scenario_affordability").click().run()
    saved = repo.latest(engine, user, household, "affordability")["scenario"]
    assert saved.gross_monthly_income == 5500.0 and saved.widgets["income"] == 5500.0
    text = visible_text(at).replace("\\", "")
    assert "$5,167 → $5,500" in text
    at.button(key="sf_update_yes_affordability").click().run()
    assert facts_of(engine, user, household)["annual_income"] == 66000.0
    assert "household_updated" in audit_actions(engine, household)


def test_save_back_reports_a_concurrent_change_and_writes_nothing(agency):
    engine, user = agency["engine"], agency["users"]["counselor"]
    household = agency["households"]["north"]
    at = opened(agency, "assistance", "es")
    at.number_input(key="dpa_size").set_value(5).run()
    at.button(key="save_scenario_assistance").click().run()
    record = households.get(engine, user, household)
    households.update(engine, user, household, record["version"], {"phone": "202-555-0199"})  # someone else
    at.button(key="sf_update_yes_assistance").click().run()
    assert not at.exception
    assert any("Otra persona cambió este expediente" in e.value for e in at.error)
    assert facts_of(engine, user, household)["household_size"] == 4


def test_open_again_restores_the_saved_scenario_exactly(agency):
    engine, user = agency["engine"], agency["users"]["counselor"]
    household = agency["households"]["north"]
    at = opened(agency, "affordability")
    at.number_input(key="rate").set_value(7.25).run()
    at.number_input(key="income").set_value(4800.0).run()
    highest = [m.value for m in at.metric if m.label == "Highest price"]
    at.button(key="save_scenario_affordability").click().run()
    row = repo.latest(engine, user, household, "affordability")
    again = opened(agency, "affordability", state={"sf_restore": ("affordability", row["id"])})
    assert again.number_input(key="rate").value == pytest.approx(7.25)
    assert again.number_input(key="income").value == pytest.approx(4800.0)
    assert [m.value for m in again.metric if m.label == "Highest price"] == highest


@pytest.mark.parametrize(
    "lang, label", [("en", "Open in Home affordability"), ("es", "Abrir en ¿Cuánta casa puedo pagar?")]
)
def test_client_file_opens_a_calculator_with_the_household(agency, lang, label):
    at = app_test(
        "app_pages/household.py",
        lang=lang,
        user=agency["users"]["counselor"],
        household_id=agency["households"]["north"],
    )
    button = at.button(key="sf_open_affordability")
    assert button.label == label
    button.click().run()
    assert not at.exception
    assert at.number_input(key="income").value == pytest.approx(62000 / 12)


def test_client_file_lists_saved_calculations_and_opens_one_again(agency):
    engine, user = agency["engine"], agency["users"]["counselor"]
    household = agency["households"]["north"]
    at = opened(agency, "assistance", "es")
    at.number_input(key="dpa_price").set_value(300000.0).run()
    at.button(key="save_scenario_assistance").click().run()
    row = repo.latest(engine, user, household, "assistance")
    at.switch_page("app_pages/household.py")
    at.session_state["sf_saved_list"] = True
    at.run()
    text = visible_text(at).replace("\\", "")
    assert "Ayuda para el pago inicial" in text and "pueden aplicar" in text
    at.button(key=f"sf_again_{row['id']}").click().run()
    assert not at.exception
    assert at.number_input(key="dpa_price").value == pytest.approx(300000.0)
    assert at.number_input(key="dpa_size").value == 4


def _editor_frame(at, name: str, lang: str):
    """The rows table `name` shows on screen (the frame its data editor was built on)."""
    found = [d for d in at.dataframe if d.proto.id.endswith(f"-budget_{name}_{lang}")]
    assert len(found) == 1, [d.proto.id for d in at.dataframe]
    return found[0].value


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_saved_budget_opens_again_with_its_tables(agency, lang):
    """Saved through the page, opened again from the client file: the income lines, spending plan, debts
    and savings are on screen as the counselor saved them, with labels in the page's language."""
    from i18n import format_money, gettext
    from tests.app.test_budget_page import SPENDING, edit_table, metric, switch_tab

    engine, user = agency["engine"], agency["users"]["counselor"]
    household = agency["households"]["north"]
    amount, monthly, minimum = (
        gettext(t, lang) for t in ("Amount each time", "Monthly amount", "Minimum payment")
    )
    at = opened(agency, "budget", lang)  # the Income tab, as on arrival
    edit_table(at, "income", lang, {"0": {amount: 700.0}})  # $650 a week in the example
    switch_tab(at, "Spending plan", lang)
    edit_table(at, "spending", lang, {"0": {monthly: 1750.0}})  # rent, $1,600 in the example
    switch_tab(at, "Debts", lang)
    edit_table(at, "debts", lang, {"1": {minimum: 260.0}})  # the car, $240 in the example
    at.number_input(key="savings").set_value(1200.0).run()
    at.button(key="save_scenario_budget").click().run()
    assert not [b for b in at.button if b.key == "sf_confirm_yes_budget"]  # edited tables count as typed
    row = repo.latest(engine, user, household, "budget")
    assert row is not None and row["scenario"].tables["spending"][0]["amount"] == 1750.0

    at.switch_page("app_pages/household.py")
    at.session_state["sf_saved_list"] = True
    at.run()
    at.button(key=f"sf_again_{row['id']}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    income = _editor_frame(at, "income", lang)
    assert income[amount].tolist() == [700.0, 900.0, 300.0]
    assert income[gettext("How often", lang)].tolist()[0] == gettext("Every week", lang)
    assert income[gettext("Paid in", lang)].tolist()[0] == gettext("Cash", lang)
    assert at.number_input(key="savings").value == pytest.approx(1200.0)
    at.switch_page(PAGES["budget"])  # AppTest stays on the page it was told; the browser is on the budget now
    switch_tab(at, "Spending plan", lang)
    spending = _editor_frame(at, "spending", lang)
    assert spending[gettext("Category", lang)].tolist()[0] == gettext("Housing (rent)", lang)
    assert spending[monthly].tolist()[0] == pytest.approx(1750.0)
    assert metric(at, gettext("Spending a month", lang)) == format_money(SPENDING + 150, lang)
    switch_tab(at, "Debts", lang)
    debts = _editor_frame(at, "debts", lang)
    assert debts[minimum].tolist() == pytest.approx([35.0, 260.0, 95.0])
    assert debts[gettext("APR (%)", lang)].tolist() == pytest.approx([14.99, 8.9, 24.99])


def test_budget_coach_opened_from_the_file_starts_from_its_latest_budget(agency):
    """ "Open in Budget coach" starts from the file's latest saved budget, tables included; blank values
    start from the examples again."""
    from tests.app.test_budget_page import edit_table

    at = opened(agency, "budget")
    edit_table(at, "income", "en", {"0": {"Amount each time": 725.0}})
    at.button(key="save_scenario_budget").click().run()
    again = app_test(
        "app_pages/household.py", user=agency["users"]["counselor"], household_id=agency["households"]["north"]
    )
    again.button(key="sf_open_budget").click().run()
    assert not again.exception, [e.value for e in again.exception]
    assert _editor_frame(again, "income", "en")["Amount each time"].tolist() == [725.0, 900.0, 300.0]
    again.switch_page(PAGES["budget"])
    again.button(key="sf_blank_budget").click().run()
    assert _editor_frame(again, "income", "en")["Amount each time"].tolist() == [650.0, 900.0, 300.0]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_credit_score_of_the_hud_answers_starts_the_calculators(agency, lang):
    from db import hud_client

    engine, user = agency["engine"], agency["users"]["counselor"]
    household = agency["households"]["north"]
    version = hud_client.get_profile(engine, user, household).version
    hud_client.save_profile(engine, user, household, version, {"credit_score": 655})
    at = opened(agency, "affordability", lang)
    assert at.number_input(key="credit").value == 655
    at.switch_page(PAGES["assistance"]).run()
    assert at.number_input(key="dpa_credit").value == 655


def test_examples_never_pass_as_the_familys_values(agency):
    """Debts typed in affordability go on and can update the file; its example savings do neither, and an
    income passed on untouched still says it came from intake."""
    at = opened(agency, "affordability")
    at.number_input(key="other_debt").set_value(400.0).run()
    at.button(key="save_scenario_affordability").click().run()
    text = visible_text(at).replace("\\", "")
    assert "Debt payments a month: $400" in text
    assert "Savings: $" not in text  # the page's example savings are not offered for the record
    at.switch_page(PAGES["assistance"]).run()
    text = visible_text(at).replace("\\", "")
    assert "Income a year: $62,000 (from intake, January 5, 2026)" in text
    assert "Debt payments a month: $400 (typed in Home affordability during this visit)" in text
    assert "Savings: $" not in text
    at.switch_page(PAGES["budget"]).run()
    assert "Savings: $" not in visible_text(at).replace("\\", "")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_rent_of_the_saved_budget_starts_rent_or_buy_and_the_tenant_calculator(agency, lang):
    at = opened(agency, "budget", lang)
    at.button(key="save_scenario_budget").click().run()
    if [b for b in at.button if b.key == "sf_confirm_yes_budget"]:
        at.button(key="sf_confirm_yes_budget").click().run()
    at.switch_page(PAGES["affordability"]).run()
    assert at.session_state["rent"] == pytest.approx(1600.0)  # the example budget's housing line
    at.switch_page(PAGES["tenant_checklist"]).run()
    assert at.number_input(key="tr_rent").value == pytest.approx(1600.0)
