"""Hand the agency's own rule rows to the calculators for this script run (they never read the database)."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from calculators.rules import overlay as rules_overlay
from db import agency_rules
from db.config import database_url
from ui.db import engine


@st.cache_resource(show_spinner=False)
def _overlay_for(url: str) -> rules_overlay.Overlay:
    return agency_rules.overlay(engine())


def install() -> None:
    """Lay the agency rows over the shipped tables for everything this run computes."""
    try:
        current = _overlay_for(database_url())
    except SQLAlchemyError:  # no database yet (first start): the shipped tables alone
        current = None
    rules_overlay.install(current)


def refresh() -> None:
    """After the agency saves a row: drop the cached rows and use the new ones at once."""
    _overlay_for.clear()
    install()
