"""The HUD-9902's HUD-grant column: the same counts, for services a HUD housing counseling grant paid for.

HUD's form reports every line for all counseling and, for a grantee, again for the activities billed
to its HUD grant (the 9902 databag repeats each field per activity type; section 2 splits the budget
the same way). A session or workshop is HUD-funded when its `funding` is 'hud' (db/funding.py).
Sessions and workshops whose funding was never recorded count only in the all-counseling column.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, func, literal, select

from db.models import CounselingSession


def hud_services(fiscal_year: int, start: dt.date, end: dt.date):
    """session_service's columns (household_id, fiscal_year, purpose, first_on) for HUD-funded sessions.

    Only sessions dated in the period count, so an outcome at a follow-up counts in this column when
    the household's HUD-funded counseling is in the same period.
    """
    cs = CounselingSession
    return (
        select(
            cs.household_id.label("household_id"),
            literal(fiscal_year, Integer).label("fiscal_year"),
            cs.purpose.label("purpose"),
            func.min(cs.session_date).label("first_on"),
        )
        .where(cs.session_date.between(start, end), cs.funding == "hud")
        .group_by(cs.household_id, cs.purpose)
        .subquery("hud_service")
    )
