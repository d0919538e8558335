"""CSV import (preview, row report, all or nothing) and caseload export (privacy, formula injection)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import func, select

from db import transfer
from db.engine import reading
from db.models import AuditEvent, Household
from db.scope import AccessDenied
from tests.factories import make_household, small_agency

GOOD = (
    "display_name,phone,preferred_language,household_size,annual_income,jurisdiction,ethnicity,"
    "first_time_buyer,counselor_username,opened_on,consent_date\n"
    'Ana Ramírez,202-555-0131,es,3,"$48,000",dc,hispanic,sí,counselor,3/5/2025,2025-03-05\n'
    "José Peña,,en,1,,fairfax_va,not_reported,no,,,\n"
)


@pytest.fixture
def agency(engine):
    data = small_agency(engine)
    data["engine"] = engine
    return data


def household_count(engine) -> int:
    with reading(engine) as s:
        return s.scalar(select(func.count()).select_from(Household))


def test_preview_writes_nothing_and_commit_imports_all(agency):
    eng, me = agency["engine"], agency["users"]["counselor"]
    report = transfer.preview(eng, me, GOOD.encode("utf-8"))
    assert report.ok and len(report.rows) == 2
    assert report.rows[0]["row"] == 2 and report.rows[0]["annual_income"] == 48000.0
    assert household_count(eng) == 2
    assert transfer.commit(eng, me, GOOD.encode("utf-8")) == 2
    with reading(eng) as s:
        ana = s.scalar(select(Household).where(Household.display_name == "Ana Ramírez"))
        assert ana.office_id == me["office_id"] and ana.counselor_id == me["id"]
        assert ana.opened_on == dt.date(2025, 3, 5) and ana.first_time_buyer is True
        assert ana.search_name == "ana ramirez"
        detail = s.scalar(select(AuditEvent.detail).where(AuditEvent.action == "households_imported"))
    assert detail == "rows=2"


@pytest.mark.parametrize(
    ("line", "field", "code"),
    [
        (",202-555-0100,es,2,,dc,hispanic,,,,", "display_name", "missing_field"),
        ("Ana,,es,0,,dc,hispanic,,,,", "household_size", "out_of_range"),
        ("Ana,,es,2,-5,dc,hispanic,,,,", "annual_income", "negative_amount"),
        ("Ana,,es,2,mucho,dc,hispanic,,,,", "annual_income", "not_a_number"),
        ("Ana,,es,2,,baltimore,hispanic,,,,", "jurisdiction", "invalid_choice"),
        ("Ana,,es,2,,dc,latino,,,,", "ethnicity", "invalid_choice"),
        ("Ana,,es,2,,dc,hispanic,maybe,,,", "first_time_buyer", "invalid_choice"),
        ("Ana,,es,2,,dc,hispanic,,counselor_south,,", "counselor_username", "unknown_counselor"),
        ("Ana,,es,2,,dc,hispanic,,,31/12/2025,", "opened_on", "bad_date"),
    ],
)
def test_one_bad_row_rejects_the_whole_file_with_its_row_number(agency, line, field, code):
    eng, me = agency["engine"], agency["users"]["counselor"]
    data = GOOD + line + "\n"
    report = transfer.preview(eng, me, data)
    assert not report.ok
    assert [(p.row, p.field, p.code) for p in report.problems] == [(4, field, code)]
    with pytest.raises(transfer.ImportRejected):
        transfer.commit(eng, me, data)
    assert household_count(eng) == 2  # only the factory's households


def test_report_lists_every_problem_in_a_row(agency):
    data = "display_name,household_size,jurisdiction\nAna,0,mars\n"
    report = transfer.preview(agency["engine"], agency["users"]["counselor"], data)
    assert {(p.field, p.code) for p in report.problems} == {
        ("household_size", "out_of_range"),
        ("jurisdiction", "invalid_choice"),
    }


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ("name,phone\nAna,1\n", "unknown_columns:name"),
        ("phone\n202\n", "missing_columns:display_name"),
        ("display_name,ssn\nAna,123\n", "unknown_columns:ssn"),
        ("", "empty_file"),
        ("display_name\n\n", "no_rows"),
    ],
)
def test_file_level_problems(agency, data, problem):
    report = transfer.preview(agency["engine"], agency["users"]["counselor"], data)
    assert report.file_problem == problem and not report.ok


def test_a_failure_while_writing_rolls_back_every_row(agency, monkeypatch):
    eng, me = agency["engine"], agency["users"]["counselor"]
    calls = {"n": 0}
    original = transfer.derive_fields

    def fail_on_second(hh):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        original(hh)

    monkeypatch.setattr(transfer, "derive_fields", fail_on_second)
    with pytest.raises(RuntimeError):
        transfer.commit(eng, me, GOOD)
    assert household_count(eng) == 2
    with reading(eng) as s:
        assert s.scalar(select(func.count()).where(AuditEvent.action == "households_imported")) == 0


def test_cp1252_file_from_an_old_system(agency):
    data = "display_name,jurisdiction\nMaría Núñez,dc\n".encode("cp1252")
    report = transfer.preview(agency["engine"], agency["users"]["counselor"], data)
    assert report.ok and report.rows[0]["display_name"] == "María Núñez"


def test_trainer_cannot_import(agency):
    with pytest.raises(AccessDenied):
        transfer.preview(agency["engine"], agency["users"]["trainer"], GOOD)


def test_export_leaves_sensitive_columns_out_by_default(agency):
    eng = agency["engine"]
    columns, rows = transfer.caseload(eng, agency["users"]["counselor"])
    for sensitive in ("phone", "email", "id_type", "residency"):
        assert sensitive not in columns
    assert len(rows) == 1  # own office only
    body = transfer.to_csv(columns, rows).decode("utf-8-sig")
    assert "María José Núñez Pérez" in body and "555-0101" not in body


def test_only_an_admin_may_export_sensitive_columns(agency):
    eng = agency["engine"]
    with pytest.raises(AccessDenied):
        transfer.caseload(eng, agency["users"]["lead"], include_sensitive=True)
    columns, rows = transfer.caseload(eng, agency["users"]["admin"], include_sensitive=True)
    assert "phone" in columns and "id_type" in columns and len(rows) == 2
    with reading(eng) as s:
        details = list(s.scalars(select(AuditEvent.detail).where(AuditEvent.action == "caseload_exported")))
    assert details == ["rows=2;sensitive=True"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x","clic")', '\'=HYPERLINK("http://x","clic")'),
        ("+1 202 555", "'+1 202 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Ana =1", "Ana =1"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_neutralize(value, expected):
    assert transfer.neutralize(value) == expected


@given(st.text())
def test_neutralized_text_never_starts_a_formula(text):
    assert not str(transfer.neutralize(text)).startswith(transfer.FORMULA_STARTS)


def test_formula_in_a_name_is_text_in_csv_and_xlsx(agency):
    eng, admin = agency["engine"], agency["users"]["admin"]
    make_household(
        eng, agency["offices"]["north"], '=HYPERLINK("http://evil","Ver")', phone="+1-202-555-0100"
    )
    columns, rows = transfer.caseload(eng, admin, include_sensitive=True)
    parsed = list(csv.reader(io.StringIO(transfer.to_csv(columns, rows).decode("utf-8-sig"))))
    names = [r[columns.index("display_name")] for r in parsed[1:]]
    assert '\'=HYPERLINK("http://evil","Ver")' in names
    assert "'+1-202-555-0100" in [r[columns.index("phone")] for r in parsed[1:]]
    sheet = load_workbook(io.BytesIO(transfer.to_xlsx(columns, rows))).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert '\'=HYPERLINK("http://evil","Ver")' in [c.value for c in cells]
    assert "Nguyễn Thị Ngọc" in [c.value for c in cells]
