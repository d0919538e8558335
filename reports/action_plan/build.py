"""The printed action plan a household keeps (24 CFR 214.300; HUD FAQ 2519: a copy goes to the client).

`build_pdf(plan)` is pure over the dict from reports.action_plan.data.load_plan, in Spanish, English or both.
HUD's Client Action Plan Guide (https://www.hudexchange.info/programs/housing-counseling/client-action-plan-guide/)
asks for goals, steps with who does each and when, the budget behind them, and referrals.
Drawing is in layout, the sections in sections; `python -m reports.action_plan` prints one (__main__).
"""

from __future__ import annotations

import i18n
from reports.action_plan.layout import NAME_LIMIT
from reports.action_plan.sections import PlanWriter
from reports.pdf import Document


def plan_languages(plan: dict, lang: str | None) -> list[str]:
    """The copies to print: the household's language by default; 'both' prints Spanish, then English."""
    if lang == "both":
        return ["es", "en"]
    if lang in ("es", "en"):
        return [lang]
    household_lang = (plan.get("household") or {}).get("language")
    return [household_lang if household_lang in ("es", "en") else "es"]


def build_pdf(plan: dict, lang: str | None = "es", large_print: bool = False) -> bytes:
    """The action plan as PDF bytes; 'both' puts the Spanish and the English copy in one file."""
    langs = plan_languages(plan, lang)
    agency = plan.get("agency") or {}
    header = " · ".join(x for x in (agency.get("name"), agency.get("office")) if x)
    doc = Document(langs[0], i18n.gettext("Your action plan", langs[0]), "", large_print)
    doc.header_text = PlanWriter(doc, plan, langs[0]).clean(header, NAME_LIMIT)
    for lang_code in langs:
        doc.add_page()  # each language's copy starts on its own page, under the agency's header
        doc.lang = lang_code  # the footer and doc.t follow the copy being written
        PlanWriter(doc, plan, lang_code).write()
    return doc.to_bytes()


def build_batch(
    engine, user: dict, household_ids, lang: str | None = None, large_print: bool = False, today=None
) -> list[tuple[int, bytes]]:
    """A program lead's print run: [(household id, PDF)], every plan read in one transaction, then printed.

    Reading (office-scoped, each household audited 'plan_printed') takes one query per table for the
    whole run; the fonts, chart images and chart cache are shared by every PDF of the process.
    """
    from reports.action_plan.data import load_plans

    plans = load_plans(engine, user, household_ids, action="plan_printed", today=today)
    return [(plan["household"]["id"], build_pdf(plan, lang, large_print)) for plan in plans]
