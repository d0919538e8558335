"""Shared by the dashboard and HUD-9902 tests: one migrated database per backend for a whole module."""

from __future__ import annotations

import pytest

from db import migrate
from db.engine import make_engine
from tests.conftest import fresh_postgres_engine


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request, tmp_path_factory):
    """A migrated database per backend, shared by a module's read-only tests (writers use `engine`)."""
    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])
        eng = make_engine(f"sqlite:///{folder / 'shared.db'}")
        dispose = eng.dispose
    else:
        eng, dispose = fresh_postgres_engine(request.getfixturevalue("pg_admin_url"))
    try:
        migrate.upgrade(eng)
        yield eng
    finally:
        dispose()
