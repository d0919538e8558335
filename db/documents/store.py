"""Where uploaded documents live on disk: a folder under the data folder, owner-only, random names.

The folder is CAMINO_DOCUMENTS_DIR when set; else `documents/` beside the SQLite file; else (a
PostgreSQL database) var/documents in the app's folder, where the default SQLite file lives too.
The folder is 0700 and every file 0600; a file's name is random (never the client's or the file's).
The kind of file is told by its first bytes (the `filetype` library), never by its name.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import filetype
from sqlalchemy.engine import make_url

from db.config import ROOT, database_url

ENV = "CAMINO_DOCUMENTS_DIR"
MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a phone photo of a letter or a bank's credit report PDF fits
# The kinds accepted, by the MIME type read from the content, with the extension a download gets.
ACCEPTED = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/heic": "heic",
}
_NAME_BYTES = 24  # 48 hex characters: random, so a name on disk says nothing about its client


def root_for(url: str | None = None) -> Path:
    """The documents folder for the database at `url` (default: the configured one)."""
    configured = os.environ.get(ENV, "").strip()
    if configured:
        return Path(configured)
    url = url or database_url()
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:":
            return Path(path).resolve().parent / "documents"
    return ROOT / "var" / "documents"


def ensure_root(root: Path) -> Path:
    """Create the folder if needed and make it owner-only (0700)."""
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o700)
    return root


def detect(data: bytes) -> str | None:
    """The accepted MIME type of these bytes, or None (an unknown or unaccepted kind of file)."""
    kind = filetype.guess(data[:8192]) if data else None
    if kind is None or kind.mime not in ACCEPTED:
        return None
    return kind.mime


def new_name() -> str:
    return secrets.token_hex(_NAME_BYTES)


def write(root: Path, name: str, data: bytes) -> Path:
    """Write a new file, owner-only from its first byte (never replaces an existing file)."""
    path = ensure_root(root) / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    path.chmod(0o600)  # whatever the umask was
    return path


def read(root: Path, name: str) -> bytes:
    return (root / name).read_bytes()


def remove(root: Path, names: list[str]) -> int:
    """Delete these files; returns how many were there."""
    removed = 0
    for name in names:
        path = root / name
        if path.exists():
            path.unlink()
            removed += 1
    return removed
