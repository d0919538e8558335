"""The Budget coach's Spending plan tab beyond its totals: the transfer comparison, built only when opened
(or when a link carries its numbers), and what an empty cell of its table shows, in English and Spanish."""

from __future__ import annotations

import pytest

from tests.app.conftest import visible_text
from tests.app.test_budget_page import open_page, tips


@pytest.mark.parametrize(
    "lang, saving, tip",
    [
        ("en", "Sending with Phone app would save about $156 a year.", "Sending money home costs you more"),
        (
            "es",
            "Si manda con Aplicación del teléfono, ahorraría unos $156 al año.",
            "Mandar dinero a su familia",
        ),
    ],
)
def test_the_transfer_comparison_is_built_when_opened(agency, lang, saving, tip):
    """Closed, the comparison builds no table or select box, yet its cost still brings the tip; opened, it
    shows what the cheapest service would save (the expander reports being opened and reruns)."""
    at = open_page(lang, "Spending plan")
    ids = [d.proto.id.rsplit("-", 1)[-1] for d in at.dataframe]
    assert f"budget_transfers_{lang}" not in ids and "transfers_per_month" not in [
        n.key for n in at.number_input
    ]
    assert saving not in visible_text(at)
    closed_tips = tips(at)
    assert any(t.startswith(tip) for t in closed_tips)  # $300 sent: the store's 6.3% ($19.00 a transfer)
    at.session_state["budget_remittance_open"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"budget_transfers_{lang}" in [d.proto.id.rsplit("-", 1)[-1] for d in at.dataframe]
    assert saving in visible_text(at)
    assert tips(at) == closed_tips  # the same share, from the table or from the kept values


def test_a_link_with_transfers_opens_the_comparison(agency):
    at = open_page("en", None, query={"transfers_per_month": "2"})
    assert at.number_input(key="transfers_per_month").value == 2
    # $150 a transfer: the store's $14.50 against the app's $4.49, twice a month: $240.24 a year
    assert "Sending with Phone app would save about $240 a year." in visible_text(at)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_empty_cells_show_a_dash_not_none(agency, lang):
    """Groceries have no payday in the example: the cell shows "—", not Streamlit's English "None"."""
    at = open_page(lang, "Spending plan")
    editor = next(d for d in at.data_editor if d.key == f"budget_spending_{lang}")
    assert editor.proto.placeholder == "—"
