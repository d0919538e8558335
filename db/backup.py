"""Backups of the database named by DATABASE_URL.

SQLite: the online backup API (a consistent copy while the app keeps running).
PostgreSQL: pg_dump in custom format, restored with pg_restore --clean.
Usage: python -m db.backup create --out PATH | python -m db.backup restore PATH
The uploaded documents go in PATH.documents.tar beside it (db/document_backup.py), and come back with it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from db import document_backup
from db.config import database_url

SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(RuntimeError):
    """The backup or restore could not be done; the message says why (never with data in it)."""


def _sqlite_path(url: str) -> Path:
    path = make_url(url).database
    if not path or path == ":memory:":
        raise BackupError("an in-memory database cannot be backed up")
    return Path(path)


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    raise BackupError(f"{name} not found (install Debian's postgresql-client)")


def _pg_args(url: str) -> tuple[list[str], dict]:
    u = make_url(url)
    args = [
        "--host",
        u.host or "localhost",
        "--port",
        str(u.port or 5432),
        "--username",
        u.username or "postgres",
        "--dbname",
        u.database or "postgres",
    ]
    env = {**os.environ}
    if u.password:
        env["PGPASSWORD"] = u.password
    return args, env


def create(out: Path, url: str | None = None) -> Path:
    """Write a backup of the database to `out` and return its path."""
    url = url or database_url()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.touch(mode=0o600, exist_ok=True)
    out.chmod(0o600)  # owner-only before any client data is written to it
    if url.startswith("sqlite"):
        _sqlite_path(url).chmod(0o600)  # the live database file too
        source = sqlite3.connect(_sqlite_path(url))
        target = sqlite3.connect(out)
        try:
            with target:
                source.backup(target)
        finally:
            source.close()
            target.close()
        document_backup.save(out, url)  # the uploaded documents, beside the backup
        return out
    args, env = _pg_args(url)
    result = subprocess.run(
        [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(out), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if result.returncode != 0:
        raise BackupError("pg_dump failed: " + result.stderr.strip()[-300:])
    document_backup.save(out, url)
    return out


def restore(path: Path, url: str | None = None) -> None:
    """Replace the database's contents with the backup at `path`."""
    url = url or database_url()
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    if url.startswith("sqlite"):
        with path.open("rb") as f:
            if f.read(16) != SQLITE_MAGIC:
                raise BackupError("that file is not a SQLite backup")
        source = sqlite3.connect(path)
        target = sqlite3.connect(_sqlite_path(url))
        try:
            with target:
                source.backup(target)
        finally:
            source.close()
            target.close()
        document_backup.put_back(path, url)
        return
    args, env = _pg_args(url)
    result = subprocess.run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            str(path),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if result.returncode != 0:
        raise BackupError("pg_restore failed: " + result.stderr.strip()[-300:])
    document_backup.put_back(path, url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.backup")
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("create", help="write a backup")
    make.add_argument("--out", required=True, type=Path)
    back = sub.add_parser("restore", help="replace the database with a backup")
    back.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "create":
            print(f"backup written to {create(args.out)}")
        else:
            restore(args.path)
            print("database restored")
    except BackupError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
