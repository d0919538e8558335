"""The follow-up letter HUD's guide asks for after two tries: it gives the family 30 days to answer.

Pure: `letter_pdf(data)` takes a db.follow_up.LetterData and returns PDF bytes in the family's language.
"""

from __future__ import annotations

import i18n
from reports.pdf import new_document


def _one_line(text: str) -> str:
    return " ".join(str(text or "").split())


def letter_pdf(data) -> bytes:
    doc = new_document(data.language, title="", header_text=_one_line(data.agency_name))
    _ = doc.t
    day = lambda value: i18n.format_date(value, doc.lang)  # noqa: E731
    doc.set_title(_("We would like to hear from you"))
    if data.office_address:
        doc.small(_one_line(data.office_address))
    doc.paragraph(day(data.sent_on))
    doc.ln(2)
    doc.heading(_("We would like to hear from you"))
    doc.paragraph(_("Dear {name}:").format(name=_one_line(data.household_name)))
    doc.paragraph(
        _("We have tried to reach you, and we have not talked with you since {day}.").format(
            day=day(data.last_contact)
        )
    )
    doc.paragraph(
        _("We want to know how you are doing with your housing goals, and if we can still help you.")
    )
    if data.office_phone:
        doc.paragraph(
            _("Please call us at {phone} or visit us before {answer_by}.").format(
                phone=_one_line(data.office_phone), answer_by=day(data.answer_by)
            )
        )
    else:
        doc.paragraph(_("Please call us or visit us before {answer_by}.").format(answer_by=day(data.answer_by)))
    doc.paragraph(
        _(
            "If we do not hear from you by {answer_by}, we will close your file. You can come back at any "
            "time: we will open it again."
        ).format(answer_by=day(data.answer_by))
    )
    doc.paragraph(_("Our services are confidential."))
    doc.ln(4)
    if data.counselor_name:
        doc.paragraph(_("Your counselor: {name}").format(name=_one_line(data.counselor_name)))
    return doc.to_bytes()
