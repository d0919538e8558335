"""Names for the files a family takes home, in the document's language: "plan-de-accion-2026-12-07.pdf".

The browser shows a download's name, and it stays on the family's phone or computer, so a Spanish
printout is not named in English. Streamlit-free: the pages pass the language the document is printed in.
"""

from __future__ import annotations

import re
import unicodedata

import i18n
from i18n import N_

ACTION_PLAN = N_("action-plan")
TENANT_RIGHTS = N_("tenant-rights")
FEE_SCHEDULE = N_("fee-schedule")
FOLLOW_UP_LETTER = N_("follow-up-letter")
NOTICES = N_("notices-to-sign")
APPOINTMENT = N_("appointment")
WORKSHOP_HANDOUT = N_("workshop")
CERTIFICATE = N_("certificate")
WORDS = 6  # of a title in a name: "taller-prestamos-para-casa-y-sus-tipos.pdf"


def slug(text: str, words: int = WORDS) -> str:
    """Its first `words` words in lowercase ASCII joined by hyphens: accents dropped, so every system shows
    and sorts the name alike."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower())[:words])


def file_name(stem: str, lang: str, *parts: object, ext: str = "pdf") -> str:
    """`stem` (one of the names above) in `lang`, then `parts` (a place, a title, a date, a number)."""
    pieces = [slug(i18n.gettext(stem, lang)), *(slug(str(p)) for p in parts)]
    return "-".join(p for p in pieces if p) + f".{ext}"
