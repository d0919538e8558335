"""User accounts: argon2id passwords, lockout after failed logins, and the first administrator."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import case, func, select, update
from sqlalchemy.engine import Engine

from db import audit, passwords
from db.engine import reading, transaction
from db.models import ROLES, Office, User, utcnow

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = passwords.MIN_LENGTH
# How long the code step of a login may wait after the password was accepted.
SECOND_STEP_WINDOW = dt.timedelta(minutes=5)

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the username is unknown, so both answers take as long.

    Made on the first login attempt, not at import: hashing takes about half a second, and every
    page imports this module while a newly started server is still drawing its first page.
    """
    return _hasher.hash("not a real password, only for timing")


class AccountError(ValueError):
    """A problem with an account request, with a stable code the UI translates."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)


@dataclass(frozen=True)
class PendingLogin:
    """A login whose password was right, waiting for the account's second-factor code."""

    user_id: int
    session_version: int
    started_at: dt.datetime


class SecondFactorNeeded(AccountError):
    """The password was right and the account has a second factor: ask for a code next."""

    def __init__(self, pending: PendingLogin):
        self.pending = pending
        super().__init__("code_needed")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_new_password(password: str, *names: str) -> None:
    """Refuse a password shorter than 12 characters or easy to guess (zxcvbn score below 3).

    `names` (the username, the person's name) count as guessable words.
    """
    try:
        passwords.check_strength(password, tuple(n for n in names if n))
    except passwords.WeakPassword as err:
        raise AccountError(err.code) from None


def user_dict(user: User) -> dict:
    """What the session keeps about the logged-in user."""
    return {
        "id": user.id,
        "name": user.display_name,
        "username": user.username,
        "role": user.role,
        "office_id": user.office_id,
        "language": user.language,
        "session_version": user.session_version or 0,
        "second_factor": bool(user.totp_secret),
    }


def needs_second_factor(user: dict | None) -> bool:
    """An administrator without a second factor must set one up before using anything else."""
    return bool(user) and user.get("role") == "admin" and not user.get("second_factor")


def session_user(engine: Engine, user: dict) -> dict | None:
    """The session's user as stored now, or None when the session must end.

    Read on every script run: a disabled account, or a password reset, role or office change since the
    login (each bumps session_version), ends every open session of that account at once.
    """
    with reading(engine) as s:
        row = s.get(User, user.get("id"))
        if (
            row is None
            or not row.is_active
            or (row.session_version or 0) != user.get("session_version", 0)
            or row.role != user.get("role")
            or row.office_id != user.get("office_id")
        ):
            return None
        return user_dict(row)


def _end_sessions(user: User) -> None:
    """Make every open session of this account stale (they log out on their next run)."""
    user.session_version = (user.session_version or 0) + 1


def has_users(engine: Engine) -> bool:
    with reading(engine) as s:
        return bool(s.scalar(select(func.count()).select_from(User)))


def create_user(
    engine: Engine,
    *,
    username: str,
    display_name: str,
    password: str,
    role: str,
    office_id: int,
    hud_counselor_id: str = "",
    hud_certified_on: dt.date | None = None,
    language: str = "en",
    actor: dict | None = None,
    is_demo: bool = False,
) -> int:
    """Add an account; usernames are case-insensitive and unique."""
    username = (username or "").strip().lower()
    if not username or not (display_name or "").strip():
        raise AccountError("missing_name")
    if role not in ROLES:
        raise AccountError("bad_role")
    check_new_password(password, username, display_name)
    with transaction(engine) as s:
        if s.scalar(select(User.id).where(User.username == username)):
            raise AccountError("username_taken")
        user = User(
            username=username,
            display_name=display_name.strip(),
            password_hash=hash_password(password),
            role=role,
            office_id=office_id,
            hud_counselor_id=hud_counselor_id.strip(),
            hud_certified_on=hud_certified_on,
            language=language,
            is_demo=is_demo,
        )
        s.add(user)
        s.flush()
        audit.record(s, actor, "user_created", "user", user.id, role)
        return user.id


def create_first_admin(
    engine: Engine, *, office_name: str, username: str, display_name: str, password: str, language: str = "en"
) -> int:
    """Create the first office and administrator; refuses once any account exists."""
    check_new_password(password, (username or "").strip().lower(), display_name)
    with transaction(engine) as s:
        if s.scalar(select(func.count()).select_from(User)):
            raise AccountError("already_set_up")
        office = Office(
            name=(office_name or "").strip() or "Main office", code="main", agency_name=office_name
        )
        s.add(office)
        s.flush()
        office_id = office.id
    return create_user(
        engine,
        username=username,
        display_name=display_name,
        password=password,
        role="admin",
        office_id=office_id,
        language=language,
    )


def count_failure(engine: Engine, user_id: int, now: dt.datetime) -> None:
    """Count a failed login with one atomic UPDATE (no read-modify-write, so parallel failures all count);
    the fifth locks the account for 15 minutes and starts the count again."""
    reached = User.failed_logins + 1 >= MAX_FAILED_LOGINS
    with transaction(engine) as s:
        s.execute(
            update(User)
            .where(User.id == user_id)
            .values(
                failed_logins=case((reached, 0), else_=User.failed_logins + 1),
                locked_until=case((reached, now + LOCKOUT), else_=User.locked_until),
            )
            .execution_options(synchronize_session=False)
        )
        audit.record(s, {"id": user_id}, "login_failed", "user", user_id)


def authenticate(engine: Engine, username: str, password: str, now: dt.datetime | None = None) -> dict:
    """Return the session user for valid credentials, else raise AccountError('bad_login').

    The password is verified outside any write transaction (argon2 takes about half a second, and a
    write lock held that long would stall every save in the office). Unknown, disabled and locked
    accounts get the same answer, so the answer never reveals that an account exists.
    """
    now = now or utcnow()
    username = (username or "").strip().lower()
    with reading(engine) as s:
        user = s.scalar(select(User).where(User.username == username))
    stored_hash = user.password_hash if user else None
    try:
        _hasher.verify(stored_hash or _dummy_hash(), password or "")
        ok = user is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if user is None:
        with transaction(engine) as s:
            audit.record(s, None, "login_failed", "user", None)
        raise AccountError("bad_login")
    if user.locked_until and user.locked_until > now:
        with transaction(engine) as s:
            audit.record(s, {"id": user.id}, "login_locked", "user", user.id)
        raise AccountError("bad_login")
    if not ok or not user.is_active:
        count_failure(engine, user.id, now)
        raise AccountError("bad_login")
    if user.totp_secret:
        raise SecondFactorNeeded(PendingLogin(user.id, user.session_version or 0, now))
    new_hash = hash_password(password) if _hasher.check_needs_rehash(stored_hash) else None
    return finish_login(engine, user.id, now, stored_hash=stored_hash, new_hash=new_hash)


def finish_login(
    engine: Engine,
    user_id: int,
    now: dt.datetime,
    *,
    stored_hash: str | None = None,
    session_version: int | None = None,
    new_hash: str | None = None,
) -> dict:
    """Record a successful login (after the password, and the code when the account has one)."""
    with transaction(engine) as s:
        row = s.get(User, user_id)
        # Checked again in the write: a parallel failure may have locked it, or an admin changed it.
        if (
            row is None
            or not row.is_active
            or (stored_hash is not None and row.password_hash != stored_hash)
            or (session_version is not None and (row.session_version or 0) != session_version)
            or (row.locked_until and row.locked_until > now)
        ):
            raise AccountError("bad_login")
        row.failed_logins = 0
        row.locked_until = None
        row.last_login_at = now
        if new_hash:
            row.password_hash = new_hash
        audit.record(s, {"id": row.id, "office_id": row.office_id}, "login", "user", row.id)
        return user_dict(row)


def record_logout(engine: Engine, user: dict) -> None:
    with transaction(engine) as s:
        audit.record(s, user, "logout", "user", user.get("id"))


def set_language(engine: Engine, user_id: int, language: str) -> None:
    """Remember the user's language choice on the account."""
    with transaction(engine) as s:
        user = s.get(User, user_id)
        if user is not None and user.language != language:
            user.language = language


def _require_admin(actor: dict | None) -> None:
    if not actor or actor.get("role") != "admin":
        raise AccountError("not_allowed")


def list_users(engine: Engine, actor: dict) -> list[dict]:
    _require_admin(actor)
    with reading(engine) as s:
        rows = s.execute(select(User, Office.name).join(Office).order_by(Office.name, User.display_name))
        return [
            {
                "id": u.id,
                "username": u.username,
                "name": u.display_name,
                "role": u.role,
                "office": office,
                "hud_counselor_id": u.hud_counselor_id,
                "hud_certified_on": u.hud_certified_on,
                "active": u.is_active,
                "locked": bool(u.locked_until and u.locked_until > utcnow()),
                "second_factor": bool(u.totp_secret),
            }
            for u, office in rows
        ]


def list_offices(engine: Engine) -> list[dict]:
    with reading(engine) as s:
        return [{"id": o.id, "name": o.name} for o in s.scalars(select(Office).order_by(Office.name))]


def create_office(engine: Engine, actor: dict, name: str) -> int:
    _require_admin(actor)
    name = (name or "").strip()
    if not name:
        raise AccountError("missing_name")
    with transaction(engine) as s:
        code = f"office-{(s.scalar(select(func.count()).select_from(Office)) or 0) + 1}"
        office = Office(name=name, code=code, agency_name=name)
        s.add(office)
        s.flush()
        audit.record(s, actor, "office_created", "office", office.id)
        return office.id


def set_active(engine: Engine, actor: dict, user_id: int, active: bool) -> None:
    _require_admin(actor)
    if user_id == actor["id"] and not active:
        raise AccountError("cannot_disable_self")
    with transaction(engine) as s:
        user = s.get(User, user_id)
        if user is None:
            raise AccountError("not_found")
        user.is_active = active
        _end_sessions(user)
        audit.record(s, actor, "user_enabled" if active else "user_disabled", "user", user_id)


def reset_password(engine: Engine, actor: dict, user_id: int, new_password: str) -> None:
    """Set a new password and clear any lockout."""
    _require_admin(actor)
    with transaction(engine) as s:
        user = s.get(User, user_id)
        if user is None:
            raise AccountError("not_found")
        check_new_password(new_password, user.username, user.display_name)
        user.password_hash = hash_password(new_password)
        user.failed_logins = 0
        user.locked_until = None
        _end_sessions(user)
        audit.record(s, actor, "password_reset", "user", user_id)


def set_role_and_office(engine: Engine, actor: dict, user_id: int, role: str, office_id: int) -> None:
    """Change what an account may see; its open sessions end so the change applies at once."""
    _require_admin(actor)
    if role not in ROLES:
        raise AccountError("bad_role")
    if user_id == actor["id"] and role != "admin":
        raise AccountError("cannot_disable_self")
    with transaction(engine) as s:
        user = s.get(User, user_id)
        if user is None or s.get(Office, office_id) is None:
            raise AccountError("not_found")
        if (user.role, user.office_id) == (role, office_id):
            return
        user.role, user.office_id = role, office_id
        _end_sessions(user)
        audit.record(s, actor, "user_access_changed", "user", user_id, role)


def change_password(engine: Engine, user: dict, current: str, new: str) -> dict:
    """Let a user change their own password after proving the current one.

    Every other open session of the account ends; the returned session user keeps this one going.
    """
    check_new_password(new, user.get("username", ""), user.get("name", ""))
    # With a second factor, the current password is proven when the code step is asked for; this
    # session already passed that step.
    with suppress(SecondFactorNeeded):
        authenticate(engine, user["username"], current)
    with transaction(engine) as s:
        row = s.get(User, user["id"])
        row.password_hash = hash_password(new)
        _end_sessions(row)
        audit.record(s, user, "password_changed", "user", user["id"])
        return {**user, "session_version": row.session_version}
