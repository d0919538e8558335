"""Engine factory: SQLite with WAL, foreign keys and a busy timeout; PostgreSQL through psycopg 3."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from db import text_guard  # noqa: F401 (registers the control-character check on every flush)
from db.config import database_url

SQLITE_BUSY_MS = 15000


def make_engine(url: str | None = None) -> Engine:
    """One engine per process; SQLite pragmas are set on every new connection."""
    url = url or database_url()
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):
        # Python 3.11's sqlite3 has no .autocommit; isolation_level=None hands BEGIN to SQLAlchemy.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # Writers ask for IMMEDIATE: they take the lock up front and wait in line (busy_timeout)
        # instead of failing with "database is locked" when a read upgrades to a write.
        conn.exec_driver_sql("BEGIN " + conn.get_execution_options().get("sqlite_begin", "DEFERRED"))

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine):
    """A writing session that commits when the block ends and rolls back on any error: all or nothing."""
    writer = engine.execution_options(sqlite_begin="IMMEDIATE")
    with Session(writer, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def reading(engine: Engine):
    """A read-only session (deferred transaction; readers never block the writer under WAL)."""
    with Session(engine, expire_on_commit=False) as session:
        yield session
