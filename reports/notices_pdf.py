"""The notices a family signs: agreement, disclosure and privacy notice, in the family's language.

Pure: `notices_pdf(...)` takes the texts in force and returns PDF bytes. Each notice has its own
signature and date lines; the footer names the text versions, so a signed paper matches a version.
"""

from __future__ import annotations

import i18n
from i18n import N_

TITLES = {
    "agreement": N_("Agreement to work together"),
    "disclosure": N_("Disclosure: your choices and our relationships"),
    "privacy": N_("Privacy notice"),
}


def notices_pdf(household_name: str, agency_name: str, lang: str, texts: list, today) -> bytes:
    """`texts`: db.agreements.NoticeText values, in the order they print."""
    # Imported here: fpdf and fontTools take most of a second to import, and the client file imports this
    # module for its notice titles on every opening, while a PDF is made only when someone prints one.
    from reports.pdf import new_document

    doc = new_document(lang, title="", header_text=agency_name or "")
    _ = doc.t
    doc.set_title(_("Notices for the household"))
    doc.heading(_("Notices for the household"))
    doc.paragraph(_("Household: {name}").format(name=" ".join((household_name or "").split())))
    doc.paragraph(_("Date printed: {day}").format(day=i18n.format_date(today, doc.lang)))
    for index, notice in enumerate(texts):
        if index:
            doc.ln(4)
        doc.heading(_(TITLES[notice.kind]), level=2)
        doc.paragraph(notice.body)
        doc.ln(4)
        doc.paragraph(_("Signature: ______________________________"))
        doc.paragraph(_("Date: ____________"))
        doc.small(
            _("Text version {version}").format(version=notice.version)
            if notice.version
            else _("Camino's starting text (the agency has not saved its own yet)")
        )
    return doc.to_bytes()
