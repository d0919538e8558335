"""`python -m db.manage create-admin` from a shell, on the database named by DATABASE_URL."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from db import accounts, migrate
from db.engine import make_engine
from tests.factories import small_agency

ROOT = Path(__file__).resolve().parents[2]


def run(url, *args):
    return subprocess.run(
        [sys.executable, "-m", "db.manage", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DATABASE_URL": url, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_create_admin_from_the_shell(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    result = run(
        url,
        "create-admin",
        "--username",
        "Ana",
        "--name",
        "Ana Pérez",
        "--office",
        "Casa",
        "--password",
        "a long password",
    )
    assert result.returncode == 0, result.stderr
    user = accounts.authenticate(make_engine(url), "ana", "a long password")
    assert user["role"] == "admin"


def test_create_admin_refuses_a_short_password(tmp_path):
    result = run(
        f"sqlite:///{tmp_path / 'm.db'}",
        "create-admin",
        "--username",
        "a",
        "--name",
        "A",
        "--password",
        "short",
    )
    assert result.returncode == 1
    assert "password_too_short" in result.stderr


def test_create_admin_refuses_a_guessable_password(tmp_path):
    result = run(
        f"sqlite:///{tmp_path / 'm.db'}",
        "create-admin",
        "--username",
        "a",
        "--name",
        "A",
        "--password",
        "aaaaaaaaaaaa",
    )
    assert result.returncode == 1
    assert "password_weak" in result.stderr and "unrelated words" in result.stderr


def test_reset_second_factor_from_the_shell_is_audited(tmp_path):
    from sqlalchemy import select

    from db import migrate
    from db.engine import reading
    from db.models import AuditEvent
    from tests.factories import PASSWORD, small_agency

    url = f"sqlite:///{tmp_path / 'm.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    small_agency(engine)  # its administrator has a second factor
    result = run(url, "reset-second-factor", "--username", "Admin")
    assert result.returncode == 0, result.stderr
    user = accounts.authenticate(engine, "admin", PASSWORD)  # no code asked any more
    assert accounts.needs_second_factor(user)  # and a new one must be set up
    with reading(engine) as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "second_factor_reset"))
    assert event is not None and event.user_id is None  # done at the server, not by a logged-in user
    assert run(url, "reset-second-factor", "--username", "nobody").returncode == 1


def test_verify_audit_from_the_shell_names_the_edited_row(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    small_agency(engine)
    intact = run(url, "verify-audit")
    assert intact.returncode == 0, intact.stderr
    assert re.search(r"Audit log intact: \d+ rows checked\.", intact.stdout)
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET detail = 'quiet' WHERE id = 2"))
    edited = run(url, "verify-audit")
    assert edited.returncode == 1
    assert "row id 2 was edited" in edited.stderr
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE id IN (2, 3)"))
    deleted = run(url, "verify-audit")
    assert deleted.returncode == 1
    assert "before row id 4: rows after id 1 were deleted" in deleted.stderr
    engine.dispose()
