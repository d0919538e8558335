"""Shared database-test fixtures: a small agency on a fresh database, and a module-wide database per backend."""

from __future__ import annotations

import pytest

from tests.conftest import migrated_engine
from tests.factories import small_agency


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request, tmp_path_factory):
    """A migrated database per backend, shared by a module's read-only tests (writers use `engine`)."""
    folder = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])
    with migrated_engine(request, folder) as eng:
        yield eng


@pytest.fixture
def agency(engine):
    """Two offices with their staff and households (tests.factories.small_agency), and the engine."""
    data = small_agency(engine)
    data["engine"] = engine
    return data
