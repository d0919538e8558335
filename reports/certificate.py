"""Workshop completion certificate: one landscape page per attendee, in English or Spanish.

Pure: `certificate_pdf(name, module_title, date, lang, agency)` returns PDF bytes and touches no
database. The attendance page calls it once per attendee. Names print with the embedded DejaVu
font, so "Nguyễn Thị Ngọc" and "José Núñez" come out as written.
"""

from __future__ import annotations

import unicodedata

import i18n
from calculators import InputError
from reports.pdf import FAMILY, Document

GREEN = (11, 110, 79)
MISSING_GLYPH = "\u25a1"  # a visible box where the font lacks a letter, never a silent gap
NAME_LIMIT = 120
TITLE_LIMIT = 200


class Certificate(Document):
    """A Document without the 'Page 1 of 1' footer (a certificate is a single page)."""

    def footer(self) -> None:
        return


def _clean(doc: Document, text, field: str, limit: int, required: bool = True) -> str:
    """NFC-normalize, strip and check one text; letters the font lacks become a visible box."""
    value = unicodedata.normalize("NFC", "" if text is None else str(text)).strip()
    value = " ".join(value.split())  # no line breaks or tabs inside a name
    if required and not value:
        raise InputError("missing_field", field)
    if len(value) > limit:
        raise InputError("too_long", field, f"at most {limit} characters")
    glyphs = set(doc.fonts[FAMILY.lower()].cmap)
    return "".join(ch if ord(ch) in glyphs or ch == " " else MISSING_GLYPH for ch in value)


def certificate_pdf(name: str, module_title: str, date, lang: str, agency: str = "") -> bytes:
    """One certificate of completion for `name`, who finished `module_title` on `date`."""
    if lang not in i18n.LANGUAGES:
        raise InputError("unknown_language", "lang")
    try:
        when = i18n.format_date(date, lang)
    except (TypeError, ValueError) as exc:
        raise InputError("invalid_date", "date") from exc
    doc = Certificate(lang=lang, title="")
    _ = doc.t
    name = _clean(doc, name, "name", NAME_LIMIT)
    module_title = _clean(doc, module_title, "module_title", TITLE_LIMIT)
    agency = _clean(doc, agency, "agency", TITLE_LIMIT, required=False)
    doc.set_title(_("Certificate of completion"))
    doc.set_auto_page_break(False)
    doc.add_page(orientation="L")
    width = doc.w - doc.l_margin - doc.r_margin

    # A double frame in the agency green.
    doc.set_draw_color(*GREEN)
    doc.set_line_width(1.2)
    doc.rect(10, 10, doc.w - 20, doc.h - 20)
    doc.set_line_width(0.4)
    doc.rect(13, 13, doc.w - 26, doc.h - 26)

    doc.set_y(30)
    if agency:
        doc.set_font(FAMILY, "B", 14)
        doc.set_text_color(*GREEN)
        doc.multi_cell(width, 7, agency, align="C", new_x="LMARGIN", new_y="NEXT")
        doc.ln(4)
    doc.set_text_color(0, 0, 0)
    doc.set_font(FAMILY, "B", 30)
    doc.multi_cell(width, 14, _("Certificate of completion"), align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(8)
    doc.set_font(FAMILY, "", 15)
    doc.multi_cell(width, 8, _("This certifies that"), align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)
    doc.set_font(FAMILY, "B", 26 if len(name) <= 40 else 18)
    doc.multi_cell(width, 13, name, align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)
    doc.set_font(FAMILY, "", 15)
    doc.multi_cell(width, 8, _("completed the workshop"), align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    doc.set_font(FAMILY, "B", 18)
    doc.multi_cell(width, 9, module_title, align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(4)
    doc.set_font(FAMILY, "", 14)
    doc.multi_cell(width, 8, _("on {date}").format(date=when), align="C", new_x="LMARGIN", new_y="NEXT")

    # Signature line for the trainer, signed by hand.
    y = doc.h - 42
    doc.set_draw_color(0, 0, 0)
    doc.set_line_width(0.3)
    doc.line(doc.w / 2 - 50, y, doc.w / 2 + 50, y)
    doc.set_xy(doc.w / 2 - 50, y + 2)
    doc.set_font(FAMILY, "", 11)
    doc.cell(100, 6, _("Trainer's signature"), align="C")
    return doc.to_bytes()
