"""Budget coach through the real entry point, in English and Spanish: what a family and a counselor see."""

from __future__ import annotations

import json

import pytest

from db import scenarios
from i18n import format_money
from tests.app.conftest import app_test, visible_text

PAGE = "pages/budget.py"
# The example household the page starts with: $650 weekly cash, $900 every two weeks, $300 SNAP;
# a $4,150 spending plan; three debts with $370 of minimums.
INCOME = 650 * 52 / 12 + 900 * 26 / 12 + 300
SPENDING = 4150.0


def open_page(lang="en", **kwargs):
    at = app_test(PAGE, lang=lang, **kwargs)
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


@pytest.mark.parametrize(
    "lang, income_label, left_label, title",
    [
        ("en", "Income a month", "Left over", "Budget coach"),
        ("es", "Ingresos al mes", "Lo que sobra", "Asesor de presupuesto"),
    ],
)
def test_example_budget_totals(agency, lang, income_label, left_label, title):
    at = open_page(lang)
    assert at.title[0].value == title
    assert metric(at, income_label) == format_money(INCOME, lang)
    assert metric(at, left_label) == format_money(INCOME - SPENDING, lang)


@pytest.mark.parametrize(
    "lang, fragments",
    [
        (
            "en",
            [
                "Sending money home costs you more than 5%",  # the store charges 6.3% on $300
                "Some weeks run short even if the month adds up",  # rent on the 1st, pay on the 5th
                "A tanda helps you save",
                "Sending with Phone app would save about $156 a year.",  # ($19.00 - $5.99) x 12 = $156.12
                "Reference: 50%.",
            ],
        ),
        (
            "es",
            [
                "Mandar dinero a su familia le cuesta más del 5%",
                "Algunas semanas falta dinero aunque el mes alcance",
                "La tanda le ayuda a ahorrar",
                "Si manda con Aplicación del teléfono, ahorraría unos $156 al año.",
                "Referencia: 50%.",
            ],
        ),
    ],
)
def test_tips_follow_the_situation(agency, lang, fragments):
    text = visible_text(open_page(lang))
    for fragment in fragments:
        assert fragment in text


def test_week_one_goes_negative_and_is_flagged(agency):
    at = open_page("en")
    flagged = [e.value for e in at.error if e.value.startswith("Week 1:")]
    assert flagged and "balance -$" in flagged[0]
    assert any("Money runs short in week(s) 1" in w.value for w in at.warning)


@pytest.mark.parametrize(
    "lang, tip",
    [
        ("en", "Keeping all your money in cash is risky"),
        ("es", "Guardar todo su dinero en efectivo es riesgoso"),
    ],
)
def test_no_bank_account_brings_safe_account_tip(agency, lang, tip):
    at = open_page(lang)
    assert tip not in visible_text(at)
    at.checkbox(key="banked").uncheck().run()
    assert tip in visible_text(at)


def test_a_credit_score_removes_the_build_credit_tip(agency):
    at = open_page("en")
    assert "No credit score yet?" in visible_text(at)
    setting(at, "credit_score", 680.0)
    assert "No credit score yet?" not in visible_text(at)


@pytest.mark.parametrize(
    "lang, key, value, message",
    [
        ("en", "debt_budget", 300.0, "less than the minimum payments added up"),
        ("es", "debt_budget", 300.0, "es menos que la suma de los pagos mínimos"),
        ("en", "savings", -5.0, "This amount cannot be negative."),
        ("es", "savings", -5.0, "no puede ser negativ"),
        ("en", "monthly_deposit", 0.0, "this goal is never reached"),
        ("es", "monthly_deposit", 0.0, "nunca llega a esta meta"),
    ],
)
def test_bad_input_shows_a_message_at_the_field(agency, lang, key, value, message):
    at = setting(open_page(lang), key, value)
    errors = [e.value for e in at.error]
    assert any(message in e for e in errors), errors


def test_debt_methods_side_by_side(agency):
    at = open_page("en")
    text = visible_text(at)
    assert "Order: Store card, Credit card, Car" in text
    assert "Order: Credit card, Store card, Car" in text
    # Reference case: $600 a month on these three debts, 1456.53 - 1381.62 saved by avalanche.
    assert "Avalanche saves $74.91 in interest." in text
    assert metric(at, "Months to pay off") == "23"


def test_more_for_debts_shortens_the_payoff(agency):
    at = setting(open_page("en"), "debt_budget", 1200.0)
    assert int(metric(at, "Months to pay off")) < 23


def test_mortgage_ready_gap_and_link(agency):
    at = setting(open_page("en"), "gross_income", 800.0)
    text = visible_text(at)
    # $370 of minimums against $800: 43% of 800 = 344, so payments must drop by $26.
    assert "monthly debt payments would need to drop by $26.00" in text


def test_a_shared_link_opens_the_same_scenario(agency):
    """Amounts are bound to the URL, so a link with debt_budget opens that plan (in either language)."""
    at = open_page("es", query={"debt_budget": "1200"})
    assert int(metric(at, "Meses para terminar de pagar")) < 23


def test_logged_out_there_is_no_save_button(agency):
    at = open_page("en")
    assert not [b for b in at.button if b.key == "save_scenario_budget"]
    assert "Save this budget to a client file" in visible_text(at)


def test_save_then_compare_and_propose_outcomes(agency):
    user = agency["users"]["counselor"]
    household = agency["households"]["north"]
    at = open_page("en", user=user, household_id=household)
    at.button(key="save_scenario_budget").click().run()
    assert "Saved to the client file." in [s.value for s in at.success]
    saved = scenarios.list_for(agency["engine"], user, household, "budget")
    summary = saved[0]["summary"]
    assert {
        "monthly_income",
        "monthly_spending",
        "left_over",
        "total_debt",
        "savings",
        "emergency_fund_months",
    } <= set(summary)
    assert summary["monthly_spending"] == pytest.approx(SPENDING)
    assert "credit_score" not in summary

    setting(at, "savings", 900.0)
    text = visible_text(at)
    assert "Savings: $300.00 → $900.00" in text
    confirm = [b.label for b in at.button if b.key and b.key.startswith("confirm_outcome_")]
    assert "Confirm: Improved financial capacity" in confirm


def test_spanish_compare_after_saving(agency):
    user = agency["users"]["counselor"]
    household = agency["households"]["north"]
    at = open_page("es", user=user, household_id=household)
    at.button(key="save_scenario_budget").click().run()
    setting(at, "savings", 50.0)
    text = visible_text(at)
    assert "Ahorros: $300.00 → $50.00" in text
    confirm = [b.key for b in at.button if b.key and b.key.startswith("confirm_outcome_")]
    # Savings went down: the budget was developed, but capacity did not improve.
    assert confirm == ["confirm_outcome_budget_developed"]


@pytest.mark.parametrize(
    "lang, titles",
    [
        ("en", {"Dollars a month", "Dollars", "Months from now"}),
        ("es", {"Dólares al mes", "Dólares", "Meses desde hoy"}),
    ],
)
def test_three_charts_with_translated_axes(agency, lang, titles):
    """Where the money goes, cash flow by week, debt balances over time."""
    at = open_page(lang)
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert len(specs) == 3
    shown = {json.dumps(spec, ensure_ascii=False) for spec in specs}
    for title in titles:
        assert any(f'"title": "{title}"' in s for s in shown), title


def test_link_to_affordability_carries_amounts_only(agency):
    at = setting(open_page("en"), "gross_income", 5000.0)
    links = at.get("page_link")
    assert [link.proto.label for link in links] == ["See what home price fits"]
    # Only income and debt payments travel: no name, no household.
    assert links[0].proto.page == "affordability"
    assert links[0].proto.query_string == "income=5000.0&other_debt=370.0"
