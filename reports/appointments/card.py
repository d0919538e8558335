"""The printed appointment card: the family's language first, then the other, with a large-print option.

Pure: `card_pdf(details, large_print)` returns PDF bytes. Like the reminders, the card says only the day,
time, place, counselor, what to bring and how to cancel; never the purpose of the visit.
"""

from __future__ import annotations

import i18n
from db.appointments.reminder_queue import Message
from reports.appointments.message import cancel_line, when, where
from reports.pdf import FAMILY, Document

GREEN = (11, 110, 79)


def _section(doc: Document, m: Message, lang: str, large_print: bool) -> None:
    def _(message: str) -> str:
        return i18n.gettext(message, lang)

    size = doc.base_size
    day, time = when(m.starts, lang)
    doc.set_text_color(*GREEN)
    doc.set_font(FAMILY, "B", size + (10 if large_print else 7))
    doc.text_block((size + 8) * 0.5, _("Your appointment"))
    doc.set_text_color(0, 0, 0)
    doc.ln(2)
    rows = [
        (_("Day"), day),
        (_("Time"), time),
        (_("Place"), where(m, lang)),
        (_("Counselor"), m.counselor),
    ]
    if m.bring:
        rows.append((_("Please bring"), m.bring))
    label_width = 45 if large_print else 34
    for label, value in rows:
        doc.set_font(FAMILY, "B", size + 2)
        doc.cell(label_width, (size + 2) * 0.55, label)
        doc.set_font(FAMILY, "", size + 2)
        doc.multi_cell(0, (size + 2) * 0.55, value, new_x="LMARGIN", new_y="NEXT")
        doc.ln(1)
    doc.ln(1)
    doc.set_font(FAMILY, "", size)
    doc.text_block(size * 0.5, cancel_line(m, lang))
    doc.set_font(FAMILY, "", size)


def card_pdf(m: Message, large_print: bool = False) -> bytes:
    """A one-page card: the household's language first, the other language below a cut line."""
    first = m.language if m.language in i18n.LANGUAGES else "es"
    second = "en" if first == "es" else "es"
    doc = Document(
        lang=first,
        title=i18n.gettext("Your appointment", first),
        header_text=m.office_name,
        large_print=large_print,
    )
    doc.add_page()
    _section(doc, m, first, large_print)
    doc.ln(6)
    y = doc.get_y()
    doc.set_draw_color(150, 150, 150)
    doc.set_dash_pattern(dash=2, gap=2)
    doc.line(doc.l_margin, y, doc.w - doc.r_margin, y)
    doc.set_dash_pattern()
    doc.ln(6)
    _section(doc, m, second, large_print)
    return doc.to_bytes()
