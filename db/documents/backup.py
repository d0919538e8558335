"""The documents folder in a backup: a tar archive beside the database backup, restored with it.

`python -m db.backup create --out camino.backup` writes camino.backup and camino.backup.documents.tar
(both 0600); `restore camino.backup` puts the database back and, when the archive is there, replaces
the documents folder with the archive's files (owner-only again). Keep the two files together.
"""

from __future__ import annotations

import shutil
import tarfile
import tempfile
from pathlib import Path

from db.documents import store as document_store

SUFFIX = ".documents.tar"


def archive_path(backup: Path) -> Path:
    return Path(str(backup) + SUFFIX)


def save(backup: Path, url: str) -> Path:
    """Write every document of the database at `url` into the archive beside `backup`."""
    out = archive_path(backup)
    out.touch(mode=0o600, exist_ok=True)
    out.chmod(0o600)
    root = document_store.root_for(url)
    with tarfile.open(out, "w") as tar:
        if root.is_dir():
            for path in sorted(root.iterdir()):
                if path.is_file():
                    tar.add(path, arcname=path.name, recursive=False)
    return out


def put_back(backup: Path, url: str) -> int | None:
    """Replace the documents folder with the archive beside `backup`; None when there is no archive
    (a backup made before documents existed leaves the folder as it is). Returns the number of files."""
    source = archive_path(backup)
    if not source.is_file():
        return None
    root = document_store.root_for(url)
    root.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".documents-restore-", dir=root.parent))
    try:
        with tarfile.open(source, "r") as tar:
            members = [m for m in tar.getmembers() if m.isfile() and "/" not in m.name]
            tar.extractall(fresh, members=members, filter="data")
        for path in fresh.iterdir():
            path.chmod(0o600)
        fresh.chmod(0o700)
        if root.exists():
            old = root.with_name(root.name + ".replaced")
            shutil.rmtree(old, ignore_errors=True)
            root.rename(old)
            fresh.rename(root)
            shutil.rmtree(old, ignore_errors=True)
        else:
            fresh.rename(root)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return len(members)
