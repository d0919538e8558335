"""The import page with HUD's client columns, in both languages: a bad answer is named by row and column
in the user's language and nothing is saved; a good file's answers show in the client file."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.engine import reading
from db.models import Household
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/import_export.py"
HUD_TAB = {"en": "HUD file", "es": "Datos para HUD"}
BAD = (
    "display_name,jurisdiction,Marital status,zip_code\n"
    "Ana Ríos,dc,Married,20009\n"
    "Luz Paz,dc,Engaged,20010\n"
    "Eva Mora,dc,single,2001\n"
).encode()
GOOD = (
    "display_name,jurisdiction,Estado civil,Ciudad,state,zip_code,Dependents\n"
    "Rosa Núñez,dc,Casado o casada,Washington,dc,20011,2\n"
).encode()


def names(engine) -> dict[str, int]:
    with reading(engine) as s:
        return dict(s.execute(select(Household.display_name, Household.id)).all())


def upload(at, data: bytes):
    at.file_uploader(key="imp_file").upload("hud.csv", data, "text/csv").run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("lang", "columns", "rows", "problems"),
    [
        (
            "en",
            ("Row", "Column", "Problem"),
            [3, 4],
            [
                ("Marital status", "Please choose one of the options."),
                ("ZIP code", "Enter a 5-digit ZIP code, like 20009 or 20009-1234."),
            ],
        ),
        (
            "es",
            ("Fila", "Columna", "Problema"),
            [3, 4],
            [
                ("Estado civil", "Por favor, elija una de las opciones."),
                ("Código postal", "Escriba un código postal de 5 dígitos, como 20009 o 20009-1234."),
            ],
        ),
    ],
)
def test_a_bad_hud_answer_is_named_by_row_and_nothing_is_saved(agency, lang, columns, rows, problems):
    at = upload(app_test(PAGE, lang=lang, user=agency["users"]["counselor"]), BAD)
    row, column, problem = columns
    table = next(df.value for df in at.dataframe if problem in df.value.columns)
    assert list(table[row]) == rows
    assert list(zip(table[column], table[problem], strict=True)) == problems
    assert not [b for b in at.button if b.key == "imp_commit"]
    assert "Ana Ríos" not in names(agency["engine"])


@pytest.mark.parametrize(
    ("lang", "button", "married", "city"),
    [
        ("en", "Import 1 household", "Married", "Washington"),
        ("es", "Importar 1 hogar", "Casado o casada", "Washington"),
    ],
)
def test_a_good_file_fills_the_hud_tab_of_the_client_file(agency, lang, button, married, city):
    user = agency["users"]["counselor"]
    at = upload(app_test(PAGE, lang=lang, user=user), GOOD)
    next(b for b in at.button if b.label == button).click().run()
    hid = names(agency["engine"])["Rosa Núñez"]
    at = app_test(
        "app_pages/household.py", lang=lang, user=user, household_id=hid, state={"hh_tab": HUD_TAB[lang]}
    )
    assert not at.exception
    marital = at.selectbox(key="hudp_marital_status")
    assert marital.format_func(marital.value) == married
    assert at.text_input(key="hudp_city").value == city
    assert at.selectbox(key="hudp_state").value == "DC"
    assert at.number_input(key="hudp_dependents").value == 2
    assert "Rosa Núñez" in visible_text(at)
