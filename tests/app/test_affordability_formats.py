"""Affordability page, Spanish-mode audit: select-box placeholders, rates and dates in the sources table, the rate box."""

from __future__ import annotations

import re

import pytest

from calculators.affordability.price import analyze
from i18n import format_date
from tests.app.conftest import app_test
from tests.app.test_affordability_page import page_scenario

PAGE = "app_pages/affordability.py"
PLACEHOLDER = {"en": "Choose an option", "es": "Elija una opción"}


def open_page(lang, mode=None, **kwargs):
    at = app_test(PAGE, lang=lang, **kwargs)
    if mode:
        at.segmented_control(key="mode").set_value(mode).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sources_table(at) -> str:
    tables = [m.value for m in at.markdown if m.value.startswith("| ") and "otr.cfo.dc.gov" in m.value]
    assert tables, "the sources table is missing"
    return tables[0]


def row(table: str, label: str) -> list[str]:
    """The cells of the table row that starts with `label`."""
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if cells[0] == label:
            return cells
    raise AssertionError(f"no row {label!r} in\n{table}")


def shown(widget) -> str:
    """What the browser writes in a number box: sprintf.js with the widget's format ("%g" or "%.Nf")."""
    fmt, value = widget.proto.format, widget.value
    if fmt == "%g":  # sprintf.js: no precision -> String(parseFloat(value)), the shortest exact form
        return repr(float(value)).removesuffix(".0")
    match = re.fullmatch(r"%0?\.(\d+)f", fmt)
    assert match, f"unexpected format {fmt!r}"
    return f"{value:.{match[1]}f}"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("mode", ["afford", "compare"])
def test_every_select_box_has_a_placeholder_in_the_page_language(agency, lang, mode):
    """Emptied by the user, a select box says "Choose an option" in the page's language, not Streamlit's English."""
    at = open_page(lang, mode)
    boxes = {box.key: box.proto.placeholder for box in at.selectbox}
    expected = {"loan", "area", "aff_id_type", "aff_residency"}
    if mode == "compare":
        expected |= {"c1_loan", "c2_loan", "c3_loan"}
    assert set(boxes) >= expected
    assert boxes == dict.fromkeys(boxes, PLACEHOLDER[lang])


@pytest.mark.parametrize(
    "lang,labels,values",
    [
        (
            "en",
            (
                "Property tax rate",
                "Closing costs",
                "Housing limit (front-end DTI)",
                "Total-debt limit (back-end DTI)",
            ),
            ("0.85%", "3%", "28%", "36%"),
        ),
        (
            "es",
            (
                "Tasa del impuesto a la propiedad",
                "Costos de cierre",
                "Límite para la vivienda (DTI de vivienda)",
                "Límite de todas las deudas (DTI total)",
            ),
            ("0.85%", "3%", "28%", "36%"),
        ),
    ],
)
def test_sources_table_shows_rates_with_only_the_decimals_they_need(agency, lang, labels, values):
    """28% and 0.85%, never "28.000%" (which a Spanish reader takes for twenty-eight thousand)."""
    table = sources_table(open_page(lang, "home", state={"aff_sources": True}))
    for label, value in zip(labels, values, strict=True):
        assert row(table, label)[1] == value
    assert not re.search(r"\d\.\d{3}%", table), table


@pytest.mark.parametrize("lang,label", [("en", "Rules as of"), ("es", "Reglas a la fecha")])
def test_sources_table_writes_the_rules_date_like_the_other_dates(agency, lang, label):
    table = sources_table(open_page(lang, "home", state={"aff_sources": True}))
    as_of = next(
        e["value"]
        for e in analyze(page_scenario(price=350000.0, down_payment=12250.0))["assumptions"]
        if e["field"] == "as_of"
    )
    assert row(table, label)[1] == format_date(as_of, lang, "long")
    assert not re.search(r"\d{4}-\d{2}-\d{2}", table), table


@pytest.mark.parametrize(
    "lang,label,value",
    [
        ("en", "USDA fees", "1% at the start (added to the loan) · 0.35% a year"),
        ("es", "Tarifas de USDA", "1% al inicio (se suma al préstamo) · 0.35% al año"),
    ],
)
def test_usda_fees_say_which_is_which(agency, lang, label, value):
    at = open_page(lang, "home", state={"aff_sources": True})
    at.selectbox(key="loan").set_value("usda").run()
    assert row(sources_table(at), label)[1] == value


@pytest.mark.parametrize("lang,prefix", [("en", "Default: "), ("es", "Valor usado: ")])
def test_cost_placeholders_show_rates_with_only_the_decimals_they_need(agency, lang, prefix):
    at = open_page(lang, "home", state={"aff_costs": True})
    placeholders = {n.key: n.placeholder for n in at.number_input}
    assert placeholders["tax"] == prefix + "0.85%"
    assert placeholders["closing"] == prefix + "3%"
    assert not any(re.search(r"\d\.\d{3}%", p or "") for p in placeholders.values()), placeholders


@pytest.mark.parametrize("lang", ["en", "es"])
def test_rate_box_shows_the_rate_as_typed(agency, lang):
    """6.5 shows as "6.5" (not "6.500"); 6.125 keeps its three decimals; the compare boxes do the same."""
    at = open_page(lang)
    assert shown(at.number_input(key="rate")) == "6.5"
    at.number_input(key="rate").set_value(6.125).run()
    assert shown(at.number_input(key="rate")) == "6.125"
    assert at.number_input(key="rate").value == 6.125
    at.segmented_control(key="mode").set_value("compare").run()
    assert [shown(at.number_input(key=f"c{i}_rate")) for i in (1, 2, 3)] == ["6.5", "6.75", "8.25"]
