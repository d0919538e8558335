"""The agency's fee schedule, printed for the family before any service (24 CFR 214.313).

Pure: `fee_schedule_pdf(schedule, agency_name, lang, today)` takes a db.funding.Schedule (or None when
the agency saved none) and returns PDF bytes in the family's language. HUD's own rules print on every
copy: intake is free, nobody who cannot pay is turned away, a credit report is passed on at cost.
"""

from __future__ import annotations

import i18n
from i18n import N_
from reports.pdf import new_document

RULES = (
    N_("Intake (your first meeting, where we learn about your situation) is always free."),
    N_("If you cannot pay a fee, tell us: we will still counsel you, for free."),
    N_("If we pull a credit report, we charge only what it costs us."),
    N_("We give you this list before any service, so you know the cost first."),
)


def fee_schedule_pdf(schedule, agency_name: str, lang: str, today) -> bytes:
    doc = new_document(lang, title="", header_text=" ".join((agency_name or "").split()))
    _ = doc.t
    doc.set_title(_("Our fees"))
    doc.heading(_("Our fees"))
    doc.paragraph(_("Date printed: {day}").format(day=i18n.format_date(today, doc.lang)))
    if schedule is None:
        doc.paragraph(_("The agency has not saved a fee schedule yet. Ask your counselor about any cost."))
    else:
        doc.paragraph(
            _("In force from {day}.").format(day=i18n.format_date(schedule.effective_from, doc.lang))
        )
        doc.ln(2)
        with doc.table(col_widths=(130, 50), text_align=("LEFT", "RIGHT")) as table:
            table.row([_("Service"), _("Fee")])
            for line in schedule.lines:
                fee = _("Free") if line.amount == 0 else i18n.format_money(line.amount, doc.lang)
                table.row([" ".join(line.service(doc.lang).split()), fee])
        note = schedule.note(doc.lang)
        if note:
            doc.ln(2)
            doc.paragraph(note)
    doc.ln(2)
    doc.heading(_("Your rights"), level=2)
    for rule in RULES:
        doc.paragraph("• " + _(rule))
    doc.ln(6)
    doc.paragraph(_("I received this list of fees before the service."))
    doc.paragraph(_("Signature: ______________________________"))
    doc.paragraph(_("Date: ____________"))
    return doc.to_bytes()
