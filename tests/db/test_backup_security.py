"""Encrypted backups, and restores that keep the database they replace and write themselves to the
audit log, on both backends; a wrong passphrase or a changed file changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from db import backup, backup_crypto
from db.audit import chain as audit_chain
from db.engine import reading, transaction
from db.models import AuditEvent, Household
from tests.factories import small_agency

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery staple 23"
ORIGINAL = "María José Núñez Pérez"


@pytest.fixture
def setup(engine, tmp_path, monkeypatch):
    monkeypatch.delenv(backup_crypto.PASSPHRASE_ENV, raising=False)
    agency = small_agency(engine)
    url = engine.url.render_as_string(hide_password=False)
    return engine, url, agency["households"]["north"], tmp_path


def rename(engine, household_id, name):
    with transaction(engine) as s:
        s.get(Household, household_id).display_name = name
    engine.dispose()


def name_of(engine, household_id):
    with reading(engine) as s:
        return s.get(Household, household_id).display_name


def restores(engine) -> list[str]:
    with reading(engine) as s:
        return list(s.scalars(select(AuditEvent.detail).where(AuditEvent.action == "backup_restored")))


def test_an_encrypted_backup_restores_and_keeps_what_it_replaced(setup):
    engine, url, north, tmp_path = setup
    path = backup.create(tmp_path / "enc.backup", url, passphrase=PASSPHRASE)
    assert backup_crypto.is_encrypted(path) and path.stat().st_mode & 0o777 == 0o600
    assert "Núñez".encode() not in path.read_bytes()
    rename(engine, north, "Cambiado después del respaldo")
    kept = backup.restore(path, url, passphrase=PASSPHRASE, keep_dir=tmp_path / "kept")
    engine.dispose()
    assert name_of(engine, north) == ORIGINAL
    assert kept.parent == tmp_path / "kept" and kept.stat().st_mode & 0o777 == 0o600
    assert backup_crypto.is_encrypted(kept)  # the copy is as protected as the backup
    assert restores(engine) == [f"kept={kept.name}"]
    assert audit_chain.verify(engine).ok
    # The kept copy is the database that was replaced: restoring it brings the change back.
    backup.restore(kept, url, passphrase=PASSPHRASE, keep_dir=tmp_path / "kept")
    engine.dispose()
    assert name_of(engine, north) == "Cambiado después del respaldo"


@pytest.mark.parametrize("damage", ["wrong passphrase", "flipped byte", "cut short", "no passphrase"])
def test_a_backup_that_does_not_open_changes_nothing(setup, damage):
    engine, url, north, tmp_path = setup
    folder = tmp_path / "backups"
    path = backup.create(folder / "enc.backup", url, passphrase=PASSPHRASE)
    data = bytearray(path.read_bytes())
    passphrase = PASSPHRASE
    if damage == "wrong passphrase":
        passphrase = "correct horse battery stapler"
    elif damage == "flipped byte":
        data[len(data) // 2] ^= 0x01
    elif damage == "cut short":
        data = data[:-100]
    else:
        passphrase = ""
    path.write_bytes(bytes(data))
    rename(engine, north, "Después del respaldo")
    before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(backup.BackupError) as err:
        backup.restore(path, url, passphrase=passphrase)
    assert ("CAMINO_BACKUP_PASSPHRASE" if damage == "no passphrase" else "nothing was changed") in str(
        err.value
    )
    assert name_of(engine, north) == "Después del respaldo"
    assert sorted(p.name for p in folder.iterdir()) == before  # no copy, no leftover
    assert restores(engine) == []


def test_a_plain_restore_also_keeps_a_copy_and_is_audited(setup):
    engine, url, north, tmp_path = setup
    path = backup.create(tmp_path / "plain.backup", url, passphrase="")
    assert not backup_crypto.is_encrypted(path)
    rename(engine, north, "Cambiado")
    kept = backup.restore(path, url, passphrase="")
    engine.dispose()
    assert kept.parent == tmp_path and kept.name.startswith("camino-before-restore-")
    assert kept.stat().st_mode & 0o777 == 0o600
    assert name_of(engine, north) == ORIGINAL
    assert restores(engine) == [f"kept={kept.name}"]


@pytest.mark.parametrize("chunk", [16, 1 << 20])
def test_encryption_round_trip_and_reordered_chunks(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(backup_crypto, "CHUNK", chunk)
    source = tmp_path / "plain"
    source.write_bytes(os.urandom(100))
    sealed, opened = tmp_path / "sealed", tmp_path / "opened"
    backup_crypto.encrypt_file(source, sealed, PASSPHRASE)
    backup_crypto.decrypt_file(sealed, opened, PASSPHRASE)
    assert opened.read_bytes() == source.read_bytes()
    if chunk == 16:  # seven chunks: swapping two of them, or dropping the last, is found
        header = backup_crypto._HEADER.size
        step = 4 + 16 + 16
        body = sealed.read_bytes()
        swapped = body[:header] + body[header + step : header + 2 * step] + body[header : header + step]
        sealed.write_bytes(swapped + body[header + 2 * step :])
        with pytest.raises(backup_crypto.DecryptError):
            backup_crypto.decrypt_file(sealed, opened, PASSPHRASE)
        sealed.write_bytes(body[: -(4 + 16 + 4)])
        with pytest.raises(backup_crypto.DecryptError):
            backup_crypto.decrypt_file(sealed, opened, PASSPHRASE)


def test_command_line_encrypts_with_the_passphrase_from_the_environment(tmp_path, sqlite_engine):
    url = sqlite_engine.url.render_as_string()
    small_agency(sqlite_engine)
    out = tmp_path / "b.backup"

    def run(*args, passphrase=PASSPHRASE):
        env = {"DATABASE_URL": url, "PATH": "/usr/bin:/bin", backup_crypto.PASSPHRASE_ENV: passphrase}
        return subprocess.run(
            [sys.executable, "-m", "db.backup", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    made = run("create", "--out", str(out))
    assert made.returncode == 0 and "(encrypted)" in made.stdout, made.stderr
    assert backup_crypto.is_encrypted(out)
    wrong = run("restore", str(out), passphrase="not the passphrase")
    assert wrong.returncode == 1 and "wrong passphrase" in wrong.stderr
    right = run("restore", str(out), "--keep-dir", str(tmp_path / "kept"))
    assert right.returncode == 0, right.stderr
    assert "the database it replaced is kept at" in right.stdout
    assert len(list((tmp_path / "kept").glob("camino-before-restore-*.backup"))) == 1
