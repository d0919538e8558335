"""Demo follow-up stages and funding for the seeded caseload (db.seed): plainly fictional.

Funding: a demo HUD grant pays for most sessions and workshops, a demo foundation for some, none for
the rest; a few sessions carry a fee. Follow-up: open files silent for 60 days or more are spread over
HUD's stages (due, one try, two tries, letter sent, ready to close). Each household uses its own random
stream, so the rest of the demo caseload stays the same whatever is added here.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, update

from db.households import NO_CONTACT_DAYS
from db.models import EducationEvent
from db.models.followup import FeeSchedule, FollowUpContact, FundingSource

FEE_LINES = [
    {"en": "Intake", "es": "Admisión", "amount": 0},
    {"en": "One-on-one homebuyer counseling", "es": "Consejería individual para comprar casa", "amount": 0},
    {"en": "Homebuyer education workshop (8 hours)", "es": "Taller para compradores (8 horas)", "amount": 25},
    {"en": "Credit report (at cost)", "es": "Informe de crédito (a costo)", "amount": 12.5},
]


def setup(session, today: dt.date) -> dict:
    """The demo funders and fee schedule; returns {'hud': id, 'other': id}."""
    ids = session.scalars(
        insert(FundingSource).returning(FundingSource.id, sort_by_parameter_order=True),
        [
            {"name_en": "HUD comprehensive counseling grant (demo)",
             "name_es": "Subvención de HUD para consejería (demo)", "hud_grant": "comprehensive", "active": True},
            {"name_en": "Demo Community Foundation", "name_es": "Fundación Comunitaria Demo",
             "hud_grant": "", "active": True},
        ],
    ).all()
    session.execute(
        insert(FeeSchedule),
        [{
            "effective_from": dt.date(today.year - 1, 10, 1),
            "lines": FEE_LINES,
            "note_en": "Demo schedule. If you cannot pay, we counsel you for free.",
            "note_es": "Lista de demostración. Si no puede pagar, le damos la consejería gratis.",
        }],
    )
    # Workshops: two in three on the HUD grant, the rest on the foundation; the homebuyer class has a fee.
    session.execute(
        update(EducationEvent).where(EducationEvent.id % 3 != 0).values(funding="hud", funding_source_id=ids[0])
    )
    session.execute(
        update(EducationEvent).where(EducationEvent.id % 3 == 0).values(funding="grant", funding_source_id=ids[1])
    )
    session.execute(
        update(EducationEvent).where(EducationEvent.education_type == "prepurchase").values(fee=25.0)
    )
    session.execute(update(EducationEvent).where(EducationEvent.fee.is_(None)).values(fee=0.0))
    return {"hud": ids[0], "other": ids[1]}


def fund_sessions(seed: int, sessions: list[dict], sources: dict) -> None:
    """Give every demo session of this chunk its funding and fee (in place, before the bulk insert)."""
    for row in sessions:
        rng = random.Random(seed * 7_919 + row["household_id"] * 31 + row["session_date"].toordinal())
        pick = rng.random()
        if pick < 0.6:
            row.update(funding="hud", funding_source_id=sources["hud"], fee=0.0)
        elif pick < 0.85:
            row.update(funding="grant", funding_source_id=sources["other"], fee=0.0)
        else:
            row.update(funding="none", funding_source_id=None, fee=rng.choice((0.0, 0.0, 25.0)))


def contacts(seed: int, ids, rows: list[dict], updates: list, today: dt.date) -> list[dict]:
    """Follow-up tries and letters for this chunk's open files silent for 60 days or more."""
    changed = dict(updates)
    out = []
    for hid, row in zip(ids, rows, strict=True):
        facts = {**row, **changed.get(hid, {})}
        if facts.get("status", "open") != "open":
            continue
        last = facts.get("last_contact_on") or facts["opened_on"]
        silent = (today - last).days
        if silent < NO_CONTACT_DAYS:
            continue
        rng = random.Random(seed * 104_729 + hid)
        stage = rng.randrange(5)  # 0 due, 1 one try, 2 two tries, 3 letter sent, 4 ready to close
        window = silent - NO_CONTACT_DAYS
        if stage == 4 and window < 40:
            stage = 3
        if stage == 3:  # letter in the last 30 days, after two tries
            letter = today - dt.timedelta(days=rng.randrange(0, min(30, window + 1)))
        elif stage == 4:
            letter = today - dt.timedelta(days=rng.randrange(31, window + 1))
        else:
            letter = None
        tries = min(stage, 2)
        first = last + dt.timedelta(days=NO_CONTACT_DAYS)
        for n in range(tries):
            on = first + dt.timedelta(days=n * 3)
            if letter is not None and on >= letter:
                on = letter - dt.timedelta(days=tries - n)
            on = min(max(on, last + dt.timedelta(days=1)), today)
            out.append({"household_id": hid, "kind": "attempt", "method": rng.choice(("phone", "text")),
                        "result": rng.choice(("no_answer", "left_message")), "made_on": on,
                        "answer_by": None, "language": ""})
        if letter is not None:
            out.append({"household_id": hid, "kind": "letter", "method": "mail", "result": "sent",
                        "made_on": letter, "answer_by": letter + dt.timedelta(days=30),
                        "language": row.get("preferred_language") or "es"})
    return out


def write(session, seed: int, ids, rows: list[dict], out: dict, sources: dict, today: dt.date) -> None:
    """Fund this chunk's sessions and add its follow-up contacts (before the chunk's sessions flush)."""
    fund_sessions(seed, out["sessions"], sources)
    found = contacts(seed, ids, rows, out["updates"], today)
    if found:
        session.execute(insert(FollowUpContact), found)
