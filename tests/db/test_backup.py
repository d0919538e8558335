"""Backups round-trip on both backends: create, change the data, restore, and the change is gone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import backup
from db.engine import reading, transaction
from db.models import Household
from tests.factories import make_household, small_agency

ROOT = Path(__file__).resolve().parents[2]


def count(engine) -> int:
    with reading(engine) as s:
        return s.scalar(select(func.count()).select_from(Household))


def test_backup_and_restore_round_trip(engine, tmp_path):
    agency = small_agency(engine)
    url = engine.url.render_as_string(hide_password=False)
    before = count(engine)
    path = backup.create(tmp_path / "camino.backup", url)
    make_household(engine, agency["offices"]["north"], "Después del respaldo")
    with transaction(engine) as s:
        s.get(Household, agency["households"]["north"]).display_name = "Cambiado"
    engine.dispose()
    backup.restore(path, url)
    engine.dispose()
    assert count(engine) == before
    with reading(engine) as s:
        assert s.get(Household, agency["households"]["north"]).display_name == "María José Núñez Pérez"


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, sqlite_engine):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello")
    with pytest.raises(backup.BackupError):
        backup.restore(bogus, sqlite_engine.url.render_as_string())


def test_command_line_round_trip(tmp_path, sqlite_engine):
    url = sqlite_engine.url.render_as_string()
    small_agency(sqlite_engine)
    env = {"DATABASE_URL": url, "PATH": "/usr/bin:/bin"}
    out = tmp_path / "b.sqlite"
    made = subprocess.run(
        [sys.executable, "-m", "db.backup", "create", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    assert out.read_bytes().startswith(backup.SQLITE_MAGIC)
    restored = subprocess.run(
        [sys.executable, "-m", "db.backup", "restore", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert restored.returncode == 0, restored.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "db.backup", "restore", str(tmp_path / "nope")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 1 and "no backup file" in missing.stderr


def test_backups_and_the_database_file_are_owner_only(tmp_path, sqlite_engine):
    out = backup.create(
        tmp_path / "owner-only.backup", sqlite_engine.url.render_as_string(hide_password=False)
    )
    assert out.stat().st_mode & 0o777 == 0o600
    assert Path(sqlite_engine.url.database).stat().st_mode & 0o777 == 0o600
