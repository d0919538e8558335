"""Printable tenant-rights handout (PDF) in English or Spanish: red flags with next steps, the checklist, who to call.

Nothing that identifies the client is printed: only the place, the answers and the content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import i18n
from calculators import clock
from curricula import tenant_rights
from i18n import N_
from reports.pdf import new_document

ANSWER_LABELS = {"yes": N_("Yes"), "no": N_("No"), "not_sure": N_("Not sure")}
DISCLAIMER = N_(
    "General information, not legal advice. Content reviewed on {date}. Laws change: "
    "check your situation with a lawyer or one of the offices below."
)


def _contact_line(contact: dict, lang: str) -> str:
    """'Name: phone, web address' with whatever the content has."""
    parts = [p for p in (contact.get("phone"), contact.get("url")) if p]
    name = i18n.text(contact["name"], lang)
    return f"{name}: {', '.join(parts)}" if parts else name


def build_handout(
    place: str,
    lang: str = "en",
    answers: dict[str, str] | None = None,
    topics: Collection[str] | None = None,
    as_of: dt.date | None = None,
) -> bytes:
    """The handout for a place (optionally only some topics: those the family went through), in `lang`."""
    lang = i18n.normalize_language(lang)
    answers = answers or {}
    day = as_of or clock.today()
    items = tenant_rights.checklist_for(place, day, topics)
    place_name = i18n.text(tenant_rights.places()[place]["name"], lang)
    doc = new_document(
        lang=lang,
        title=doc_title(lang, place_name),
        header_text=i18n.gettext(N_("Camino · Tenant rights"), lang),
    )
    doc.heading(doc_title(lang, place_name))
    doc.small(doc.t(DISCLAIMER).format(date=i18n.format_date(tenant_rights.review_date(), lang)))
    doc.small(doc.t(N_("Printed on {date}.")).format(date=i18n.format_date(day, lang)))

    flags = tenant_rights.red_flags(items, answers)
    if flags:
        doc.heading(doc.t(N_("What to do now")), 2)
        for item in flags:
            mark = doc.t(N_("Warning sign")) if item["flag"] == "red" else doc.t(N_("To check"))
            doc.paragraph(f"• {mark}: {i18n.text(item['text'], lang)}")
            doc.paragraph(f"   {i18n.text(item['next_steps'], lang)}")

    topic_titles = {t["id"]: i18n.text(t["title"], lang) for t in tenant_rights.topics()}
    doc.heading(doc.t(N_("Questions to check")), 2)
    current = None
    for item in items:
        if item["topic"] != current:
            current = item["topic"]
            doc.heading(topic_titles.get(current, current), 3)
        answer = answers.get(item["id"])
        line = i18n.text(item["text"], lang)
        if answer in ANSWER_LABELS:
            line += f"  [{doc.t(ANSWER_LABELS[answer])}]"
        doc.paragraph(f"☐ {line}")
        doc.small(i18n.text(item["next_steps"], lang))
        doc.small(
            doc.t(N_("Source: {citation}")).format(citation=item["citation"]) + f" ({item['source_url']})"
        )

    doc.heading(doc.t(N_("Who to call")), 2)
    directory = tenant_rights.contacts()
    used = []
    for item in items:
        for cid in item["contacts"]:
            if cid not in used:
                used.append(cid)
    for cid in used:
        doc.paragraph(f"• {_contact_line(directory[cid], lang)}")
    doc.small(doc.t(DISCLAIMER).format(date=i18n.format_date(tenant_rights.review_date(), lang)))
    return doc.to_bytes()


def doc_title(lang: str, place_name: str) -> str:
    """'Your rights as a tenant: <place>' in the handout's language."""
    return i18n.gettext(N_("Your rights as a tenant: {place}"), lang).format(place=place_name)
