"""The start-up check that skips Alembic when the database is already at the newest revision."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from db import migrate
from db.engine import make_engine


def test_heads_read_from_the_files_match_alembic():
    assert migrate.head_revisions() == set(ScriptDirectory.from_config(migrate.alembic_config()).get_heads())


def test_a_database_at_head_is_current_and_one_behind_is_not(engine):
    assert migrate.is_current(engine)
    previous = ScriptDirectory.from_config(migrate.alembic_config()).get_revision("head").down_revision
    migrate.downgrade(engine, previous)
    assert not migrate.is_current(engine)
    migrate.upgrade_if_needed(engine)
    assert migrate.is_current(engine)


def test_a_new_database_is_not_current_until_migrated(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        assert not migrate.is_current(engine)
        migrate.upgrade_if_needed(engine)
        assert migrate.is_current(engine)
        assert "household" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
