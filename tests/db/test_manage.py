"""`python -m db.manage create-admin` from a shell, on the database named by DATABASE_URL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from db import accounts
from db.engine import make_engine

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
        f"sqlite:///{tmp_path / 'm.db'}", "create-admin", "--username", "a", "--name", "A",
        "--password", "aaaaaaaaaaaa",
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
