"""The shared PDF base: embedded DejaVu fonts (any name prints), a header, and 'Page 1 of 2' footers.

Every printed document (action plan, handouts, certificates) starts from `new_document()`.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

import i18n

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
PAGE_OF = {"en": "Page {page} of {total}", "es": "Página {page} de {total}"}


class Document(FPDF):
    """Letter-size PDF with Unicode fonts, a running header and numbered pages."""

    def __init__(self, lang: str = "en", title: str = "", header_text: str = "", large_print: bool = False):
        super().__init__(format="Letter", unit="mm")
        self.lang = i18n.normalize_language(lang)
        self.header_text = header_text
        self.base_size = 14 if large_print else 10.5
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_lang(self.lang)
        self.set_creator("Camino")
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages("{nb}")
        self.set_font(FAMILY, size=self.base_size)

    def t(self, message: str) -> str:
        """Translate a message into the document's language (not the viewer's)."""
        return i18n.gettext(message, self.lang)

    def header(self) -> None:
        if not self.header_text:
            return
        self.set_font(FAMILY, "B", 9)
        self.set_text_color(11, 110, 79)
        self.cell(0, 6, self.header_text, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(11, 110, 79)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)
        self.set_text_color(0, 0, 0)
        self.set_font(FAMILY, size=self.base_size)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FAMILY, size=8)
        self.set_text_color(90, 90, 90)
        text = PAGE_OF[self.lang].format(page=self.page_no(), total="{nb}")
        self.cell(0, 6, text, align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, level: int = 1) -> None:
        sizes = {1: self.base_size + 7, 2: self.base_size + 3, 3: self.base_size + 1}
        self.ln(2 if level > 1 else 0)
        self.set_font(FAMILY, "B", sizes.get(level, self.base_size))
        self.multi_cell(0, sizes.get(level, self.base_size) * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=self.base_size)
        self.ln(1)

    def paragraph(self, text: str) -> None:
        self.set_font(FAMILY, size=self.base_size)
        self.multi_cell(0, self.base_size * 0.5, text or "", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def small(self, text: str) -> None:
        self.set_font(FAMILY, size=max(7.5, self.base_size - 2.5))
        self.set_text_color(70, 70, 70)
        self.multi_cell(0, 4, text or "", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(FAMILY, size=self.base_size)

    def to_bytes(self) -> bytes:
        return bytes(self.output())


def new_document(lang: str = "en", title: str = "", header_text: str = "", large_print: bool = False) -> Document:
    doc = Document(lang=lang, title=title, header_text=header_text, large_print=large_print)
    doc.add_page()
    return doc
