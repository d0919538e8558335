"""Reading an uploaded CSV (or the first sheet of an .xlsx workbook) strictly: a known text encoding, well-formed quoting, one cell per column.

Encodings accepted: UTF-8 (with or without a byte-order mark), UTF-16 (what Excel's "Unicode text"
writes) and Windows-1252 (older Windows exports). The byte-order mark decides when there is one; else
strict UTF-8; else charset-normalizer chooses among Windows-1252 and UTF-16. Anything else, and any
file that looks binary (a NUL, or many control characters), is refused as a whole.

Quoting is parsed with the csv module in strict mode: an unclosed quote, a stray quote after a closing
one, or a cell over the csv module's field size limit (131,072 characters) is a problem of the row it
starts in, and reading stops there (what follows can no longer be told apart reliably).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes
from openpyxl import load_workbook

# charset-normalizer's names for the single-byte and UTF-16 encodings it may pick (UTF-8 is tried first).
DETECTABLE = ("cp1252", "utf_16", "utf_16_le", "utf_16_be")
# C0 controls except tab, newline and carriage return; DEL; C1 controls. Text files never hold them.
BINARY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class FileRefused(Exception):
    """The file as a whole cannot be read; `code` names why (unknown_encoding)."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)


@dataclass
class ParsedCsv:
    """The header, the non-blank rows with their spreadsheet row numbers (header = 1), and problems."""

    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (row, field, code)
    too_many_rows: bool = False


def decode(data: bytes | str) -> str:
    """The file's text, or FileRefused("unknown_encoding")."""
    if isinstance(data, str):
        text = data
    elif data.startswith(codecs.BOM_UTF8):
        text = _strict(data, "utf-8-sig")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detected(data)
    # A NUL, or more than ten control characters making over 1% of the text, means a binary file. A few
    # stray ones are left to the row checks (db.text_guard), which name the row and the column.
    controls = len(BINARY.findall(text))
    if "\x00" in text or (controls > 10 and controls * 100 > len(text)):
        raise FileRefused("unknown_encoding")
    return text


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise FileRefused("unknown_encoding") from err


def _detected(data: bytes) -> str:
    best = from_bytes(data, cp_isolation=list(DETECTABLE)).best()
    if best is None:
        raise FileRefused("unknown_encoding")
    encoding = best.encoding
    # UTF-16 without a byte-order mark: the column names are ASCII, so about half the bytes are zero.
    if encoding.startswith("utf_16") and data.count(0) < len(data) // 4:
        raise FileRefused("unknown_encoding")
    return _strict(data, encoding)


def _csv_problem(err: csv.Error) -> str:
    message = str(err)
    if "field larger than field limit" in message:
        return "cell_too_long"
    if "end of data" in message or "EOF" in message:
        return "unclosed_quote"
    return "bad_quotes"


def parse(text: str, max_rows: int) -> ParsedCsv:
    """Split the text into a header and rows, strictly; more than `max_rows` rows sets too_many_rows."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, [])
    except csv.Error as err:
        return ParsedCsv(columns=[], problems=[(1, "", _csv_problem(err))])
    parsed = ParsedCsv(columns=[c.strip() for c in header])
    number, records = 1, 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            parsed.problems.append((number, "", _csv_problem(err)))
            break
        if not any(c.strip() for c in cells):
            continue  # blank lines are not households
        records += 1
        if records > max_rows:
            parsed.too_many_rows = True
            break
        if len(cells) != len(header):
            parsed.problems.append((number, "", "wrong_cell_count"))
            continue
        parsed.rows.append((number, dict(zip(parsed.columns, cells, strict=True))))
    return parsed


def is_xlsx(data: bytes | str) -> bool:
    """An .xlsx workbook is a zip file: it starts with PK."""
    return isinstance(data, bytes) and data.startswith(b"PK\x03\x04")


def xlsx_text(data: bytes, max_rows: int) -> str:
    """The first sheet of an .xlsx workbook as CSV text (dates as ISO, whole numbers without .0)."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        out = io.StringIO()
        writer = csv.writer(out)
        for number, cells in enumerate(sheet.iter_rows(values_only=True)):
            if number > max_rows + 1:
                break
            writer.writerow([_xlsx_cell(c) for c in cells])
        book.close()
    except Exception as err:  # a damaged or foreign zip file: refused as a whole
        raise FileRefused("unknown_encoding") from err
    return out.getvalue()


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
