"""Affordability page through the real entry point, in English and Spanish: what a counselor and a family see."""

from __future__ import annotations

import pytest

from calculators.affordability.levers import levers
from calculators.affordability.max_price import max_price
from calculators.affordability.price import analyze
from db import scenarios
from i18n import format_money
from tests.app.conftest import app_test, visible_text
from ui.affordability.panels import COMPARE_CHART_KEY

PAGE = "app_pages/affordability.py"


def open_page(lang="en", mode=None, **kwargs):
    at = app_test(PAGE, lang=lang, **kwargs)
    assert not at.exception, [e.value for e in at.exception]
    if mode:
        at.segmented_control(key="mode").set_value(mode).run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def setting(at, key, value):
    at.number_input(key=key).set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at, label):
    found = [m.value for m in at.metric if m.label == label]
    assert found, f"no metric {label!r} in {[m.label for m in at.metric]}"
    return found[0]


# The scenario the page builds from its defaults plus the values the tests type in.
def page_scenario(**changes):
    scenario = {
        "loan_type": "conventional",
        "annual_rate": 0.065,
        "term_years": 30,
        "gross_monthly_income": 7000.0,
        "monthly_debts": 310.0,
        "jurisdiction": "dc",
        "id_type": "ssn",
        "residency": "citizen",
        "cash_available": 30000.0,
        "reserves": 0.0,
        "monthly_hoa": 0.0,
        "seller_credit": 0.0,
        "assistance": 0.0,
    }
    scenario.update(changes)
    return scenario


@pytest.mark.parametrize(
    "lang,highest,raise_text,why",
    [
        (
            "en",
            "Highest price",
            "Paying off the car loan ($900 a month) raises the price by about {change}.",
            "What stops a higher price: the home payment plus other debts would pass 36.0% of the income.",
        ),
        (
            "es",
            "Precio más alto",
            "Terminar de pagar el préstamo del carro ($900 al mes) sube el precio unos {change}.",
            "Lo que no deja subir el precio: el pago de la casa más las otras deudas pasaría el 36.0% del ingreso.",
        ),
    ],
)
def test_what_can_we_afford(agency, lang, highest, raise_text, why):
    """The highest price, what limits it in plain words, and what paying off the car would do."""
    at = open_page(lang)
    setting(at, "income", 7000.0)
    setting(at, "car", 900.0)
    setting(at, "cash", 30000.0)
    scenario = page_scenario(monthly_debts=900.0)
    expected = max_price(scenario)
    assert expected["binding_constraint"] == "back_dti"
    assert metric(at, highest) == format_money(expected["price"], lang, cents=False)
    car = [lv for lv in levers(scenario, [{"name": "car", "monthly": 900}]) if lv["kind"] == "pay_off_debt"][
        0
    ]
    change = format_money(round(car["change"] / 1000) * 1000, lang, cents=False)
    text = visible_text(at)
    assert raise_text.format(change=change) in text
    assert why in text
    if lang == "es":
        assert "What stops" not in text and "Paying off" not in text


def test_spanish_title_is_translated(agency):
    at = open_page("es")
    assert at.title[0].value != "Home affordability"


@pytest.mark.parametrize(
    "lang,total,ratio,blocker",
    [
        (
            "en",
            "Total a month",
            "Total-debt ratio (back-end DTI)",
            "The home payment plus other debts is too high",
        ),
        (
            "es",
            "Total al mes",
            "Parte del ingreso para todas las deudas (DTI total)",
            "El pago de la casa más las otras deudas es muy alto",
        ),
    ],
)
def test_can_we_afford_this_home(agency, lang, total, ratio, blocker):
    at = open_page(lang, "home")
    setting(at, "income", 6000.0)
    setting(at, "car", 400.0)
    setting(at, "price", 350000.0)
    setting(at, "down", 12250.0)
    expected = analyze(
        page_scenario(
            gross_monthly_income=6000.0,
            monthly_debts=400.0,
            price=350000.0,
            down_payment=12250.0,
            cash_available=20000.0,
        )
    )
    assert metric(at, total) == format_money(expected["monthly"]["total"], lang)
    assert metric(at, ratio).replace("\xa0", " ").startswith(f"{expected['back_dti'] * 100:.1f}")
    text = visible_text(at)
    assert blocker in text
    # every part of the monthly cost is on screen, and the defaults carry their sources once opened
    for part in ("principal_interest", "property_tax", "insurance", "mortgage_insurance"):
        assert format_money(expected["monthly"][part], lang) in text
    assert "otr.cfo.dc.gov" not in text  # the cost panel is closed and not built
    at.session_state["aff_costs"] = True
    at.run()
    assert "otr.cfo.dc.gov" in visible_text(at)


def test_overriding_a_default_changes_the_result(agency):
    at = open_page("en", "home", state={"aff_costs": True})
    before = metric(at, "Total a month")
    setting(at, "tax", 1.5)
    after = metric(at, "Total a month")
    assert before != after
    assert "Default: 0.85%" in [n.placeholder for n in at.number_input if n.key == "tax"][0]


COST_KEYS = ("tax", "homestead", "ins", "closing", "min_down", "hoa", "seller", "dpa", "pmi")


def test_cost_inputs_are_built_only_while_their_panel_is_open(agency):
    at = open_page("en", "home")
    assert not [n for n in at.number_input if n.key in COST_KEYS]
    at.session_state["aff_costs"] = True
    at.run()
    assert {n.key for n in at.number_input} >= set(COST_KEYS)


@pytest.mark.parametrize(
    "key,value",
    [("tax", 1.5), ("ins", 3000.0), ("closing", 5.0), ("hoa", 250.0), ("seller", 4000.0), ("pmi", 1.1)],
)
def test_closing_the_cost_panel_keeps_what_was_entered(agency, key, value):
    def results(at):
        return [(m.label, m.value) for m in at.metric]

    at = open_page("en", "home", state={"aff_costs": True})
    defaults = results(at)
    setting(at, key, value)
    changed = results(at)
    assert changed != defaults
    at.session_state["aff_costs"] = False
    at.run()
    assert not [n for n in at.number_input if n.key == key]
    assert results(at) == changed
    assert float(at.query_params[key]) == value  # the link still gives the same answer
    at.session_state["aff_costs"] = True
    at.run()
    assert at.number_input(key=key).value == value


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_link_with_a_changed_cost_opens_the_panel_and_uses_it(agency, lang):
    plain = open_page(lang, query={"mode": "home"})
    linked = open_page(lang, query={"mode": "home", "hoa": "300", "limits": "maximum"})
    assert linked.number_input(key="hoa").value == 300.0
    assert linked.segmented_control(key="limits").value == "maximum"
    total = "Total a month" if lang == "en" else "Total al mes"
    assert metric(linked, total) != metric(plain, total)


@pytest.mark.parametrize(
    "key,value,lang,message",
    [
        ("rate", 0.0, "en", "Enter an interest rate above 0% and at most 20%."),
        ("rate", 25.0, "es", "Escriba una tasa de interés mayor que 0% y de hasta 20%."),
        ("term", 45, "en", "Enter a loan term between 10 and 40 years."),
        ("income", 0.0, "en", "Enter the household's monthly income (more than $0)."),
        ("car", -50.0, "en", "This amount cannot be negative."),
        ("cash", -1.0, "en", "This amount cannot be negative."),
    ],
)
def test_bad_input_shows_a_message_not_a_trace(agency, key, value, lang, message):
    at = open_page(lang)
    setting(at, key, value)
    errors = [e.value for e in at.error]
    assert message in errors
    assert not at.exception
    assert not [m for m in at.metric if m.label in ("Highest price", "Precio más alto")]


def test_down_payment_above_price_in_spanish(agency):
    at = open_page("es", "home")
    setting(at, "price", 200000.0)
    setting(at, "down", 250000.0)
    assert "El pago inicial no puede ser más que el precio." in [e.value for e in at.error]
    assert not at.exception
    assert not [m for m in at.metric if m.label == "Total al mes"]


def test_pay_helper_turns_hourly_pay_into_monthly_income(agency):
    at = open_page("en", state={"pay_helper": True})  # the helper is open
    at.number_input(key="pay_amount").set_value(20.0).run()
    at.selectbox(key="pay_frequency").set_value("hourly").run()
    at.number_input(key="pay_hours").set_value(40.0).run()
    assert "That is about $3,466.67 a month." in visible_text(at)
    at.button(key="pay_use").click().run()
    assert at.number_input(key="income").value == pytest.approx(3466.67)


@pytest.mark.parametrize("lang,sentence", [("en", "After 7 years"), ("es", "Después de 7 años")])
def test_rent_or_buy(agency, lang, sentence):
    at = open_page(lang, "rent")
    text = visible_text(at)
    assert sentence in text
    assert len(at.get("vega_lite_chart")) == 1


def test_compare_three_loans_with_two_charts_one_at_a_time(agency):
    at = open_page("en", "compare")
    totals = [m for m in at.metric if m.label == "Total a month"]
    assert len(totals) == 3
    # One chart at a time, in tabs: only the one in view is built.
    assert at.session_state[COMPARE_CHART_KEY] == "Monthly cost"
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1 and '"stack": "zero"' in charts[0].proto.spec
    at.session_state[COMPARE_CHART_KEY] = "Balance and equity over the years"
    at.run()
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1 and '"strokeDash"' in charts[0].proto.spec
    assert "Equity here assumes the home keeps its price; it does not count appreciation." in visible_text(at)
    at.segmented_control(key="n_compare").set_value(2).run()
    assert len([m for m in at.metric if m.label == "Total a month"]) == 2


def test_what_would_it_take(agency):
    at = open_page("es", "target")
    setting(at, "income", 9000.0)
    setting(at, "cash", 60000.0)
    text = visible_text(at)
    assert "Ingreso mensual necesario" in text or "Más ingreso solo no basta" in text
    assert "Ahorros necesarios" in text


def test_fha_for_an_itin_borrower_explains_why_not(agency):
    at = open_page("en")
    at.selectbox(key="loan").set_value("fha").run()
    at.selectbox(key="aff_id_type").set_value("itin").run()
    text = visible_text(at)
    assert "This loan needs a Social Security number. An ITIN is not enough." in text
    assert metric(at, "Highest price") == "$0"


def test_logged_out_there_is_no_save_button(agency):
    at = open_page("en")
    assert not [b for b in at.button if b.key == "save_scenario_affordability"]


def test_save_to_client_stores_the_scenario_on_the_household(agency):
    user = agency["users"]["counselor"]
    household = agency["households"]["north"]
    at = open_page("en", user=user, household_id=household)
    at.button(key="save_scenario_affordability").click().run()
    assert "Saved to the client file." in [s.value for s in at.success]
    saved = scenarios.list_for(agency["engine"], user, household, "affordability")
    assert saved and saved[0]["summary"]["loan_type"] == "conventional"
    assert {"price", "monthly_total", "cash_to_close", "binding_constraint"} <= set(saved[0]["summary"])


def test_links_carry_codes_so_they_open_in_either_language(agency):
    """A link made in Spanish opens the same scenario in English: the URL holds codes, not labels."""
    at = open_page("es", query={"mode": "home", "loan": "fha", "rate": "7"})
    assert at.segmented_control(key="mode").value == "home"
    assert at.selectbox(key="loan").value == "fha"
    at.segmented_control(key="mode").set_value("rent").run()
    at.selectbox(key="area").set_value("montgomery_md").run()
    shared = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert shared == {"mode": "rent", "loan": "fha", "rate": "7", "area": "montgomery_md"}
    english = open_page("en", query=shared)
    assert english.segmented_control(key="mode").value == "rent"
    assert english.selectbox(key="area").value == "montgomery_md"


def test_id_type_and_status_never_reach_the_url(agency):
    at = open_page("en")
    at.selectbox(key="aff_id_type").set_value("itin").run()
    at.selectbox(key="aff_residency").set_value("non_permanent_resident").run()
    setting(at, "income", 5000.0)
    values = " ".join(str(v) for v in at.query_params.values())
    assert "itin" not in values and "non_permanent" not in values
    assert not {"aff_id_type", "aff_residency"} & set(at.query_params)


@pytest.mark.parametrize(
    "lang,row,checked",
    [
        (
            "en",
            "| Property tax rate | 0.85% | [Source](https://otr.cfo.dc.gov/page/real-property-tax-rates) |",
            "November 27, 2026",
        ),
        ("es", "| Tasa del impuesto a la propiedad |", "27 de noviembre de 2026"),
    ],
)
def test_defaults_table_shows_value_source_and_date(agency, lang, row, checked):
    at = open_page(lang, "home", state={"aff_sources": True})
    tables = [m.value for m in at.markdown if m.value.startswith("| ") and "otr.cfo.dc.gov" in m.value]
    assert tables, "the sources table is missing"
    assert row in tables[0] and checked in tables[0]


def test_a_chart_spec_is_built_once_per_data_and_language(agency, monkeypatch):
    """Rent or buy: a rerun that changes nothing the chart shows reuses its spec; a new rent builds one."""
    from ui.affordability import charts

    built = []
    original = charts.rent_vs_buy
    monkeypatch.setattr(charts, "rent_vs_buy", lambda rows: built.append(1) or original(rows))
    charts.chart_spec.clear()
    at = open_page("en", "rent")
    assert len(built) == 1 and len(at.get("vega_lite_chart")) == 1
    at.run()
    assert len(built) == 1
    setting(at, "rent", 2300.0)
    assert len(built) == 2
