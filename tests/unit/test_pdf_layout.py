"""Document.wrap and Document.grid: the fast layout the action plan uses instead of fpdf2's table()."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from reports.pdf import FAMILY, new_document


@pytest.fixture
def doc():
    document = new_document("es", header_text="Agencia Camino")
    document.set_font(FAMILY, size=10)
    return document


@pytest.mark.parametrize(
    "text, width",
    [
        ("Abrir una cuenta de ahorros y depositar $250 cada quincena", 40),
        ("Nguyễn Thị Ngọc Đặng vive en Columbia Heights con su familia", 25),
        ("palabra " * 60, 100),
        ("", 30),
    ],
)
def test_wrapped_lines_fit_and_keep_every_word_in_order(doc, text, width):
    lines = doc.wrap(text, width)
    assert all(doc.text_width(line) <= width for line in lines)
    assert " ".join(" ".join(lines).split()) == " ".join(text.split())


def test_a_word_wider_than_the_column_is_cut_and_a_newline_breaks(doc):
    word = "x" * 200
    lines = doc.wrap(f"antes {word}\ndespués", 30)
    assert all(doc.text_width(line) <= 30 for line in lines)
    assert lines[0] == "antes" and "".join(lines[1:-1]) == word and lines[-1] == "después"


def test_a_long_table_repeats_its_headings_and_never_splits_a_row(doc):
    filler = "con bastante texto para ocupar dos líneas " * 2
    rows = [[f"inicio{i:03d} {filler}fin{i:03d}", f"clave{i:03d}", "Usted"] for i in range(60)]
    doc.grid(
        rows, (60, 20, 20), line_height=5, padding=(1.2, 1.2, 1.2, 1.2), headings=["Paso", "Clave", "Quién"]
    )
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(doc.to_bytes())).pages]
    assert len(pages) > 2
    assert all("Quién" in page for page in pages)  # the headings, repeated on every page
    for i in range(60):
        holding = [n for n, page in enumerate(pages) if f"clave{i:03d}" in page]
        assert len(holding) == 1
        assert f"inicio{i:03d}" in pages[holding[0]] and f"fin{i:03d}" in pages[holding[0]]
