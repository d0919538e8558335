"""Passwords and the second factor (issue #23 item 6): weak passwords refused everywhere a password is
set; TOTP enrolment, the code step of a login, replayed codes, single-use recovery codes, admin reset."""

from __future__ import annotations

import datetime as dt

import pyotp
import pytest
from sqlalchemy import select

from db import accounts, second_factor
from db.engine import reading
from db.models import AuditEvent, User
from tests.factories import ADMIN_TOTP_SECRET, PASSWORD

NOW = dt.datetime(2026, 12, 5, 12, 0, 0)


def code_at(secret: str, when: dt.datetime) -> str:
    return pyotp.TOTP(secret).at(when.replace(tzinfo=dt.UTC))


def actions(engine) -> list[str]:
    with reading(engine) as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


@pytest.mark.parametrize(
    "password, code",
    [
        (" " * 10, "password_too_short"),  # the three the probe saw accepted
        ("aaaaaaaaaa", "password_too_short"),
        ("1234567890", "password_too_short"),
        ("abc12345678", "password_too_short"),  # 11 characters
        (" " * 12, "password_weak"),
        ("aaaaaaaaaaaa", "password_weak"),
        ("123456789012", "password_weak"),
        ("password1234", "password_weak"),
        ("Password1234!", "password_weak"),
        ("qwertyuiopas", "password_weak"),
        ("rosarosarosa", "password_weak"),  # the person's own name, repeated
        ("iloveyou2026", "password_weak"),
        ("river lantern quietly orbit", None),  # a few unrelated words
        ("river lantern quietly orbit " * 8, None),  # 224 characters: zxcvbn reads 72, no error
        ("a" * 200, "password_weak"),
        (PASSWORD, None),
    ],
)
def test_password_rule(password, code):
    if code is None:
        accounts.check_new_password(password, "rosa", "Rosa Martínez")
        return
    with pytest.raises(accounts.AccountError) as err:
        accounts.check_new_password(password, "rosa", "Rosa Martínez")
    assert err.value.code == code


@pytest.mark.parametrize("weak", [" " * 10, "aaaaaaaaaa", "1234567890", "aaaaaaaaaaaa"])
def test_every_place_a_password_is_set_refuses_a_weak_one(agency, weak):
    eng, admin, counselor = agency["engine"], agency["users"]["admin"], agency["users"]["counselor"]
    attempts = [
        lambda: accounts.create_user(
            eng, username="rosa", display_name="Rosa", password=weak, role="counselor",
            office_id=agency["offices"]["north"], actor=admin,
        ),
        lambda: accounts.reset_password(eng, admin, counselor["id"], weak),
        lambda: accounts.change_password(eng, counselor, PASSWORD, weak),
    ]
    for attempt in attempts:
        with pytest.raises(accounts.AccountError) as err:
            attempt()
        assert err.value.code in ("password_too_short", "password_weak")
    assert accounts.authenticate(eng, "counselor", PASSWORD)["username"] == "counselor"  # unchanged


def _enrolled(agency, when=NOW) -> tuple[str, list[str]]:
    eng, user = agency["engine"], agency["users"]["counselor"]
    enrolment = second_factor.start_enrolment("counselor")
    codes = second_factor.enable(eng, user, enrolment.secret, code_at(enrolment.secret, when), now=when)
    return enrolment.secret, codes


def test_enrolment_needs_a_right_code_and_gives_ten_hashed_recovery_codes(agency):
    eng, user = agency["engine"], agency["users"]["counselor"]
    enrolment = second_factor.start_enrolment("counselor")
    assert enrolment.uri.startswith("otpauth://totp/Camino:counselor?secret=")
    with pytest.raises(accounts.AccountError) as err:
        second_factor.enable(eng, user, enrolment.secret, "000000" if code_at(enrolment.secret, NOW) != "000000"
                             else "111111", now=NOW)
    assert err.value.code == "bad_code"
    assert accounts.authenticate(eng, "counselor", PASSWORD)  # still off
    codes = second_factor.enable(eng, user, enrolment.secret, code_at(enrolment.secret, NOW), now=NOW)
    assert len(codes) == 10 == len(set(codes))
    with reading(eng) as s:
        stored = s.get(User, user["id"]).recovery_codes
    assert all(h.startswith("$argon2id$") for h in stored)
    assert not set(codes) & set(stored)
    assert "second_factor_enabled" in actions(eng)


def test_login_with_a_factor_asks_for_a_code_and_a_code_works_once(agency):
    eng = agency["engine"]
    secret, _codes = _enrolled(agency, NOW - dt.timedelta(minutes=2))
    with pytest.raises(accounts.SecondFactorNeeded) as step:
        accounts.authenticate(eng, "counselor", PASSWORD, now=NOW)
    pending = step.value.pending
    user = second_factor.complete_login(eng, pending, code_at(secret, NOW), now=NOW)
    assert user["username"] == "counselor" and user["second_factor"]
    # The same code again (seen over a shoulder) is refused, even within its 30 seconds.
    with pytest.raises(accounts.AccountError) as err:
        second_factor.complete_login(eng, pending, code_at(secret, NOW), now=NOW + dt.timedelta(seconds=5))
    assert err.value.code == "bad_code"
    # So is an older code still inside the drift window; the next step's code passes.
    assert not second_factor.check_code(eng, pending.user_id, code_at(secret, NOW - dt.timedelta(seconds=30)), NOW)
    later = NOW + dt.timedelta(seconds=30)
    assert second_factor.check_code(eng, pending.user_id, code_at(secret, later), later)


@pytest.mark.parametrize("offset, accepted", [(-60, False), (-30, True), (0, True), (30, True), (90, False)])
def test_clock_drift_of_one_step_either_way(agency, offset, accepted):
    secret, _codes = _enrolled(agency, NOW - dt.timedelta(minutes=5))
    code = code_at(secret, NOW + dt.timedelta(seconds=offset))
    assert second_factor.check_code(agency["engine"], agency["users"]["counselor"]["id"], code, NOW) is accepted


def test_recovery_codes_work_once_each(agency):
    eng, uid = agency["engine"], agency["users"]["counselor"]["id"]
    _secret, codes = _enrolled(agency)
    assert second_factor.check_code(eng, uid, codes[0].upper(), NOW)  # typed in capitals: still fine
    assert not second_factor.check_code(eng, uid, codes[0], NOW)
    assert second_factor.check_code(eng, uid, codes[1].replace("-", " "), NOW)
    assert second_factor.recovery_codes_left(eng, uid) == 8
    assert actions(eng).count("recovery_code_used") == 2


def test_wrong_codes_count_as_failed_logins_and_lock(agency):
    eng = agency["engine"]
    secret, _codes = _enrolled(agency, NOW - dt.timedelta(minutes=2))
    with pytest.raises(accounts.SecondFactorNeeded) as step:
        accounts.authenticate(eng, "counselor", PASSWORD, now=NOW)
    right = code_at(secret, NOW)
    wrong = "123456" if right != "123456" else "654321"
    for _ in range(accounts.MAX_FAILED_LOGINS):
        with pytest.raises(accounts.AccountError):
            second_factor.complete_login(eng, step.value.pending, wrong, now=NOW)
    with pytest.raises(accounts.AccountError) as err:  # locked: even the right code is refused
        second_factor.complete_login(eng, step.value.pending, right, now=NOW)
    assert err.value.code == "bad_code"


def test_code_step_expires_and_ends_with_a_password_reset(agency):
    eng, admin = agency["engine"], agency["users"]["admin"]
    secret, _codes = _enrolled(agency, NOW - dt.timedelta(minutes=2))
    with pytest.raises(accounts.SecondFactorNeeded) as step:
        accounts.authenticate(eng, "counselor", PASSWORD, now=NOW)
    late = NOW + dt.timedelta(minutes=6)
    with pytest.raises(accounts.AccountError) as err:
        second_factor.complete_login(eng, step.value.pending, code_at(secret, late), now=late)
    assert err.value.code == "login_expired"
    accounts.reset_password(eng, admin, agency["users"]["counselor"]["id"], "a brand new password")
    with pytest.raises(accounts.AccountError):
        second_factor.complete_login(eng, step.value.pending, code_at(secret, NOW), now=NOW)


def test_admin_resets_a_lost_factor_audited_and_only_admins_may(agency):
    eng, admin, uid = agency["engine"], agency["users"]["admin"], agency["users"]["counselor"]["id"]
    _enrolled(agency)
    for role in ("lead", "counselor", "trainer"):
        with pytest.raises(accounts.AccountError) as err:
            second_factor.reset(eng, agency["users"][role], uid)
        assert err.value.code == "not_allowed"
    second_factor.reset(eng, admin, uid)
    assert accounts.authenticate(eng, "counselor", PASSWORD)["second_factor"] is False
    with reading(eng) as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "second_factor_reset"))
    assert (event.user_id, event.entity_id) == (admin["id"], uid)


def test_admins_must_have_a_factor(agency):
    eng = agency["engine"]
    assert not accounts.needs_second_factor(agency["users"]["admin"])
    with pytest.raises(accounts.SecondFactorNeeded):
        accounts.authenticate(eng, "admin", PASSWORD)
    second_factor.reset(eng, None, agency["users"]["admin"]["id"])  # python -m db.manage reset-second-factor
    user = accounts.authenticate(eng, "admin", PASSWORD)
    assert accounts.needs_second_factor(user)
    assert not accounts.needs_second_factor(accounts.authenticate(eng, "counselor", PASSWORD))
    assert ADMIN_TOTP_SECRET not in str(user)


@pytest.mark.parametrize("kind", ["totp", "recovery"])
def test_one_code_sent_four_times_at_once_is_accepted_once(agency, kind):
    import threading

    eng, uid = agency["engine"], agency["users"]["counselor"]["id"]
    secret, codes = _enrolled(agency, NOW - dt.timedelta(minutes=2))
    code = code_at(secret, NOW) if kind == "totp" else codes[0]
    start, answers = threading.Barrier(4), []

    def attempt():
        start.wait()
        answers.append(second_factor.check_code(eng, uid, code, NOW))

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [False, False, False, True]


def test_new_recovery_codes_and_turning_off_need_a_current_code(agency):
    eng, user, admin = agency["engine"], agency["users"]["counselor"], agency["users"]["admin"]
    secret, old = _enrolled(agency, NOW - dt.timedelta(minutes=2))
    wrong = "123456" if code_at(secret, NOW) != "123456" else "654321"
    with pytest.raises(accounts.AccountError):
        second_factor.replace_recovery_codes(eng, user, wrong, NOW)
    new = second_factor.replace_recovery_codes(eng, user, code_at(secret, NOW), NOW)
    assert not second_factor.check_code(eng, user["id"], old[0], NOW)  # the old codes stop working
    assert second_factor.check_code(eng, user["id"], new[0], NOW)
    with pytest.raises(accounts.AccountError) as err:  # administrators must keep theirs
        second_factor.turn_off(eng, admin, pyotp.TOTP(ADMIN_TOTP_SECRET).at(NOW.replace(tzinfo=dt.UTC)), NOW)
    assert err.value.code == "not_allowed"
    later = NOW + dt.timedelta(seconds=30)
    second_factor.turn_off(eng, user, code_at(secret, later), later)
    assert accounts.authenticate(eng, "counselor", PASSWORD)["second_factor"] is False
    assert {"recovery_codes_replaced", "second_factor_disabled"} <= set(actions(eng))
