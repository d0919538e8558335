"""The action plan's tables (fpdf2's table()): text wraps inside its column and the page, a row stays
on one page under repeated headings, a row taller than a page is cut instead of crashing."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from reports.action_plan.build import build_pdf
from reports.pdf import new_document
from tests.unit.test_action_plan_pdf import pdf_text, rich_plan, squash

PT = 72 / 25.4  # PDF points per mm
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
HEADINGS = {"es": ("Quién", "Dónde"), "en": ("Who", "Where")}

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)


def word_boxes(data: bytes, tmp_path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, every word with its box in points from the top left (poppler's pdftotext -bbox)."""
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [
        [(float(a), float(b), float(c), float(d), word) for a, b, c, d, word in WORD.findall(page)]
        for page in html.split("<page ")[1:]
    ]


def page_box() -> tuple[float, float, float]:
    """Left and right margins and the foot of the body (where a page breaks), in points."""
    doc = new_document()
    return doc.l_margin * PT, (doc.w - doc.r_margin) * PT, doc.page_break_trigger * PT


def columns(widths: tuple, index: int) -> tuple[float, float]:
    """Left and right edge, in points, of a table column laid out over the page's width."""
    doc = new_document()
    unit = doc.epw / sum(widths)
    left = doc.l_margin + unit * sum(widths[:index])
    return left * PT, (left + unit * widths[index]) * PT


def long_plan() -> dict:
    """Thirty steps and referrals, each several lines long, every word of them unique and numbered."""
    plan = rich_plan()
    plan["steps"] = [
        {
            "text": " ".join(f"s{i:02d}w{k:02d}" for k in range(40)),
            "owner": "client",
            "due_date": None,
            "status": "open",
        }
        for i in range(30)
    ]
    referral = plan["referrals"][0]
    plan["referrals"] = [
        {**referral, "reason": " ".join(f"r{i:02d}w{k:02d}" for k in range(25))} for i in range(12)
    ]
    return plan


TABLES = {"s": ((52, 18, 20, 12), 0, 30, 40), "r": ((30, 30, 30, 18), 2, 12, 25)}  # steps, referrals


@needs_pdftotext
@pytest.mark.parametrize("lang, large_print", [("es", False), ("en", True), ("both", False)])
def test_long_rows_wrap_in_their_column_stay_whole_and_repeat_the_headings(tmp_path, lang, large_print):
    pages = word_boxes(build_pdf(long_plan(), lang, large_print), tmp_path)
    _, _, foot = page_box()
    headings = {word for code in (("es", "en") if lang == "both" else (lang,)) for word in HEADINGS[code]}
    for prefix, (widths, column, rows, words_per_row) in TABLES.items():
        col_left, col_right = columns(widths, column)
        pattern = re.compile(rf"{prefix}(\d\d)w(\d\d)")
        pages_of_row: dict[int, int] = {}
        for words in pages:
            cells = [(box, match) for box in words if (match := pattern.fullmatch(box[4]))]
            for (x0, _, x1, y1, _), _ in cells:
                assert col_left <= x0 and x1 <= col_right and y1 <= foot  # inside its column, above the foot
            if not cells:
                continue
            top = min(box[1] for box, _ in cells)
            assert any(box[4] in headings and box[1] < top for box in words)  # headings above the rows
            reading = sorted(cells, key=lambda cell: (round(cell[0][1]), cell[0][0]))
            for row in {int(match[1]) for _, match in cells}:
                order = [int(match[2]) for _, match in reading if int(match[1]) == row]
                assert order == list(range(words_per_row))  # the whole row on this page, in reading order
                pages_of_row[row] = pages_of_row.get(row, 0) + 1
        assert pages_of_row == {row: 2 if lang == "both" else 1 for row in range(rows)}


@needs_pdftotext
@pytest.mark.parametrize("large_print", [False, True])
def test_a_cell_taller_than_a_page_is_cut_with_an_ellipsis_instead_of_failing(tmp_path, large_print):
    """fpdf2's table raises on a row taller than a page: a run of line breaks or very wide letters is cut."""
    plan = rich_plan()
    plan["steps"][0]["text"] = "renglón\n" * 250 + "final"
    plan["referrals"][0]["agency"] = "MMMMMMMMM " * 50
    plan["referrals"][0]["reason"] = "W" * 500
    data = build_pdf(plan, "es", large_print)
    text = pdf_text(data)
    assert "…" in text and "final" not in text
    assert "Revisar el reporte de crédito" in text and "(202) 555-0142" in text  # the rest still prints
    left, right, foot = page_box()
    for words in word_boxes(data, tmp_path):
        footer = words[-4:]  # "Página 1 de 3", printed last on each page
        assert " ".join(box[4] for box in footer).startswith("Página") and min(b[1] for b in footer) > foot
        assert all(left <= x0 and x1 <= right and y1 <= foot for x0, _, x1, y1, _ in words[:-4])


def text_and_fonts(data: bytes) -> list[tuple[str, str]]:
    """Each piece of text the PDF draws, with the name of its font."""
    pieces: list[tuple[str, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            pieces.append((text.strip(), str(font.get("/BaseFont", "")) if font else ""))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return pieces


@pytest.mark.parametrize(
    "lang, label, value",
    [("es", "Lo que queda cada mes", "$520"), ("en", "Home price to aim for", "$285,000")],
)
def test_figures_print_the_label_plain_and_the_value_bold(lang, label, value):
    pieces = dict(text_and_fonts(build_pdf(rich_plan(), lang)))
    assert pieces[label].endswith("Book") and pieces[value].endswith("Bold")


@pytest.mark.parametrize("name", ["Nguyễn Thị Ngọc Đặng", "José Ñañez Güemes", "Zoë Ødegård Łukasz"])
def test_unicode_in_table_cells_prints_exactly(name):
    plan = rich_plan()
    plan["steps"][0]["text"] = f"Llamar a {name} para la cita"
    plan["referrals"][0]["agency"] = name
    plan["referrals"][0]["contact"] = f"{name} — (202) 555-0142"
    text = squash(pdf_text(build_pdf(plan, "both", large_print=True)))
    assert text.count(f"Llamar a {name}") == 2 and text.count(f"{name} — (202) 555-0142") == 2
