"""Budget coach through the real entry point, in English and Spanish: what a family and a counselor see."""

from __future__ import annotations

import json

import pytest

from db import scenarios
from i18n import format_money, gettext
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/budget.py"
# The example household the page starts with: $650 weekly cash, $900 every two weeks, $300 SNAP;
# a $4,150 spending plan; three debts with $370 of minimums.
INCOME = 650 * 52 / 12 + 900 * 26 / 12 + 300
SPENDING = 4150.0
TABS = ("Income", "Spending plan", "Cash-flow calendar", "Debts", "Savings", "Compare budgets")


def open_page(lang="en", tab="Income", **kwargs):
    """The page with one tab open (only the open tab is built); tab=None lets the page choose, as on arrival."""
    state = kwargs.pop("state", {})
    if tab is not None:
        state = {"budget_tab": gettext(tab, lang), **state}
    at = app_test(PAGE, lang=lang, state=state, **kwargs)
    assert not at.exception, [e.value for e in at.exception]
    return at


def switch_tab(at, tab, lang="en"):
    """Click another tab (a tab switch reruns the page)."""
    at.session_state["budget_tab"] = gettext(tab, lang)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def edit_table(at, name, lang, edited_rows):
    """Edit cells of table `name` ('spending', 'debts'...) as the browser does: AppTest cannot type into a
    data editor, so its edit state (the edits relative to the rows it was built on) is set on the keyed
    editor through Session State before the rerun, which is AppTest's public way to edit one."""
    key = f"budget_{name}_{lang}"
    editors = [d for d in at.data_editor if d.key == key]
    assert len(editors) == 1, [d.key for d in at.data_editor]
    at.session_state[key] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    at.run()
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
    at = open_page(lang, "Spending plan")
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
                "Reference: 50%.",
            ],
        ),
        (
            "es",
            [
                "Mandar dinero a su familia le cuesta más del 5%",
                "Algunas semanas falta dinero aunque el mes alcance",
                "La tanda le ayuda a ahorrar",
                "Referencia: 50%.",
            ],
        ),
    ],
)
def test_tips_follow_the_situation(agency, lang, fragments):
    text = visible_text(open_page(lang, "Spending plan"))
    for fragment in fragments:
        assert fragment in text


def tips(at):
    return [i.value for i in at.info if i.icon == ":material/lightbulb:"]


@pytest.mark.parametrize("tab", TABS[1:])
def test_tips_count_the_closed_tabs(agency, tab):
    """The tips below the tabs are the same whichever tab is open: closed tabs are not built but still count."""
    assert tips(open_page("en", tab)) == tips(open_page("en"))


def test_a_closed_tab_builds_nothing(agency):
    """Only the open tab's tables, inputs and charts are built, so a change reruns fast."""
    at = open_page("en")
    assert [d.proto.id.rsplit("-", 1)[-1] for d in at.dataframe] == ["budget_income_en"]
    assert not at.get("vega_lite_chart")
    assert "debt_budget" not in [n.key for n in at.number_input]
    at = switch_tab(at, "Debts")
    assert [d.proto.id.rsplit("-", 1)[-1] for d in at.dataframe] == ["budget_debts_en"]
    assert "debt_budget" in [n.key for n in at.number_input]


def short_weeks_tip(at, lang):
    start = {"en": "Some weeks run short", "es": "Algunas semanas falta dinero"}[lang]
    return any(t.startswith(start) for t in tips(at))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_value_set_in_a_closed_tab_still_counts(agency, lang):
    """Money on hand set in the calendar keeps the short-weeks tip away on the other tabs too."""
    at = open_page(lang, "Cash-flow calendar")
    assert short_weeks_tip(at, lang)
    setting(at, "starting_balance", 5000.0)
    assert not short_weeks_tip(at, lang)
    switch_tab(at, "Income", lang)
    assert not short_weeks_tip(at, lang)
    switch_tab(at, "Cash-flow calendar", lang)
    assert at.number_input(key="starting_balance").value == 5000.0


def test_a_shared_link_counts_before_its_tab_is_opened(agency):
    assert short_weeks_tip(open_page("en"), "en")
    at = open_page("en", "Income", query={"starting_balance": "5000"})
    assert "starting_balance" not in [n.key for n in at.number_input]  # the calendar tab is closed
    assert not short_weeks_tip(at, "en")


@pytest.mark.parametrize(
    "lang, query, tab, key",
    [
        ("en", {}, "Income", "income"),
        ("en", {"debt_budget": "450"}, "Debts", "debt_budget"),
        ("es", {"starting_balance": "200"}, "Cash-flow calendar", "starting_balance"),
        ("en", {"goal": "3000", "monthly_deposit": "100"}, "Savings", "goal"),
        ("es", {"tanda_members": "8"}, "Spending plan", "tanda_members"),
    ],
)
def test_a_link_opens_the_tab_of_its_amount(agency, lang, query, tab, key):
    """A workshop slide's link to an amount lands on the tab that shows it, with the amount filled in."""
    at = open_page(lang, None, query=query)
    assert at.session_state["budget_tab"] == gettext(tab, lang)
    if key in query:
        assert at.number_input(key=key).value == float(query[key])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_table_edits_survive_switching_tabs(agency, lang):
    """Rent raised in the spending plan still counts on the Debts tab, and is still there on coming back."""
    at = open_page(lang, "Spending plan")
    amount = gettext("Monthly amount", lang)  # the column, as the table shows it
    edit_table(at, "spending", lang, {"0": {amount: 2600.0}})  # row 0 is rent, $1,600 in the example
    spent = gettext("Spending a month", lang)
    assert metric(at, spent) == format_money(SPENDING + 1000, lang)
    switch_tab(at, "Debts", lang)
    assert tips(at) and gettext("Spending a month", lang) not in [m.label for m in at.metric]
    switch_tab(at, "Spending plan", lang)
    assert metric(at, spent) == format_money(SPENDING + 1000, lang)
    # A second edit after coming back builds on the kept rows (the first one is not lost or applied twice).
    edit_table(at, "spending", lang, {"1": {amount: 280.0}})  # utilities, $180 in the example
    assert metric(at, spent) == format_money(SPENDING + 1100, lang)


def test_a_new_visit_starts_from_the_example(agency):
    """Tables are kept while on the page, not after leaving it: the next visit (maybe another client) starts over."""
    # Opened by a link (not by setting the tab's state, which would outlive the visit in AppTest).
    at = open_page("en", None, query={"transfers_per_month": "1"})
    assert at.session_state["budget_tab"] == "Spending plan"
    edit_table(at, "spending", "en", {"0": {"Monthly amount": 2600.0}})
    assert metric(at, "Spending a month") == format_money(SPENDING + 1000, "en")
    at.switch_page("app_pages/affordability.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["budget_tab"] == "Income"  # a new visit: the tab and the tables start over
    switch_tab(at, "Spending plan")
    assert metric(at, "Spending a month") == format_money(SPENDING, "en")


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", "Spending plan: Row 2: Choose a category from the list."),
        ("es", "Plan de gastos: Fila 2: "),
    ],
)
def test_an_error_in_a_closed_tab_says_which_tab(agency, lang, message):
    """A table left with an error still stops the totals; seen from another tab, the message names its tab."""
    at = open_page(lang, "Spending plan")
    edit_table(at, "spending", lang, {"1": {gettext("Category", lang): "Lottery"}})
    assert any(e.value.startswith(gettext("Row {row}: {message}", lang)[:4]) for e in at.error)
    switch_tab(at, "Debts", lang)
    errors = [e.value for e in at.error]
    assert any(e.startswith(message) for e in errors), errors
    assert not tips(at)  # no totals, so no tips, until the row is fixed


def test_irregular_income_is_built_when_its_section_opens(agency):
    at = open_page("en")
    assert "budget_irregular_en" not in [d.proto.id.rsplit("-", 1)[-1] for d in at.dataframe]
    at.session_state["budget_irregular_open"] = True
    at.run()
    assert "budget_irregular_en" in [d.proto.id.rsplit("-", 1)[-1] for d in at.dataframe]
    assert at.checkbox(key="irregular_cash").value is True


def test_week_one_goes_negative_and_is_flagged(agency):
    at = open_page("en", "Cash-flow calendar")
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
    at = open_page("en", "Debts")
    assert "No credit score yet?" in visible_text(at)
    setting(at, "credit_score", 680.0)
    assert "No credit score yet?" not in visible_text(at)


@pytest.mark.parametrize(
    "lang, tab, key, value, message",
    [
        ("en", "Debts", "debt_budget", 300.0, "less than the minimum payments added up"),
        ("es", "Debts", "debt_budget", 300.0, "es menos que la suma de los pagos mínimos"),
        ("en", "Income", "savings", -5.0, "This amount cannot be negative."),
        ("es", "Income", "savings", -5.0, "no puede ser negativ"),
        ("en", "Savings", "monthly_deposit", 0.0, "this goal is never reached"),
        ("es", "Savings", "monthly_deposit", 0.0, "nunca llega a esta meta"),
    ],
)
def test_bad_input_shows_a_message_at_the_field(agency, lang, tab, key, value, message):
    at = setting(open_page(lang, tab), key, value)
    errors = [e.value for e in at.error]
    assert any(message in e for e in errors), errors


def test_debt_methods_side_by_side(agency):
    at = open_page("en", "Debts")
    text = visible_text(at)
    assert "Order: Store card, Credit card, Car" in text
    assert "Order: Credit card, Store card, Car" in text
    # Reference case: $600 a month on these three debts, 1456.53 - 1381.62 saved by avalanche.
    assert "Avalanche saves $74.91 in interest." in text
    assert metric(at, "Months to pay off") == "23"


def test_more_for_debts_shortens_the_payoff(agency):
    at = setting(open_page("en", "Debts"), "debt_budget", 1200.0)
    assert int(metric(at, "Months to pay off")) < 23


def test_mortgage_ready_gap_and_link(agency):
    at = setting(open_page("en", "Debts"), "gross_income", 800.0)
    text = visible_text(at)
    # $370 of minimums against $800: 43% of 800 = 344, so payments must drop by $26.
    assert "monthly debt payments would need to drop by $26.00" in text
    # The income before taxes is kept while the tab is closed: the tip about debts stays.
    over = "Your monthly debt payments are already above what a lender usually allows"
    assert any(t.startswith(over) for t in tips(at))
    switch_tab(at, "Savings")
    assert any(t.startswith(over) for t in tips(at))
    switch_tab(at, "Debts")
    assert at.number_input(key="gross_income").value == 800.0


def test_a_shared_link_opens_the_same_scenario(agency):
    """Amounts are bound to the URL, so a link with debt_budget opens that plan (in either language)."""
    at = open_page("es", "Debts", query={"debt_budget": "1200"})
    assert int(metric(at, "Meses para terminar de pagar")) < 23


def test_logged_out_there_is_no_save_button(agency):
    at = open_page("en", "Compare budgets")
    assert not [b for b in at.button if b.key == "save_scenario_budget"]
    assert "Save this budget to a client file" in visible_text(at)


def test_save_then_compare_and_propose_outcomes(agency):
    user = agency["users"]["counselor"]
    household = agency["households"]["north"]
    at = open_page("en", "Compare budgets", user=user, household_id=household)
    at.button(key="save_scenario_budget").click().run()
    assert not scenarios.list_for(agency["engine"], user, household, "budget")  # the example: asked first
    at.button(key="sf_confirm_yes_budget").click().run()
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
    assert summary["credit_score"] is None  # left empty on screen: unknown, not 0

    setting(at, "savings", 900.0)
    text = visible_text(at)
    assert "Savings: $300.00 → $900.00" in text
    confirm = [b.label for b in at.button if b.key and b.key.startswith("confirm_outcome_")]
    assert "Confirm: Improved financial capacity" in confirm


def test_spanish_compare_after_saving(agency):
    user = agency["users"]["counselor"]
    household = agency["households"]["north"]
    at = open_page("es", "Compare budgets", user=user, household_id=household)
    at.button(key="save_scenario_budget").click().run()
    at.button(key="sf_confirm_yes_budget").click().run()
    setting(at, "savings", 50.0)
    text = visible_text(at)
    assert "Ahorros: $300.00 → $50.00" in text
    confirm = [b.key for b in at.button if b.key and b.key.startswith("confirm_outcome_")]
    # Savings went down: the budget was developed, but capacity did not improve.
    assert confirm == ["confirm_outcome_budget_developed"]


@pytest.mark.parametrize(
    "lang, tab, title",
    [
        ("en", "Spending plan", "Dollars a month"),
        ("en", "Cash-flow calendar", "Dollars"),
        ("en", "Debts", "Months from now"),
        ("es", "Spending plan", "Dólares al mes"),
        ("es", "Cash-flow calendar", "Dólares"),
        ("es", "Debts", "Meses desde hoy"),
    ],
)
def test_each_chart_with_translated_axes(agency, lang, tab, title):
    """Where the money goes, cash flow by week, debt balances over time: one chart in its own tab."""
    at = open_page(lang, tab)
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert len(specs) == 1
    assert f'"title": "{title}"' in json.dumps(specs[0], ensure_ascii=False)


def test_link_to_affordability_carries_amounts_only(agency):
    at = setting(open_page("en", "Debts"), "gross_income", 5000.0)
    links = at.get("page_link")
    assert [link.proto.label for link in links] == ["See what home price fits"]
    # Only income and debt payments travel: no name, no household.
    assert links[0].proto.page == "affordability"
    assert links[0].proto.query_string == "income=5000.0&other_debt=370.0"
