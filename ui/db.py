"""The process-wide database engine, built once and shared by every session."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine

from db import migrate
from db.config import database_url
from db.engine import make_engine


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":
        # The embedded database migrates itself; PostgreSQL deployments run `python -m db.migrate`.
        migrate.upgrade_if_needed(engine)
    return engine


def engine() -> Engine:
    return _engine_for(database_url())
