"""Shared fixtures: fresh migrated databases on SQLite and on a real PostgreSQL the suite starts itself."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db import migrate
from db.engine import make_engine
from db.pgserver import PostgresServer, PostgresUnavailable

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CAMINO_SHARED", ROOT.parent / "shared"))
IN_CI = os.environ.get("CI", "").lower() == "true"
_skipped_layers: dict[str, str] = {}

# Property tests check answers, never speed (bench/ measures that): no per-example deadline, which a
# lazily imported library or a busy machine would otherwise turn into a flaky failure.
settings.register_profile("camino", deadline=None)
settings.load_profile("camino")


def missing_layer(layer: str, reason: str):
    """Skip a whole test layer loudly outside CI; under CI a missing layer is a failure."""
    if IN_CI:
        pytest.fail(f"{layer} is required when CI=true: {reason}", pytrace=False)
    _skipped_layers[layer] = reason
    pytest.skip(f"{layer} unavailable: {reason}")


def pytest_terminal_summary(terminalreporter):
    for layer, reason in _skipped_layers.items():
        terminalreporter.write_sep("!", f"SKIPPED LAYER {layer}: {reason}", red=True, bold=True)


@pytest.fixture(scope="session")
def reference_cases_dir() -> Path:
    path = SHARED / "reference-cases"
    if not path.is_dir():
        missing_layer("reference cases", f"{path} not found (set CAMINO_SHARED)")
    return path


@pytest.fixture(scope="session")
def pg_admin_url():
    """A PostgreSQL server URL: TEST_POSTGRES_URL, or one started for this test run."""
    url = os.environ.get("TEST_POSTGRES_URL")
    if url:
        yield url
        return
    try:
        server = PostgresServer()
        url = server.start()
    except PostgresUnavailable as err:
        missing_layer("PostgreSQL", str(err))
    yield url
    server.stop()


def fresh_postgres_engine(admin_url: str):
    """A new empty database on the test server, with a disposer that drops it."""
    name = f"camino_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(admin_url).set(database=name).render_as_string(hide_password=False))

    def dispose():
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return engine, dispose


@pytest.fixture(scope="session", autouse=True)
def _documents_folder(tmp_path_factory):
    """Uploaded documents (db/documents/store.py) go to a temporary folder, never var/ in the repo."""
    old = os.environ.get("CAMINO_DOCUMENTS_DIR")
    os.environ["CAMINO_DOCUMENTS_DIR"] = str(tmp_path_factory.mktemp("documents"))
    yield
    if old is None:
        os.environ.pop("CAMINO_DOCUMENTS_DIR", None)
    else:
        os.environ["CAMINO_DOCUMENTS_DIR"] = old


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@contextmanager
def migrated_engine(request, folder: Path):
    """A migrated database on the backend a parametrized fixture asks for, dropped afterwards."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{folder / 'test.db'}")
        dispose = eng.dispose
    else:
        eng, dispose = fresh_postgres_engine(request.getfixturevalue("pg_admin_url"))
    try:
        migrate.upgrade(eng)
        yield eng
    finally:
        dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    """A freshly migrated database on each backend; the schema always comes from Alembic."""
    with migrated_engine(request, tmp_path) as eng:
        yield eng
