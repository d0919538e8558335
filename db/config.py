"""Where the database lives: DATABASE_URL, else an embedded SQLite file under var/."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = ROOT / "var" / "camino.db"


def database_url() -> str:
    """The configured database; a bare postgresql:// URL is given the psycopg 3 driver."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{DEFAULT_SQLITE}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url
