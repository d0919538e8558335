"""Shared database-test fixtures: a small agency on a fresh database, and a module-wide database per backend."""

from __future__ import annotations

import pytest

from db import migrate
from db.engine import make_engine
from tests.conftest import fresh_postgres_engine
from tests.factories import small_agency


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


@pytest.fixture
def agency(engine):
    """Two offices with their staff and households (tests.factories.small_agency), and the engine."""
    data = small_agency(engine)
    data["engine"] = engine
    return data
