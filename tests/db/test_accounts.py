"""Accounts: argon2id hashes, lockout after five failures, admin-only user management, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db import accounts
from db.engine import reading
from db.models import AuditEvent, User
from tests.factories import PASSWORD


def actions(engine) -> list[str]:
    with reading(engine) as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_passwords_are_stored_as_argon2id(agency):
    with reading(agency["engine"]) as s:
        hashes = list(s.scalars(select(User.password_hash)))
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert all(PASSWORD not in h for h in hashes)


def test_login_is_case_insensitive_and_audited(agency):
    user = accounts.authenticate(agency["engine"], "  Counselor ", PASSWORD)
    assert user["role"] == "counselor"
    assert "login" in actions(agency["engine"])


@pytest.mark.parametrize(
    "username, password", [("counselor", "nope nope nope"), ("nobody", PASSWORD), ("", "")]
)
def test_bad_credentials_are_refused_and_audited(agency, username, password):
    with pytest.raises(accounts.AccountError) as err:
        accounts.authenticate(agency["engine"], username, password)
    assert err.value.code == "bad_login"
    assert actions(agency["engine"])[-1] == "login_failed"


def test_five_failures_lock_for_fifteen_minutes(agency):
    eng = agency["engine"]
    now = dt.datetime(2026, 11, 27, 10, 0)
    for attempt in range(4):
        with pytest.raises(accounts.AccountError) as err:
            accounts.authenticate(eng, "counselor", "wrong password", now=now)
        assert err.value.code == "bad_login", attempt
    with pytest.raises(accounts.AccountError) as err:
        accounts.authenticate(eng, "counselor", "wrong password", now=now)
    # Locked: the same answer an unknown username gets, so it never reveals that the account exists.
    assert err.value.code == "bad_login"
    with pytest.raises(accounts.AccountError) as err:
        accounts.authenticate(eng, "counselor", PASSWORD, now=now + dt.timedelta(minutes=14))
    assert err.value.code == "bad_login"
    assert actions(eng)[-1] == "login_locked"
    assert (
        accounts.authenticate(eng, "counselor", PASSWORD, now=now + dt.timedelta(minutes=16))["role"]
        == "counselor"
    )


def test_disabled_account_cannot_log_in(agency):
    eng, admin = agency["engine"], agency["users"]["admin"]
    accounts.set_active(eng, admin, agency["users"]["counselor"]["id"], False)
    with pytest.raises(accounts.AccountError):
        accounts.authenticate(eng, "counselor", PASSWORD)
    accounts.set_active(eng, admin, agency["users"]["counselor"]["id"], True)
    assert accounts.authenticate(eng, "counselor", PASSWORD)


def test_only_admins_manage_users(agency):
    eng = agency["engine"]
    for role in ("lead", "counselor", "trainer"):
        with pytest.raises(accounts.AccountError) as err:
            accounts.list_users(eng, agency["users"][role])
        assert err.value.code == "not_allowed"
        with pytest.raises(accounts.AccountError):
            accounts.reset_password(eng, agency["users"][role], agency["users"]["counselor"]["id"], PASSWORD)
    assert len(accounts.list_users(eng, agency["users"]["admin"])) == 5


def test_reset_password_clears_lockout(agency):
    eng, admin = agency["engine"], agency["users"]["admin"]
    for _ in range(5):
        with pytest.raises(accounts.AccountError):
            accounts.authenticate(eng, "counselor", "wrong")
    accounts.reset_password(eng, admin, agency["users"]["counselor"]["id"], "a brand new password")
    assert accounts.authenticate(eng, "counselor", "a brand new password")


def test_first_admin_only_once(engine):
    accounts.create_first_admin(
        engine, office_name="Casa", username="ana", display_name="Ana", password=PASSWORD
    )
    with pytest.raises(accounts.AccountError) as err:
        accounts.create_first_admin(
            engine, office_name="Otra", username="bob", display_name="Bob", password=PASSWORD
        )
    assert err.value.code == "already_set_up"


@pytest.mark.parametrize("password", ["", "short", "123456789"])
def test_short_passwords_are_refused(engine, password):
    with pytest.raises(accounts.AccountError) as err:
        accounts.create_first_admin(
            engine, office_name="C", username="a", display_name="A", password=password
        )
    assert err.value.code == "password_too_short"


def test_usernames_are_unique(agency):
    with pytest.raises(accounts.AccountError) as err:
        accounts.create_user(
            agency["engine"],
            username="COUNSELOR",
            display_name="X",
            password=PASSWORD,
            role="counselor",
            office_id=agency["offices"]["north"],
        )
    assert err.value.code == "username_taken"
