"""Logins don't block the office (issue #23 item 5): the password is checked outside any write
transaction, and failures are counted with one atomic UPDATE that holds under parallel attempts.
"""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import func, select

from db import accounts
from db.engine import reading
from db.models import AuditEvent, User
from tests.factories import PASSWORD


def _counter(engine, username="counselor"):
    with reading(engine) as s:
        return s.execute(select(User.failed_logins, User.locked_until).where(User.username == username)).one()


def _parallel(engine, attempts: int, password: str = "wrong password!") -> list[str]:
    """`attempts` logins started together from as many threads; returns each one's answer."""
    start = threading.Barrier(attempts)
    answers: list[str] = []

    def attempt():
        start.wait()
        try:
            accounts.authenticate(engine, "counselor", password)
            answers.append("ok")
        except accounts.AccountError as err:
            answers.append(err.code)
        except Exception as err:  # e.g. "database is locked" would reach the user
            answers.append(type(err).__name__)

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def test_parallel_failures_all_count_then_lock(agency):
    engine = agency["engine"]
    below = accounts.MAX_FAILED_LOGINS - 1
    assert _parallel(engine, below) == ["bad_login"] * below
    failed, locked = _counter(engine)
    assert (failed, locked) == (below, None)  # none lost to a read-modify-write race
    assert _parallel(engine, 1) == ["bad_login"]
    failed, locked = _counter(engine)
    assert failed == 0 and locked is not None
    assert _parallel(engine, 3, PASSWORD) == ["bad_login"] * 3  # locked, even with the right password
    with reading(engine) as s:
        counted = s.scalar(select(func.count()).where(AuditEvent.action == "login_failed"))
    assert counted == accounts.MAX_FAILED_LOGINS


def test_locked_disabled_and_unknown_accounts_get_the_same_answer(agency):
    engine = agency["engine"]
    accounts.set_active(engine, agency["users"]["admin"], agency["users"]["lead"]["id"], False)
    for _ in range(accounts.MAX_FAILED_LOGINS):
        with pytest.raises(accounts.AccountError):
            accounts.authenticate(engine, "counselor", "wrong password!")
    answers = set()
    for username, password in [("counselor", PASSWORD), ("lead", PASSWORD), ("nobody", PASSWORD)]:
        with pytest.raises(accounts.AccountError) as err:
            accounts.authenticate(engine, username, password)
        answers.add(err.value.code)
    assert answers == {"bad_login"}


def test_the_password_check_holds_no_write_lock(agency, monkeypatch):
    """While argon2 runs, another connection can take SQLite's write lock at once (no waiting)."""
    engine = agency["engine"]
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's database-wide write lock is what a long check would hold")
    seen: list[str] = []
    real = accounts._hasher

    class Watching:
        def __getattr__(self, name):
            return getattr(real, name)

        def verify(self, hash_, password):
            other = sqlite3.connect(engine.url.database, timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                seen.append("free")
            except sqlite3.OperationalError as err:
                seen.append(str(err))
            finally:
                other.close()
            return real.verify(hash_, password)

    monkeypatch.setattr(accounts, "_hasher", Watching())
    with pytest.raises(accounts.AccountError):
        accounts.authenticate(engine, "counselor", "wrong password!")
    assert accounts.authenticate(engine, "counselor", PASSWORD)["username"] == "counselor"
    assert seen == ["free", "free"]
