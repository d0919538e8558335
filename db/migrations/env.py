"""Alembic environment: one code path for SQLite (batch mode) and PostgreSQL."""

from alembic import context

from db.engine import make_engine
from db.models import Base

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    engine = None
    if connection is None:
        engine = make_engine()
        connection = engine.connect()
    try:
        is_sqlite = connection.dialect.name == "sqlite"
        if is_sqlite:
            # Batch mode copies tables; foreign keys must be off while it does, and checked after.
            # SQLite ignores this PRAGMA inside a transaction, and SQLAlchemy begins one before any
            # statement it sends: it goes on the driver's connection, with no transaction open. With
            # keys on, rebuilding a parent table deletes its children (ON DELETE CASCADE).
            if connection.in_transaction():
                connection.commit()
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=is_sqlite,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        if is_sqlite:
            bad = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise RuntimeError(f"foreign key violations after migration: {bad}")
            connection.commit()
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
    finally:
        if engine is not None:
            connection.close()
            engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run against a database.")
run_migrations_online()
