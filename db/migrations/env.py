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
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()  # end the auto-begun transaction, or Alembic never commits its own
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
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
    finally:
        if engine is not None:
            connection.close()
            engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run against a database.")
run_migrations_online()
