"""Run Alembic migrations from code (app start-up, tests, `python -m db.migrate`).

Alembic is imported only when there is something to do: the app checks the database's revision on
every start, and importing Alembic (and Mako) costs a third of a second a newly started server does
not need when the database is already current.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from db.engine import make_engine

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ROOT / "db" / "migrations" / "versions"
_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w-]+|None)['\"]?", re.MULTILINE)


def alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "db" / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revisions() -> set[str]:
    """The revisions no other migration builds on, read from the files (no Alembic import)."""
    revisions, parents = set(), set()
    for path in VERSIONS.glob("*.py"):
        found = dict((name, value) for name, value in _REVISION.findall(path.read_text()))
        if "revision" in found:
            revisions.add(found["revision"])
            parents.add(found.get("down_revision"))
    return revisions - parents


def is_current(engine: Engine) -> bool:
    """True when the database already stands at the (single) head revision."""
    try:
        with engine.connect() as conn:
            stamped = {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    except DBAPIError:  # no alembic_version table yet: a new database
        return False
    return stamped == head_revisions()


def upgrade_if_needed(engine: Engine) -> None:
    if not is_current(engine):
        upgrade(engine)


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), revision)


def check(engine: Engine) -> None:
    """Raise when the models and the migrations disagree (autogenerate would write something)."""
    from alembic import command

    with engine.connect() as conn:
        command.check(alembic_config(conn))


if __name__ == "__main__":
    eng = make_engine()
    upgrade(eng)
    print("database is up to date")
    sys.exit(0)
