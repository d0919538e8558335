"""Run Alembic migrations from code (app start-up, tests, `python -m db.migrate`)."""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from db.engine import make_engine

ROOT = Path(__file__).resolve().parent.parent


def alembic_config(connection=None) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "db" / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), revision)


def check(engine: Engine) -> None:
    """Raise when the models and the migrations disagree (autogenerate would write something)."""
    with engine.connect() as conn:
        command.check(alembic_config(conn))


if __name__ == "__main__":
    eng = make_engine()
    upgrade(eng)
    print("database is up to date")
    sys.exit(0)
