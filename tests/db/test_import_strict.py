"""CSV import is strict: bad quoting, oversized cells, unknown encodings and binary files are refused
with the row and the problem, and nothing is written unless every row is good. Good files import in
each accepted encoding (UTF-8 with or without BOM, UTF-16, Windows-1252)."""

from __future__ import annotations

import codecs
import random

import pytest
from sqlalchemy import func, select

from db import csv_read, transfer
from db.engine import reading
from db.models import AuditEvent, Household

NAMES = ["María Núñez", "José Peña"]
TEXT = "display_name,jurisdiction,household_size\nMaría Núñez,dc,3\nJosé Peña,fairfax_va,1\n"
_rng = random.Random(23)
GARBAGE = bytes(_rng.randrange(256) for _ in range(4000))


def _xlsx() -> bytes:
    return transfer.to_xlsx(["display_name"], [["Ana"]])


# (id, file bytes, expected file_problem, expected [(row, code)])
BAD_FILES = [
    (
        "cell over 131,072 characters",
        b"display_name,jurisdiction\nAna,dc\n" + b"x" * 140_000 + b",dc\nLuis,dc\n",
        "",
        [(3, "cell_too_long")],
    ),
    (
        "quoted cell over the limit",
        b'display_name,jurisdiction\nAna,dc\n"' + b"x" * 140_000 + b'",dc\n',
        "",
        [(3, "cell_too_long")],
    ),
    (
        "unclosed quote (issue: one household named 'unterminated,202,3,dc x,y')",
        b'display_name,phone,household_size,jurisdiction\n"unterminated,202,3,dc\nx,y,1,dc\n',
        "",
        [(2, "unclosed_quote")],
    ),
    ("unclosed quote in the header", b'"display_name,jurisdiction\nAna,dc\n', "", [(1, "unclosed_quote")]),
    (
        "text after a closing quote",
        b'display_name,jurisdiction\nAna,dc\n"Luis" Ortiz,dc\n',
        "",
        [(3, "bad_quotes")],
    ),
    ("a cell too many", b"display_name,jurisdiction\nAna,dc\nLuis,dc,extra\n", "", [(3, "wrong_cell_count")]),
    ("a cell too few", b"display_name,jurisdiction\nAna,dc\nLuis\n", "", [(3, "wrong_cell_count")]),
    ("random bytes", GARBAGE, "unknown_encoding", []),
    ("a zip file that is no workbook", b"PK\x03\x04" + GARBAGE, "unknown_encoding", []),
    ("a NUL byte", b"display_name\nAn\x00a\n", "unknown_encoding", []),
    ("Shift-JIS", "display_name\n山田太郎\n".encode("shift_jis"), "unknown_encoding", []),
    ("KOI8-R", "display_name\nИван Петров\n".encode("koi8_r"), "unknown_encoding", []),
    (
        "UTF-16 cut in the middle of a character",
        codecs.BOM_UTF16_LE + "display_name\nAna\n".encode("utf-16-le")[:-1],
        "unknown_encoding",
        [],
    ),
    ("empty", b"", "empty_file", []),
    ("header only", b"display_name,jurisdiction\r\n", "no_rows", []),
    ("a column twice", b"display_name,display_name\nAna,Ana\n", "repeated_columns:display_name", []),
]


def counts(engine) -> tuple[int, int]:
    with reading(engine) as s:
        households = s.scalar(select(func.count()).select_from(Household))
        imports = s.scalar(select(func.count()).where(AuditEvent.action == "households_imported"))
    return households, imports


@pytest.mark.parametrize(
    ("data", "file_problem", "problems"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES]
)
def test_a_bad_file_is_refused_with_its_row_and_nothing_is_written(agency, data, file_problem, problems):
    eng, me = agency["engine"], agency["users"]["counselor"]
    before = counts(eng)
    report = transfer.preview(eng, me, data)
    assert not report.ok
    assert report.file_problem == file_problem
    assert [(p.row, p.code) for p in report.problems] == problems
    with pytest.raises(transfer.ImportRejected):
        transfer.commit(eng, me, data)
    assert counts(eng) == before


def test_a_workbook_is_read_by_its_content_whatever_its_name(agency):
    """An .xlsx saved as .csv is still a workbook: its first sheet is imported (the name is never trusted)."""
    eng, me = agency["engine"], agency["users"]["counselor"]
    report = transfer.preview(eng, me, _xlsx())
    assert report.ok and report.columns == ["display_name"]
    assert [row["display_name"] for row in report.rows] == ["Ana"]


GOOD_FILES = [
    ("UTF-8", TEXT.encode("utf-8")),
    ("UTF-8 with BOM", TEXT.encode("utf-8-sig")),
    ("UTF-16 (Excel Unicode text)", TEXT.encode("utf-16")),
    ("UTF-16 big-endian with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
    ("UTF-16 little-endian without BOM", TEXT.encode("utf-16-le")),
    ("Windows-1252", TEXT.encode("cp1252")),
    (
        "Windows-1252 with curly quotes and a dash",
        TEXT.replace("José Peña", "José “Pepe” Peña – hijo").encode("cp1252"),
    ),
    (
        "Windows line endings and a blank line",
        TEXT.replace("\n", "\r\n").replace("dc,3\r\n", "dc,3\r\n\r\n").encode(),
    ),
]


@pytest.mark.parametrize("data", [c[1] for c in GOOD_FILES], ids=[c[0] for c in GOOD_FILES])
def test_a_good_file_imports_in_each_accepted_encoding(agency, data):
    eng, me = agency["engine"], agency["users"]["counselor"]
    report = transfer.preview(eng, me, data)
    assert report.ok, (report.file_problem, report.problems)
    assert [r["display_name"] for r in report.rows][0] == NAMES[0]
    assert report.rows[1]["display_name"].startswith("José")
    households, imports = counts(eng)
    assert transfer.commit(eng, me, data) == 2
    assert counts(eng) == (households + 2, imports + 1)


def test_a_bad_row_after_good_ones_keeps_all_of_them_out(agency):
    """The unclosed quote sits in row 4: rows 2 and 3 are fine, yet none is written."""
    eng, me = agency["engine"], agency["users"]["counselor"]
    data = TEXT + '"Luis Ortiz,dc,2\nRosa,dc,1\n'
    report = transfer.preview(eng, me, data.encode())
    assert report.good_rows == 2 and report.bad_rows == 1
    assert [(p.row, p.field, p.code) for p in report.problems] == [(4, "", "unclosed_quote")]
    before = counts(eng)
    with pytest.raises(transfer.ImportRejected):
        transfer.commit(eng, me, data.encode())
    assert counts(eng) == before


def test_the_field_size_limit_is_the_csv_module_default():
    """The message says 131,072 characters; the module's limit is left as Python ships it."""
    import csv

    assert csv.field_size_limit() == 131_072
    with pytest.raises(csv_read.FileRefused):
        csv_read.decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
