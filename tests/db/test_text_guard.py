"""Text fields refuse control and bidi characters (issue #23 item 3); exports never fail on a stored one."""

from __future__ import annotations

import io
import logging

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from calculators import InputError
from db import activity, education, households, transfer
from db.engine import reading, transaction
from db.models import Household

BAD = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u202e", "\u202a", "\u2066", "\u2069"]


def _count(engine) -> int:
    with reading(engine) as s:
        return s.scalar(select(func.count()).select_from(Household))


@pytest.mark.parametrize("char", BAD)
def test_intake_refuses_the_character_with_its_field(agency, char):
    before = _count(agency["engine"])
    with pytest.raises(InputError) as err:
        households.create(agency["engine"], agency["users"]["counselor"], {"display_name": f"Ana{char}Ruiz"})
    assert (err.value.code, err.value.field) == ("control_characters", "display_name")
    assert _count(agency["engine"]) == before


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\u202e"])
def test_every_kind_of_text_refuses_it(agency, char):
    engine, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    calls = [
        lambda: households.set_members(engine, user, hid, [{"name": f"Luz{char}"}]),
        lambda: activity.add_goal(engine, user, hid, f"Ahorrar{char}"),
        lambda: activity.add_referral(engine, user, hid, agency=f"CASA{char}"),
        lambda: activity.add_step(engine, user, hid, f"Paso{char}"),
        lambda: education.quick_add(engine, user, f"Nuevo{char}", "es"),
    ]
    for call in calls:
        with pytest.raises(InputError) as err:
            call()
        assert err.value.code == "control_characters"


def test_notes_keep_tab_and_newline(agency):
    engine, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.add_goal(engine, user, hid, "Primero:\tahorrar\nluego: comprar")
    with pytest.raises(InputError):
        activity.add_goal(engine, user, hid, "Primero:\x1bahorrar")


def test_the_orm_backstop_refuses_any_text_column(agency):
    with pytest.raises(InputError) as err, transaction(agency["engine"]) as s:
        s.add(Household(office_id=agency["offices"]["north"], display_name="Eve\x00", opened_on=None))
    assert (err.value.code, err.value.field) == ("control_characters", "display_name")


def test_csv_import_refuses_the_row_and_names_it(agency):
    data = "display_name,phone\nAna Ruiz,202\nBeto\x1bCruz,303\nCarla \u202eZed,404\n"
    report = transfer.preview(agency["engine"], agency["users"]["counselor"], data)
    assert [(p.row, p.field, p.code) for p in report.problems] == [
        (3, "display_name", "control_characters"),
        (4, "display_name", "control_characters"),
    ]
    with pytest.raises(transfer.ImportRejected):
        transfer.commit(agency["engine"], agency["users"]["counselor"], data)


def test_exports_never_fail_on_an_old_stored_string_and_log_no_client_text(agency, caplog):
    engine = agency["engine"]
    with transaction(engine) as s:  # a row stored before this check existed (bypasses the ORM)
        s.execute(
            update(Household)
            .where(Household.id == agency["households"]["north"])
            .values(display_name="Zoila\x01\x1b\u202eOld")
        )
    caplog.set_level(logging.DEBUG)
    columns, rows = transfer.caseload(engine, agency["users"]["lead"])
    book = load_workbook(io.BytesIO(transfer.to_xlsx(columns, rows)))
    names = [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert "ZoilaOld" in names
    assert "ZoilaOld" in transfer.to_csv(columns, rows).decode("utf-8-sig")
    assert "Zoila" not in caplog.text
