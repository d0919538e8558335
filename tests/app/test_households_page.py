"""The households list, follow-up lists and import/export page in AppTest, in English and Spanish."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.engine import reading, transaction
from db.households import normalize_name
from db.models import AuditEvent, Household
from tests.app.conftest import app_test, visible_text

LIST = "app_pages/households.py"


def button(at, label):
    return next(b for b in at.button if b.label == label)


def names_shown(at) -> list[str]:
    frame = at.dataframe[0].value
    return list(frame[frame.columns[0]])


@pytest.mark.parametrize(
    ("lang", "title", "header", "count"),
    [("en", "Households", "Name", "1 household"), ("es", "Hogares", "Nombre", "1 hogar")],
)
def test_counselor_sees_only_their_office(agency, lang, title, header, count):
    at = app_test(LIST, lang=lang, user=agency["users"]["counselor"])
    assert not at.exception
    assert at.title[0].value == title
    assert names_shown(at) == ["María José Núñez Pérez"]
    assert header in at.dataframe[0].value.columns
    assert count in visible_text(at)
    assert "Nguyễn" not in visible_text(at)


def test_admin_sees_both_offices(agency):
    at = app_test(LIST, user=agency["users"]["admin"])
    assert sorted(names_shown(at)) == ["María José Núñez Pérez", "Nguyễn Thị Ngọc"]


def test_search_and_the_audit_keeps_no_search_text(agency):
    at = app_test(LIST, user=agency["users"]["admin"])
    at.text_input(key="hh_q").input("nguy").run()
    assert names_shown(at) == ["Nguyễn Thị Ngọc"]
    at.text_input(key="hh_q").input("zzz").run()
    assert "No household matches" in visible_text(at)
    with reading(agency["engine"]) as s:
        details = list(s.scalars(select(AuditEvent.detail).where(AuditEvent.action == "households_listed")))
    assert details and not any("nguy" in d or "zzz" in d for d in details)


def test_paging_through_a_large_office(agency):
    with transaction(agency["engine"]) as s:
        for i in range(120):
            name = f"Familia Demo {i:03d}"
            s.add(
                Household(
                    office_id=agency["offices"]["north"],
                    display_name=name,
                    search_name=normalize_name(name),
                    opened_on=dt.date(2026, 1, 1),
                )
            )
    at = app_test(LIST, user=agency["users"]["lead"])
    assert "121 households · page 1 of 3" in visible_text(at)
    assert len(at.dataframe[0].value) == 50
    at.number_input(key="hh_page").set_value(3).run()
    assert "page 3 of 3" in visible_text(at)
    assert len(at.dataframe[0].value) == 21


def test_filters_narrow_the_list(agency):
    at = app_test(LIST, user=agency["users"]["admin"])
    at.selectbox(key="hh_area").set_value("montgomery_md").run()
    assert names_shown(at) == ["Nguyễn Thị Ngọc"]
    at.selectbox(key="hh_stage").set_value("purchased").run()
    assert not at.dataframe


def test_open_a_household_from_the_list(agency):
    at = app_test(LIST, user=agency["users"]["counselor"])
    at.selectbox(key="hh_list_pick").set_value(agency["households"]["north"])
    button(at, "Open client file").click().run()
    assert not at.exception
    assert at.title[0].value == "Client file"
    assert "María José Núñez Pérez" in visible_text(at)
    assert not at.query_params or "household" not in str(dict(at.query_params))


def test_open_client_file_goes_to_the_file_without_searching_the_list_again(agency, monkeypatch):
    """The press's run switches page before the list is searched, audited and sent: all thrown away."""
    from db import activity, households

    at = app_test(LIST, user=agency["users"]["counselor"])
    assert at.selectbox(key="hh_list_pick").value is not None
    searched = []
    for module, name in ((households, "search"), (households, "counselors"), (activity, "follow_ups_due")):
        real = getattr(module, name)
        monkeypatch.setattr(
            module, name, lambda *a, _real=real, _name=name, **k: searched.append(_name) or _real(*a, **k)
        )
    button(at, "Open client file").click().run()
    assert not at.exception
    assert at.title[0].value == "Client file"
    assert searched == []


@pytest.mark.parametrize(
    ("lang", "heading"), [("en", "No contact in 60 days"), ("es", "Sin contacto en 60 días")]
)
def test_follow_up_lists_the_silent_household(agency, lang, heading):
    at = app_test("app_pages/follow_up.py", lang=lang, user=agency["users"]["counselor"])
    assert not at.exception
    assert heading in [h.value for h in at.subheader]
    # The factory household was opened on 2026-01-05 with no contact since.
    assert "María José Núñez Pérez" in "\n".join(df.value.to_string() for df in at.dataframe)


def test_export_page_offers_sensitive_fields_only_to_admins(agency):
    at = app_test("app_pages/import_export.py", user=agency["users"]["counselor"])
    assert not at.exception
    assert not [c for c in at.checkbox if c.key == "exp_sensitive"]
    button(at, "Prepare the export").click().run()
    assert "1 household in the file." in visible_text(at)
    admin = app_test("app_pages/import_export.py", lang="es", user=agency["users"]["admin"])
    assert (
        "Incluir datos delicados (teléfono, correo, tipo de identificación, residencia, dirección de la calle)"
        in visible_text(admin)
    )
    button(admin, "Preparar la exportación").click().run()
    assert "2 hogares en el archivo." in visible_text(admin)


GOOD_CSV = "display_name,jurisdiction,household_size\nAna Ramírez,dc,3\nJosé Peña,fairfax_va,1\n"


def household_total(engine) -> int:
    from sqlalchemy import func

    with reading(engine) as s:
        return s.scalar(select(func.count()).select_from(Household))


def test_import_with_a_bad_row_shows_the_report_and_saves_nothing(agency):
    at = app_test("app_pages/import_export.py", user=agency["users"]["counselor"])
    bad = GOOD_CSV + "Luis Ortiz,baltimore,0\n"
    at.file_uploader(key="imp_file").upload("old-system.csv", bad.encode(), "text/csv").run()
    assert not at.exception
    text = visible_text(at)
    assert "2 rows are ready. 1 row has problems." in text
    report = next(df.value for df in at.dataframe if "Problem" in df.value.columns)
    assert list(report["Row"]) == [4, 4]
    assert "Please choose one of the options." in list(report["Problem"])
    assert not [b for b in at.button if b.label.startswith("Import ")]
    assert household_total(agency["engine"]) == 2


def test_import_good_file_in_spanish(agency):
    at = app_test("app_pages/import_export.py", lang="es", user=agency["users"]["counselor"])
    at.file_uploader(key="imp_file").upload("casos.csv", GOOD_CSV.encode(), "text/csv").run()
    assert "2 filas están listas." in visible_text(at)
    button(at, "Importar 2 hogares").click().run()
    assert "Se agregaron 2 hogares." in visible_text(at)
    assert household_total(agency["engine"]) == 4
    at.run()  # the same upload is still there: it must not be offered again
    assert not [b for b in at.button if b.label.startswith("Importar ")]
    assert household_total(agency["engine"]) == 4


def test_households_behind_a_dashboard_number(agency):
    """The dashboard hands over ids in session state; the list shows exactly those, in scope."""
    from tests.factories import make_household

    extra = make_household(agency["engine"], agency["offices"]["north"], "Familia Detrás Del Número")
    at = app_test(
        "app_pages/households.py",
        user=agency["users"]["lead"],
        state={"households_filter": {"ids": [extra, agency["households"]["south"]]}},
    )
    table = at.dataframe[0].value.to_csv() if at.dataframe else ""
    assert "Familia Detrás Del Número" in table
    assert "Núñez" not in table and "Nguyễn" not in table  # not behind the number / another office
    assert "behind a number" in at.info[0].value


@pytest.mark.parametrize("lang", ["en", "es"])
def test_show_all_households_leaves_the_dashboard_number(agency, lang):
    at = app_test(
        "app_pages/households.py",
        lang=lang,
        user=agency["users"]["lead"],
        state={"households_filter": {"ids": [agency["households"]["south"]]}},
    )
    assert at.info and not at.dataframe  # nobody of this office behind that number
    at.button(key="hh_clear_behind").click().run()
    assert not at.exception
    assert "households_filter" not in at.session_state
    assert not at.info and "hh_clear_behind" not in [b.key for b in at.button]
    assert "Núñez" in at.dataframe[0].value.to_csv()  # the whole caseload of the office again
