"""Migrations are the only source of the schema: up, down and up again, and no drift from the models."""

from __future__ import annotations

from sqlalchemy import inspect, text

from db import migrate


def test_upgrade_downgrade_upgrade_and_no_drift(engine):
    migrate.check(engine)  # the engine fixture is already at head
    migrate.downgrade(engine, "base")
    assert "household" not in inspect(engine).get_table_names()
    migrate.upgrade(engine)
    assert {"household", "audit_event", "milestone"} <= set(inspect(engine).get_table_names())
    migrate.check(engine)


def test_sqlite_pragmas_are_on(sqlite_engine):
    with sqlite_engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_no_column_can_hold_an_id_number(engine):
    """SSN/ITIN and account numbers are never stored: no column is even named for them."""
    forbidden = ("ssn", "itin", "social_security", "account_number", "routing")
    for table in inspect(engine).get_table_names():
        for column in inspect(engine).get_columns(table):
            name = column["name"].lower()
            assert not any(word in name for word in forbidden if name != "id_type"), (table, name)
