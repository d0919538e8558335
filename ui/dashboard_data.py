"""Cached dashboard and HUD-9902 data for the pages: keyed by database, scope, filters and a data version.

The data version (db.pipeline.data_version: the newest audited write) is part of every key, so any
change to a record gives a new key and the next run recomputes; the TTL only bounds memory.
Only staff ids go into cache keys, never anything about a client.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from db import accounts, households, lead_offices, pipeline
from db.pipeline import Filters
from reports.hud9902 import counting
from ui.db import engine

TTL_SECONDS = 600


def scope_of(user: dict) -> tuple:
    """The parts of the session user that decide what they may see (hashable, for cache keys)."""
    return (user.get("id"), user.get("role"), user.get("office_id"))


def _user(scope: tuple) -> dict:
    user_id, role, office_id = scope
    return {"id": user_id, "role": role, "office_id": office_id}


def _key() -> tuple[str, int]:
    eng = engine()
    return str(eng.url), pipeline.data_version(eng)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _dashboard(url: str, version: int, scope: tuple, filters: tuple, today: dt.date) -> dict:
    eng, user, chosen = engine(), _user(scope), Filters(*filters)
    return {
        "funnel": pipeline.funnel(eng, user, chosen),
        "days": pipeline.median_days_in_stage(eng, user, chosen, today),
        "stuck": pipeline.stuck_count(eng, user, chosen, today),
        "outcomes": pipeline.outcomes(eng, user, chosen),
        "caseloads": pipeline.caseloads(eng, user, chosen, today),
    }


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _breakdown(url: str, version: int, scope: tuple, filters: tuple, by: str) -> list[dict]:
    return pipeline.breakdown(engine(), _user(scope), by, Filters(*filters))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _hud9902(url: str, version: int, fiscal_year: int, quarter: int, office_id: int | None):
    return counting.build_with_hud_column(engine(), fiscal_year, quarter, office_id)


def _as_tuple(filters: Filters) -> tuple:
    return (filters.office_id, filters.counselor_id, filters.jurisdiction, filters.language, filters.quarter)


def dashboard(user: dict, filters: Filters, today: dt.date) -> dict:
    """Funnel, days in stage, stuck count, outcomes and caseloads for this user's scope and filters."""
    url, version = _key()
    return _dashboard(url, version, scope_of(user), _as_tuple(filters), today)


def breakdown(user: dict, filters: Filters, by: str) -> list[dict]:
    url, version = _key()
    return _breakdown(url, version, scope_of(user), _as_tuple(filters), by)


def hud_report(user: dict, fiscal_year: int, quarter: int, office_id: int | None):
    """The 9902 for an admin (any office, or all) or a lead (one of the offices they lead, or all of
    them together); anyone else, their own office."""
    if user.get("role") != "admin":
        allowed = [o["id"] for o in lead_offices.offices_for(engine(), user)]
        if office_id not in allowed:  # "all": every office the lead reports on, never beyond
            if lead_offices.covers_every_office(engine(), user):
                office_id = None
            else:
                office_id = tuple(allowed) if len(allowed) > 1 else user["office_id"]
    url, version = _key()
    return _hud9902(url, version, fiscal_year, quarter, office_id)


def households_behind(user: dict, metric: str, value, filters: Filters, today: dt.date) -> list[int]:
    """Not cached: a click-through always shows the records as they are now."""
    return pipeline.households_behind(engine(), user, metric, value, filters, today)


def household_rows(user: dict, ids: list[int]) -> list[dict]:
    return pipeline.household_rows(engine(), user, ids)


def offices(user: dict | None = None) -> list[dict]:
    """Every office, or the ones this user may report on (a lead's assignment)."""
    if user is None:
        return accounts.list_offices(engine())
    return lead_offices.offices_for(engine(), user)


def counselors(user: dict) -> list[dict]:
    if user.get("role") != "lead":
        return households.counselors(engine(), user)
    found = [households.counselors(engine(), {**user, "office_id": o["id"]}) for o in offices(user)]
    return sorted((c for staff in found for c in staff), key=lambda c: c["name"])
