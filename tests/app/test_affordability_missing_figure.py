"""A figure the rules do not have today (a county's property tax rate): the page names it and opens its box."""

from __future__ import annotations

import pytest

from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/affordability.py"
PANEL = {
    "en": "Taxes, insurance and other costs (defaults and their sources)",
    "es": "Impuestos, seguro y otros costos (valores usados y sus fuentes)",
}
FIGURE = {"en": "Property tax rate", "es": "Tasa del impuesto a la propiedad"}
AT_THE_FIELD = {"en": "We have no figure on file for this.", "es": "No tenemos esta cifra."}


def in_area(lang: str, area: str):
    at = app_test(PAGE, lang=lang)
    at.selectbox(key="area").set_value(area).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def costs_panel(at, lang: str):
    return next(e for e in at.expander if e.label == PANEL[lang])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_missing_tax_rate_is_named_and_its_box_is_open_to_fill_in(lang):
    at = in_area(
        lang, "fairfax_va"
    )  # no Fairfax rate is stored after June 2025 (calculators/rules/property.toml)
    pointer = [i.value for i in at.info if FIGURE[lang] in i.value]
    assert pointer == [
        {
            "en": f"To see the answer, fill in “{FIGURE['en']}” under “{PANEL['en']}”.",
            "es": f"Para ver la respuesta, escriba «{FIGURE['es']}» en «{PANEL['es']}».",
        }[lang]
    ]
    panel = costs_panel(at, lang)
    assert panel.number_input(key="tax") is not None  # the box is drawn: the panel opened by itself
    assert [e.value for e in panel.error if AT_THE_FIELD[lang] in e.value]  # the message sits at the box


@pytest.mark.parametrize("lang", ["en", "es"])
def test_typing_the_rate_gives_the_answer(lang):
    at = in_area(lang, "fairfax_va")
    costs_panel(at, lang).number_input(key="tax").set_value(1.1).run()
    assert not at.exception
    assert not [i for i in at.info if FIGURE[lang] in i.value]
    assert [m for m in at.metric if m.label in ("Highest price", "Precio más alto")]


def test_with_every_figure_on_file_the_panel_stays_closed():
    at = in_area("en", "dc")
    assert [m for m in at.metric if m.label == "Highest price"]
    assert "To see the answer" not in visible_text(at)
    assert not costs_panel(at, "en").number_input  # closed: its boxes are not built
