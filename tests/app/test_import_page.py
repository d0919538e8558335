"""The import page with the files the probe used: each problem is shown with its row number, in the
user's language, and nothing is saved; a UTF-16 file from Excel imports."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.engine import reading
from db.models import Household
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/import_export.py"
UNCLOSED = b'display_name,household_size,jurisdiction\nAna,2,dc\n"unterminated,3,dc\nx,y,1\n'
TOO_LONG = b"display_name,jurisdiction\nAna,dc\n" + b"x" * 140_000 + b",dc\n"
UTF16 = "display_name,jurisdiction,household_size\nMaría Núñez,dc,3\nJosé Peña,fairfax_va,1\n".encode(
    "utf-16"
)


def household_total(engine) -> int:
    with reading(engine) as s:
        return s.scalar(select(func.count()).select_from(Household))


def upload(at, data: bytes):
    at.file_uploader(key="imp_file").upload("old-system.csv", data, "text/csv").run()
    assert not at.exception
    return at


def problem_table(at, column: str):
    return next(df.value for df in at.dataframe if column in df.value.columns)


@pytest.mark.parametrize(
    ("lang", "data", "row", "message", "problem_column", "row_column"),
    [
        (
            "en",
            UNCLOSED,
            3,
            "A quotation mark opens here and is never closed. Nothing after this row was read.",
            "Problem",
            "Row",
        ),
        (
            "es",
            UNCLOSED,
            3,
            "Aquí se abren comillas que nunca se cierran. No se leyó nada después de esta fila.",
            "Problema",
            "Fila",
        ),
        (
            "en",
            TOO_LONG,
            3,
            "A cell is longer than 131,072 characters, often a missing quotation mark. "
            "Nothing after this row was read.",
            "Problem",
            "Row",
        ),
        (
            "es",
            TOO_LONG,
            3,
            "Una celda tiene más de 131,072 caracteres. Suele faltar unas comillas. "
            "No se leyó nada después de esta fila.",
            "Problema",
            "Fila",
        ),
    ],
)
def test_a_broken_row_is_named_and_nothing_is_saved(
    agency, lang, data, row, message, problem_column, row_column
):
    at = upload(app_test(PAGE, lang=lang, user=agency["users"]["counselor"]), data)
    report = problem_table(at, problem_column)
    assert list(report[row_column]) == [row]
    assert list(report[problem_column]) == [message]
    assert not [b for b in at.button if b.key == "imp_commit"]
    assert household_total(agency["engine"]) == 2


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "en",
            "This file is not a text file we can read. Please save it from your spreadsheet as CSV (UTF-8) "
            "and upload it again.",
        ),
        (
            "es",
            "No podemos leer este archivo como texto. Guárdelo desde su hoja de cálculo como CSV (UTF-8) "
            "y súbalo otra vez.",
        ),
    ],
)
def test_a_binary_file_is_refused_in_the_users_language(agency, lang, message):
    at = upload(
        app_test(PAGE, lang=lang, user=agency["users"]["counselor"]), b"PK\x03\x04\x14\x00\x00\x00\x08\x00"
    )
    assert [e.value for e in at.error] == [message]
    assert household_total(agency["engine"]) == 2


@pytest.mark.parametrize(
    ("lang", "ready", "label"),
    [
        ("en", "2 rows are ready.", "Import 2 households"),
        ("es", "2 filas están listas.", "Importar 2 hogares"),
    ],
)
def test_a_utf16_file_from_excel_imports(agency, lang, ready, label):
    at = upload(app_test(PAGE, lang=lang, user=agency["users"]["counselor"]), UTF16)
    assert ready in visible_text(at)
    assert "María Núñez" in problem_table(at, "Fila" if lang == "es" else "Row").to_string()
    next(b for b in at.button if b.label == label).click().run()
    assert household_total(agency["engine"]) == 4
