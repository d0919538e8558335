"""Printable handout of a workshop module: its slides and discussion questions, never trainer notes.

Pure over a `curricula.workshops.Module`: `handout_pdf(module, lang)` returns PDF bytes.
"""

from __future__ import annotations

import re

import i18n
from calculators import InputError
from curricula.workshops import Module
from reports.pdf import FAMILY, new_document

BULLET = re.compile(r"^\s*[-*]\s+")


def _plain(line: str) -> str:
    """A Markdown body line as handout text: bullets become '•'; **bold** is kept for fpdf2's markdown."""
    line = line.rstrip()
    if BULLET.match(line):
        return "\u2022 " + BULLET.sub("", line)
    return line.lstrip("#").strip() if line.startswith("#") else line


def handout_pdf(module: Module, lang: str, agency: str = "") -> bytes:
    """The module's slides and questions in one language, for participants to take home."""
    if lang not in i18n.LANGUAGES:
        raise InputError("unknown_language", "lang")
    title = module.title[lang]
    doc = new_document(lang=lang, title=title, header_text=agency or title)
    _ = doc.t
    doc.heading(title, 1)
    doc.small(_("Workshop handout. About {minutes} minutes.").format(minutes=module.minutes))
    doc.ln(2)
    width = doc.w - doc.l_margin - doc.r_margin
    for slide in module.slides:
        # Start a slide on a new page rather than leave its title alone at the bottom.
        if doc.get_y() > doc.page_break_trigger - 45:
            doc.add_page()
        doc.heading(f"{slide.number}. {slide.title[lang]}", 2)
        doc.set_font(FAMILY, size=doc.base_size)
        for line in slide.body[lang].splitlines():
            text = _plain(line)
            if text:
                doc.multi_cell(
                    width, doc.base_size * 0.5, text, markdown=True, align="L", new_x="LMARGIN", new_y="NEXT"
                )
        questions = slide.questions.get(lang, ())
        if questions:
            doc.ln(1)
            doc.set_font(FAMILY, "B", doc.base_size)
            doc.multi_cell(width, doc.base_size * 0.5, _("To talk about:"), new_x="LMARGIN", new_y="NEXT")
            doc.set_font(FAMILY, size=doc.base_size)
            for question in questions:
                doc.multi_cell(
                    width, doc.base_size * 0.5, "\u2022 " + question, align="L", new_x="LMARGIN", new_y="NEXT"
                )
        doc.ln(2)
    doc.heading(_("My notes and next steps"), 2)
    for _line in range(6):
        y = doc.get_y() + 8
        doc.line(doc.l_margin, y, doc.w - doc.r_margin, y)
        doc.set_y(y)
    doc.ln(6)
    doc.heading(_("Sources"), 3)
    for url in module.source_urls:
        doc.small(url)
    doc.ln(1)
    doc.small(
        _(
            "This handout is general information, not legal or financial advice. Program rules change: "
            "check the current rules with the program or with your housing counselor."
        )
    )
    return doc.to_bytes()
