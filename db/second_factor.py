"""The optional second factor: TOTP codes (RFC 6238, pyotp) and single-use recovery codes.

Everyone may turn it on; administrators must. A code is accepted once: the 30-second step of the last
accepted code is stored, and only a later step passes (one step of clock drift either way is allowed).
Recovery codes are shown once and stored as argon2 hashes; each one works once. A wrong code counts
as a failed login (five lock the account for 15 minutes), so six digits cannot be guessed online.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import update
from sqlalchemy.engine import Engine

from db import audit
from db.accounts import SECOND_STEP_WINDOW, AccountError, PendingLogin, count_failure, finish_login
from db.engine import reading, transaction
from db.models import User, utcnow

ISSUER = "Camino"
RECOVERY_CODE_COUNT = 10
DRIFT_STEPS = 1  # accept the code of the previous and next 30-second step too (clocks drift)
# Recovery codes are random (50 bits each), so they need no slow hash: OWASP's minimum argon2id
# settings keep ten checks at a login well under a second.
_code_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


@dataclass(frozen=True)
class Enrolment:
    """A new secret waiting for its first code; `uri` is what the QR code holds."""

    secret: str
    uri: str


def start_enrolment(username: str) -> Enrolment:
    """A fresh secret (160 bits) and the otpauth:// address an authenticator app reads from the QR code."""
    secret = pyotp.random_base32(32)
    return Enrolment(secret, pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER))


def _step(now: dt.datetime) -> int:
    """The 30-second TOTP step of `now` (naive times are UTC, as everywhere in db/)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    return int(now.timestamp()) // 30


def _matching_step(secret: str, code: str, now: dt.datetime) -> int | None:
    """The time step whose code this is, within the allowed drift, or None."""
    totp = pyotp.TOTP(secret)
    current = _step(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if secrets.compare_digest(totp.at(step * 30), code):
            return step
    return None


def _clean(code: str) -> str:
    return re.sub(r"[\s-]", "", (code or "")).lower()


def _new_recovery_codes() -> list[str]:
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def enable(engine: Engine, user: dict, secret: str, code: str, now: dt.datetime | None = None) -> list[str]:
    """Switch the factor on once the user's app gives a right code; returns the ten recovery codes.

    The codes are returned this once and only their hashes are stored.
    """
    now = now or utcnow()
    step = _matching_step(secret, _clean(code), now) if secret else None
    if step is None:
        raise AccountError("bad_code")
    codes = _new_recovery_codes()
    hashes = [_code_hasher.hash(c.replace("-", "")) for c in codes]
    with transaction(engine) as s:
        row = s.get(User, user["id"])
        if row is None or not row.is_active:
            raise AccountError("not_found")
        if row.totp_secret:
            raise AccountError("factor_exists")
        row.totp_secret, row.recovery_codes, row.totp_last_step = secret, hashes, step
        audit.record(s, user, "second_factor_enabled", "user", row.id)
    return codes


def _use_totp(engine: Engine, user_id: int, step: int) -> bool:
    """Mark `step` used with one atomic UPDATE; False when it (or a later one) was already used."""
    with transaction(engine) as s:
        done = s.execute(
            update(User)
            .where(User.id == user_id, User.totp_last_step < step)
            .values(totp_last_step=step)
            .execution_options(synchronize_session=False)
        )
        return done.rowcount == 1


def _use_recovery_code(engine: Engine, user_id: int, hashes: list[str], code: str) -> bool:
    """Verify outside the write lock, then remove the matching hash (False if another login used it)."""
    match = None
    for stored in hashes:
        try:
            _code_hasher.verify(stored, code)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            continue
        match = stored
        break
    if match is None:
        return False
    with transaction(engine) as s:
        row = s.get(User, user_id, with_for_update=True)
        left = list(row.recovery_codes or [])
        if match not in left:
            return False
        left.remove(match)
        row.recovery_codes = left
        audit.record(s, {"id": user_id, "office_id": row.office_id}, "recovery_code_used", "user", user_id)
        return True


def check_code(engine: Engine, user_id: int, code: str, now: dt.datetime | None = None) -> bool:
    """True (and the code is spent) for a right, unused TOTP or recovery code of this account."""
    now = now or utcnow()
    code = _clean(code)
    with reading(engine) as s:
        row = s.get(User, user_id)
        secret, hashes = (row.totp_secret, list(row.recovery_codes or [])) if row else ("", [])
    if not secret or not code:
        return False
    if code.isdigit() and len(code) == 6:
        step = _matching_step(secret, code, now)
        return step is not None and _use_totp(engine, user_id, step)
    return len(code) == 10 and _use_recovery_code(engine, user_id, hashes, code)


def complete_login(engine: Engine, pending: PendingLogin, code: str, now: dt.datetime | None = None) -> dict:
    """The code step of a login: the session user, or AccountError ('login_expired' or 'bad_code').

    A wrong code counts as a failed login; the account's lockout applies to codes too.
    """
    now = now or utcnow()
    if now - pending.started_at > SECOND_STEP_WINDOW:
        raise AccountError("login_expired")
    with reading(engine) as s:
        row = s.get(User, pending.user_id)
        locked = bool(row is None or (row.locked_until and row.locked_until > now))
    if locked:
        raise AccountError("bad_code")
    if not check_code(engine, pending.user_id, code, now):
        count_failure(engine, pending.user_id, now)
        raise AccountError("bad_code")
    return finish_login(engine, pending.user_id, now, session_version=pending.session_version)


def _prove(engine: Engine, user: dict, code: str, now: dt.datetime) -> None:
    """A change to the factor itself needs a current code (a wrong one counts as a failed login)."""
    if not check_code(engine, user["id"], code, now):
        count_failure(engine, user["id"], now)
        raise AccountError("bad_code")


def replace_recovery_codes(engine: Engine, user: dict, code: str, now: dt.datetime | None = None) -> list[str]:
    """Ten new recovery codes (the old ones stop working), after a current code; shown once."""
    now = now or utcnow()
    _prove(engine, user, code, now)
    codes = _new_recovery_codes()
    hashes = [_code_hasher.hash(c.replace("-", "")) for c in codes]
    with transaction(engine) as s:
        s.get(User, user["id"]).recovery_codes = hashes
        audit.record(s, user, "recovery_codes_replaced", "user", user["id"])
    return codes


def turn_off(engine: Engine, user: dict, code: str, now: dt.datetime | None = None) -> None:
    """Remove one's own second factor after a current code; administrators must keep theirs."""
    if user.get("role") == "admin":
        raise AccountError("not_allowed")
    now = now or utcnow()
    _prove(engine, user, code, now)
    with transaction(engine) as s:
        row = s.get(User, user["id"])
        row.totp_secret, row.recovery_codes, row.totp_last_step = "", None, 0
        audit.record(s, user, "second_factor_disabled", "user", user["id"])


def recovery_codes_left(engine: Engine, user_id: int) -> int:
    with reading(engine) as s:
        row = s.get(User, user_id)
        return len(row.recovery_codes or []) if row else 0


def reset(engine: Engine, actor: dict | None, user_id: int) -> None:
    """Remove an account's second factor (a lost phone), audited; its open sessions end.

    `actor` is an administrator, or None for `python -m db.manage reset-second-factor` at the server.
    An administrator whose factor is reset must set up a new one at the next login.
    """
    if actor is not None and actor.get("role") != "admin":
        raise AccountError("not_allowed")
    with transaction(engine) as s:
        row = s.get(User, user_id)
        if row is None:
            raise AccountError("not_found")
        row.totp_secret, row.recovery_codes, row.totp_last_step = "", None, 0
        row.session_version = (row.session_version or 0) + 1
        audit.record(s, actor, "second_factor_reset", "user", user_id)
