"""How the action plan draws: clean text, headings kept with their text, tables and figures that fit a page."""

from __future__ import annotations

import unicodedata

from fpdf.enums import TableBordersLayout, TableHeadingsDisplay
from fpdf.fonts import FontFace
from fpdf.util import Padding

import i18n
from reports.charts import bar_chart_png
from reports.pdf import FAMILY, Document

GREEN = (11, 110, 79)
PALE_GREEN = (230, 242, 236)
GREY = (90, 90, 90)
CELL_LIMIT = 500  # characters per table cell: a step or referral is a few lines, not a letter
NAME_LIMIT = 200
MISSING_GLYPH = "\u25a1"  # a visible box where the font has no letter, instead of a silent gap
BOLD = FontFace(emphasis="BOLD")
HEADINGS_STYLE = FontFace(emphasis="BOLD", fill_color=PALE_GREEN)
TABLE_PADDING = Padding.new(1.2)
FIGURE_PADDING = Padding.new((0.6, 1, 0.6, 0))  # no left padding: figures line up with the text
FIGURE_WIDTHS = (55, 45)


def _words(code: str) -> str:
    return str(code).replace("_", " ").strip().capitalize()


class PlanLayout:
    """The drawing tools one language's copy of a plan is written with, on a shared Document."""

    def __init__(self, doc: Document, plan: dict, lang: str):
        self.doc = doc
        self.plan = plan
        self.lang = lang
        self.glyphs = set(doc.fonts[FAMILY.lower()].cmap)

    # Text cleaning: any name or note must print, never crash the document.
    def clean(self, text, limit: int | None = None) -> str:
        text = unicodedata.normalize("NFC", "" if text is None else str(text))
        out = []
        for ch in text:
            if ch in "\n\t":
                out.append(ch if ch == "\n" else " ")
            elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn", "Cf"):
                continue
            elif ord(ch) in self.glyphs or ch == " ":
                out.append(ch)
            else:
                out.append(MISSING_GLYPH)
        text = "".join(out).strip()
        if limit and len(text) > limit:
            text = text[: limit - 1].rstrip() + "…"
        return text

    def money(self, value) -> str:
        return i18n.format_money(value, self.lang, cents=False)

    def date(self, value) -> str:
        return i18n.format_date(value, self.lang) if value else ""

    def label(self, table: dict, code) -> str:
        return self.doc.t(table[code]) if code in table else self.clean(_words(code or ""))

    def section(self, title: str, level: int = 2) -> None:
        """A heading that never sits alone at the foot of a page: it moves to the next page with its text."""
        doc = self.doc
        if doc.get_y() + doc.base_size * 2.6 > doc.page_break_trigger:
            doc.add_page()
        doc.heading(title, level)

    def empty(self, text: str) -> None:
        self.doc.set_text_color(*GREY)
        self.doc.paragraph(text)
        self.doc.set_text_color(0, 0, 0)

    def bullets(self, items: list[str]) -> None:
        doc = self.doc
        h = doc.base_size * 0.5
        for item in items:
            doc.set_font(FAMILY, size=doc.base_size)
            doc.cell(6, h, "•")  # what multi_cell(6, h, "•", new_x="RIGHT", new_y="TOP") draws
            if doc.fits_one_line(item):
                doc.cell(0, h, item, new_x="LMARGIN", new_y="NEXT")
            else:
                doc.multi_cell(0, h, item, align="L", new_x="LMARGIN", new_y="NEXT")
            doc.ln(0.8)
        doc.ln(1)

    def fit_rows(
        self, rows: list[list[str]], widths: tuple, padding: Padding, headings=(), bold_columns=()
    ) -> list[list[str]]:
        """The rows with every cell short enough for its row to fit on one page under the headings.

        fpdf2's table keeps a row whole and raises when one is taller than a page (a very long note, a
        run of line breaks, very wide letters in large print). Any two lines in a row of wrapped text are
        together wider than the column, so text W wide takes at most 2·W/column + 1 lines a paragraph:
        only a cell that could take too many is broken into lines by fpdf2 (a dry run) and, if it really
        does, cut there with an ellipsis.
        """
        doc = self.doc
        size, line = doc.font_size_pt, doc.base_size * 0.5
        cols = [doc.epw * w / sum(widths) for w in widths]
        # The text area of each column, less a letter for the space dropped where a line breaks.
        areas = [col - padding.left - padding.right - 2 * doc.c_margin - doc.font_size for col in cols]

        def most_lines(text: str, j: int, bold: bool) -> float:
            doc.set_font(FAMILY, "B" if bold else "", size)
            return 2 * doc.get_string_width(text) / areas[j] + text.count("\n") + 1

        heading_lines = max((most_lines(text, j, True) for j, text in enumerate(headings)), default=0)
        room = doc.page_break_trigger - doc.body_top - 2 * (padding.top + padding.bottom)
        max_lines = max(2, int(room / line - heading_lines))
        fitted = []
        for row in rows:
            cells = []
            for j, text in enumerate(row):
                if most_lines(text, j, j in bold_columns) > max_lines:
                    lines = doc.multi_cell(cols[j], line, text, padding=padding, dry_run=True, output="LINES")
                    if len(lines) > max_lines:
                        text = "\n".join([*lines[: max_lines - 1], "…"])
                cells.append(text)
            fitted.append(cells)
        doc.set_font(FAMILY, size=size)
        return fitted

    def table(self, headings: list[str], rows: list[list[str]], widths: tuple) -> None:
        """fpdf2's table: headings on a pale fill, repeated after a page break; lines between rows;
        text in the middle of its row; a row never split across pages."""
        doc = self.doc
        doc.set_font(FAMILY, size=doc.base_size - 0.5)
        rows = [[self.clean(text, CELL_LIMIT) for text in row] for row in rows]
        with doc.table(
            col_widths=widths,
            text_align="LEFT",
            v_align="MIDDLE",
            line_height=doc.base_size * 0.5,
            headings_style=HEADINGS_STYLE,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            padding=TABLE_PADDING,
            repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
        ) as table:
            table.row(headings)
            for row in self.fit_rows(rows, widths, TABLE_PADDING, headings):
                table.row(row)
        doc.set_font(FAMILY, size=doc.base_size)
        doc.ln(2)

    def figures(self, pairs: list[tuple[str, str]]) -> None:
        """Label / value lines, value in bold, for a few key numbers (a borderless table wraps safely)."""
        doc = self.doc
        if not pairs:
            return
        doc.set_font(FAMILY, size=doc.base_size)
        rows = self.fit_rows([list(pair) for pair in pairs], FIGURE_WIDTHS, FIGURE_PADDING, bold_columns=(1,))
        with doc.table(
            col_widths=FIGURE_WIDTHS,
            text_align="LEFT",
            v_align="MIDDLE",
            line_height=doc.base_size * 0.5,
            first_row_as_headings=False,
            borders_layout=TableBordersLayout.NONE,
            padding=FIGURE_PADDING,
        ) as table:
            for label, value in rows:
                row = table.row()
                row.cell(label)
                row.cell(value, style=BOLD)
        doc.ln(2)
    def chart(self, bars, title: str, highlight: str) -> None:
        doc = self.doc
        try:
            png = bar_chart_png(bars, title=self.clean(title), highlight=highlight)
        except Exception:  # a chart is a help, never a reason to lose the plan
            return
        width = 130 if doc.base_size < 12 else 165
        doc.png(png, width)
        doc.ln(3)
