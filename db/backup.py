"""Backups of the database named by DATABASE_URL.

SQLite: the online backup API (a consistent copy while the app keeps running).
PostgreSQL: pg_dump in custom format, restored with pg_restore --clean.
With CAMINO_BACKUP_PASSPHRASE set, backups are encrypted (db.backup_crypto) and restores decrypt.
A restore first keeps a copy of the database it replaces (owner-only, encrypted too when a passphrase
is set) and then records itself in the restored database's audit log.
The uploaded documents go in PATH.documents.tar beside it (db/documents/backup.py), encrypted the same
way, and come back with it.
Usage: python -m db.backup create --out PATH | python -m db.backup restore PATH [--keep-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from db import audit, backup_crypto
from db.config import database_url
from db.documents import backup as document_backup
from db.engine import make_engine, transaction
from db.models import utcnow

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


@contextmanager
def _private_dir(near: Path):
    """A temporary owner-only folder beside `near` (same disk), removed with everything in it."""
    near.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=near, prefix=".camino-") as folder:
        yield Path(folder)


def create(out: Path, url: str | None = None, passphrase: str | None = None) -> Path:
    """Write a backup of the database to `out` and return its path.

    Encrypted when a passphrase is given or CAMINO_BACKUP_PASSPHRASE is set ("" forces a plain backup).
    """
    url = url or database_url()
    out = Path(out)
    passphrase = backup_crypto.passphrase_from_env() if passphrase is None else passphrase
    if not passphrase:
        return _write_plain(out, url)
    with _private_dir(out.parent) as folder:
        plain = _write_plain(folder / "plain.backup", url)
        backup_crypto.encrypt_file(plain, out, passphrase)
        documents = document_backup.archive_path(plain)
        if documents.exists():  # the documents are sealed with the same passphrase
            backup_crypto.encrypt_file(documents, document_backup.archive_path(out), passphrase)
            document_backup.archive_path(out).chmod(0o600)
    out.chmod(0o600)
    return out


def _write_plain(out: Path, url: str) -> Path:
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


def restore(
    path: Path, url: str | None = None, passphrase: str | None = None, keep_dir: Path | None = None
) -> Path | None:
    """Replace the database's contents with the backup at `path`; return where the replaced one is kept.

    Nothing changes unless the backup opens (right passphrase, intact file). Then the current database
    is copied to `keep_dir` (default: beside the backup) before it is replaced, and the restore is
    written to the audit log of the restored database.
    """
    url = url or database_url()
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    passphrase = backup_crypto.passphrase_from_env() if passphrase is None else passphrase
    keep_dir = Path(keep_dir) if keep_dir else path.resolve().parent
    with _private_dir(keep_dir) as folder:
        if backup_crypto.is_encrypted(path):
            if not passphrase:
                raise BackupError(f"this backup is encrypted: set {backup_crypto.PASSPHRASE_ENV}")
            opened = folder / "opened.backup"
            try:
                backup_crypto.decrypt_file(path, opened, passphrase)
                sealed = document_backup.archive_path(path)
                if sealed.exists():
                    backup_crypto.decrypt_file(sealed, document_backup.archive_path(opened), passphrase)
            except backup_crypto.DecryptError as err:
                raise BackupError(f"{err}; nothing was changed") from err
            path = opened
        if url.startswith("sqlite"):
            with path.open("rb") as f:
                if f.read(16) != SQLITE_MAGIC:
                    raise BackupError("that file is not a SQLite backup")
        kept = _keep_current(url, keep_dir, passphrase)
        _replace(path, url)
    _record_restore(url, kept)
    return kept


def _keep_current(url: str, keep_dir: Path, passphrase: str | None) -> Path | None:
    """Copy the database about to be replaced (None if there is no SQLite file yet)."""
    if url.startswith("sqlite") and not _sqlite_path(url).exists():
        return None
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%fZ")
    return create(keep_dir / f"camino-before-restore-{stamp}.backup", url, passphrase or "")


def _record_restore(url: str, kept: Path | None) -> None:
    engine = make_engine(url)
    try:
        with transaction(engine) as s:
            audit.record(s, None, "backup_restored", "database", None, f"kept={kept.name if kept else ''}")
    finally:
        engine.dispose()


def _replace(path: Path, url: str) -> None:
    if url.startswith("sqlite"):
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
    back.add_argument(
        "--keep-dir", type=Path, help="where to keep the database it replaces (default: beside PATH)"
    )
    args = parser.parse_args(argv)
    encrypted = bool(backup_crypto.passphrase_from_env())
    try:
        if args.command == "create":
            print(f"backup written to {create(args.out)}" + (" (encrypted)" if encrypted else ""))
        else:
            kept = restore(args.path, keep_dir=args.keep_dir)
            print("database restored" + (f"; the database it replaced is kept at {kept}" if kept else ""))
    except BackupError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
