"""Program rules page: rule files, tables and fields show plain names in the page's language, with the
code from the rule file beside them in parentheses, never the bare code."""

from __future__ import annotations

import pytest

from tests.app.conftest import app_test

PAGE = "app_pages/program_rules.py"
RAW_FILES = [
    "ami",
    "budget",
    "hud",
    "loans",
    "property",
    "tenancy",
    "assistance/dc_eahp",
    "assistance/va_housing_grant",
]
RAW_TABLES = [
    "very_low_income",
    "program",
    "limits",
    "remittance_cost",
    "file_retention",
    "follow_up",
    "min_down",
    "credit_minimum",
    "dti_guideline",
    "fha_upfront_mip",
    "loan_limit",
]
NAMES = {
    "en": {
        "files": [
            "Area median income (ami)",
            "Loans and mortgage insurance (loans)",
            "Down payment help: DC EAHP (assistance/dc_eahp)",
        ],
        "tables": [
            "Very low income limits, 50% of the median (very_low_income)",
            "Loan limit (loan_limit)",
            "Minimum down payment (min_down)",
            "Program terms (program)",
        ],
        "fields": [
            "Metro area (area) *",
            "Fiscal year (fiscal_year) *",
            "Median family income (median_family_income) *",
            "Note (note)",
        ],
        "figure": "Median family income (median_family_income) = ",
        "tenancy": "Tenant law (tenancy)",
    },
    "es": {
        "files": [
            "Ingreso mediano del área (ami)",
            "Préstamos y seguro hipotecario (loans)",
            "Ayuda para el pago inicial: DC EAHP (assistance/dc_eahp)",
        ],
        "tables": [
            "Límites de ingreso muy bajo, 50% de la mediana (very_low_income)",
            "Límite del préstamo (loan_limit)",
            "Pago inicial mínimo (min_down)",
            "Condiciones del programa (program)",
        ],
        "fields": [
            "Área metropolitana (area) *",
            "Año fiscal (fiscal_year) *",
            "Ingreso familiar mediano (median_family_income) *",
            "Nota (note)",
        ],
        "figure": "Ingreso familiar mediano (median_family_income) = ",
        "tenancy": "Leyes para inquilinos (tenancy)",
    },
}


def open_rules(agency, lang):
    at = app_test(PAGE, lang=lang, user=agency["users"]["lead"])
    assert not at.exception, [e.value for e in at.exception]
    return at


def headings(at) -> list[str]:
    """The bold headings above each table of rows, without the bold marks."""
    return [m.value.strip("*") for m in at.markdown if m.value.startswith("**") and m.value.endswith("**")]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_rule_files_are_named_not_coded(agency, lang):
    at = open_rules(agency, lang)
    titles = [e.label for e in at.expander]
    for name in NAMES[lang]["files"]:
        assert any(title.startswith(name) for title in titles), name
    for code in RAW_FILES:
        assert not [t for t in titles if t == code or t.startswith(code + " ")], code


@pytest.mark.parametrize("lang", ["en", "es"])
def test_rule_tables_are_named_not_coded(agency, lang):
    shown = headings(open_rules(agency, lang))
    for name in NAMES[lang]["tables"]:
        assert name in shown
    for code in RAW_TABLES:
        assert code not in shown


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_form_names_each_field_with_its_code(agency, lang):
    at = open_rules(agency, lang)
    assert NAMES[lang]["tenancy"] in at.selectbox(key="ar_file").options
    at.selectbox(key="ar_file").set_value("ami").run()
    at.selectbox(key="ar_table_ami").set_value("median").run()
    assert not at.exception
    fields = [t.label for t in at.text_input]
    for name in NAMES[lang]["fields"]:
        assert name in fields
    for code in ("area *", "fiscal_year *", "median_family_income *"):
        assert code not in fields


def test_the_figures_cells_name_each_value_in_spanish(agency):
    at = open_rules(agency, "es")
    cells = [c for d in at.dataframe if "Cifras" in d.value.columns for c in d.value["Cifras"]]
    assert any(NAMES["es"]["figure"] in c for c in cells)
    assert not [c for c in cells if "median_family_income = " in c and "(median_family_income) = " not in c]
