"""Second factor on the pages (issue #23 item 6): enrolment on My account, the code step at login, an
administrator sent to enrol before anything else, an admin resetting a lost factor; in both languages."""

from __future__ import annotations

import datetime as dt
import time

import pyotp
import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from db import accounts, second_factor
from db.engine import reading
from db.models import AuditEvent, User, utcnow
from tests.app.conftest import ROOT, app_test, visible_text
from tests.factories import ADMIN_TOTP_SECRET, PASSWORD

SET_UP = {"en": "Set up a second factor", "es": "Configurar un segundo factor"}
TURN_ON = {"en": "Turn on the second factor", "es": "Activar el segundo factor"}
IS_ON = {"en": "Your second factor is on.", "es": "Su segundo factor está activado."}
BAD_CODE = {"en": "That code is not right", "es": "Ese código no es correcto"}
CODE = {"en": "Code", "es": "Código"}
HOME = {"en": "Households", "es": "Hogares"}
WEAK = {"en": "too easy to guess", "es": "demasiado fácil de adivinar"}


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def _wrong(secret: str) -> str:
    now = pyotp.TOTP(secret).now()
    return "123456" if now != "123456" else "654321"


def _login_password(at, username):
    at.text_input(key="login_user").input(username)
    at.text_input(key="login_password").input(PASSWORD)
    at.button[0].click().run()
    return at


def _page_alone(page: str, lang: str = "en", **state) -> AppTest:
    """Run one page file without the entry point's menu (as the legacy router would)."""
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    at.session_state["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    at.session_state["last_activity"] = time.time()
    return at.run()


def _enrol_earlier(agency, username="counselor") -> str:
    """Enrol with a code from two minutes ago, so the current code is still unused."""
    enrolment = second_factor.start_enrolment(username)
    earlier = utcnow() - dt.timedelta(minutes=2)
    code = pyotp.TOTP(enrolment.secret).at(earlier.replace(tzinfo=dt.UTC))
    second_factor.enable(agency["engine"], agency["users"][username], enrolment.secret, code, now=earlier)
    return enrolment.secret


@pytest.mark.parametrize("lang", ["en", "es"])
def test_enrolment_on_my_account(agency, lang):
    at = app_test("app_pages/account.py", user=agency["users"]["counselor"], lang=lang)
    assert not at.exception
    _button(at, SET_UP[lang]).click().run()
    enrolment = at.session_state["factor_enrolment"]
    grouped = " ".join(enrolment.secret[i : i + 4] for i in range(0, 32, 4))
    assert grouped in [c.value for c in at.code]  # the key for typing in, beside the QR image
    assert at.get("image")  # the QR code
    at.text_input(key="factor_code").input(_wrong(enrolment.secret))
    _button(at, TURN_ON[lang]).click().run()
    assert BAD_CODE[lang] in at.error[0].value
    with reading(agency["engine"]) as s:
        assert s.get(User, agency["users"]["counselor"]["id"]).totp_secret == ""  # not on before a right code
    at.text_input(key="factor_code").input(pyotp.TOTP(enrolment.secret).now())
    _button(at, TURN_ON[lang]).click().run()
    assert not at.exception
    assert IS_ON[lang] in visible_text(at)
    codes = at.code[0].value.splitlines()
    assert len(codes) == 10
    assert second_factor.check_code(agency["engine"], agency["users"]["counselor"]["id"], codes[0])
    at.button[-1].click().run()  # "I have saved my recovery codes": they are not shown again
    assert codes[1] not in visible_text(at) + "".join(c.value for c in at.code)
    assert "9" in visible_text(at)  # recovery codes left


@pytest.mark.parametrize("lang", ["en", "es"])
def test_login_asks_for_a_code_after_the_password(agency, lang):
    secret = _enrol_earlier(agency)
    accounts.set_language(agency["engine"], agency["users"]["counselor"]["id"], lang)  # the language after login
    at = _login_password(app_test(lang=lang), "counselor")
    assert "user" not in at.session_state
    assert at.text_input(key="login_code").label == CODE[lang]
    at.text_input(key="login_code").input(_wrong(secret))
    at.button[0].click().run()
    assert BAD_CODE[lang] in at.error[0].value
    assert "user" not in at.session_state
    at.text_input(key="login_code").input(pyotp.TOTP(secret).now())
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["user"]["username"] == "counselor"
    assert at.title[0].value == HOME[lang]


def test_the_code_step_is_never_skipped_by_opening_a_page(agency):
    _enrol_earlier(agency)
    at = _login_password(app_test(), "counselor")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/households.py")  # not in the menu of someone not logged in
    direct = _page_alone("app_pages/households.py", pending_login=at.session_state["pending_login"])
    assert "user" not in direct.session_state
    assert "María José" not in visible_text(direct)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_admin_without_a_factor_must_enrol_before_anything_else(agency, lang):
    admin = agency["users"]["admin"]
    second_factor.reset(agency["engine"], None, admin["id"])  # e.g. python -m db.manage reset-second-factor
    accounts.set_language(agency["engine"], admin["id"], lang)
    at = _login_password(app_test(lang=lang), "admin")
    assert not at.exception
    assert at.session_state["user"]["second_factor"] is False
    text = visible_text(at)
    assert {"en": "Administrators must set up", "es": "Los administradores deben"}[lang] in text
    assert SET_UP[lang] in text
    for page in ("app_pages/users.py", "app_pages/households.py", "app_pages/audit_log.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)  # only My account and Log out are in the menu
    direct = _page_alone("app_pages/users.py", lang, user=at.session_state["user"])  # not through the menu
    assert not direct.dataframe and "Test counselor" not in visible_text(direct)
    assert {"en": "Administrators must set up", "es": "Los administradores deben"}[lang] in visible_text(direct)
    at.switch_page("app_pages/account.py").run()
    _button(at, SET_UP[lang]).click().run()
    secret = at.session_state["factor_enrolment"].secret
    at.text_input(key="factor_code").input(pyotp.TOTP(secret).now())
    _button(at, TURN_ON[lang]).click().run()
    at.button[-1].click().run()
    at.switch_page("app_pages/users.py").run()
    assert at.title[0].value in ("Users and offices", "Usuarios y oficinas")


def test_admin_resets_a_lost_factor_and_it_is_audited(agency):
    _enrol_earlier(agency)
    admin, target = agency["users"]["admin"], agency["users"]["counselor"]["id"]
    at = app_test("app_pages/users.py", user=admin)
    at.selectbox(key="manage_user").set_value(target).run()
    _button(at, "Reset second factor").click().run()
    assert not at.exception
    assert "Second factor removed" in at.success[0].value
    with reading(agency["engine"]) as s:
        assert s.get(User, target).totp_secret == ""
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "second_factor_reset"))
    assert (event.user_id, event.entity_id) == (admin["id"], target)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_weak_password_is_refused_with_what_to_do(agency, lang):
    at = app_test("app_pages/account.py", user=agency["users"]["counselor"], lang=lang)
    at.text_input(key="pw_current").input(PASSWORD)
    at.text_input(key="pw_new").input("1234567890ab")
    at.button[0].click().run()
    assert WEAK[lang] in at.error[0].value
    assert {"en": "unrelated words", "es": "palabras sin relación"}[lang] in at.error[0].value


def test_the_admin_fixture_logs_in_with_a_code(agency):
    at = _login_password(app_test(), "admin")
    at.text_input(key="login_code").input(pyotp.TOTP(ADMIN_TOTP_SECRET).now())
    at.button[0].click().run()
    assert at.session_state["user"]["role"] == "admin"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_counselor_turns_the_factor_off_with_a_code(agency, lang):
    secret = _enrol_earlier(agency)
    user = {**agency["users"]["counselor"], "second_factor": True}
    at = app_test("app_pages/account.py", user=user, lang=lang)
    at.text_input(key="factor_manage_code").input(pyotp.TOTP(secret).now())
    _button(at, {"en": "Turn off the second factor", "es": "Desactivar el segundo factor"}[lang]).click().run()
    assert not at.exception
    assert SET_UP[lang] in visible_text(at)
    assert at.session_state["user"]["second_factor"] is False


def test_an_admin_cannot_turn_the_factor_off(agency):
    at = app_test("app_pages/account.py", user=agency["users"]["admin"])
    labels = [b.label for b in at.button]
    assert "Make new recovery codes" in labels and "Turn off the second factor" not in labels


# The factor is changed in the forms' callbacks: the page is drawn once per submit, already showing the
# result, and a refused code is said once, under its form.

NEW_CODES = {"en": "Make new recovery codes", "es": "Crear nuevos códigos de recuperación"}
TURN_OFF = {"en": "Turn off the second factor", "es": "Desactivar el segundo factor"}
IDLE = "You were logged out after 30 minutes without activity."


@pytest.fixture
def drawings(monkeypatch):
    """How many times the second-factor section was drawn (once a drawing); clear it before a submit."""
    from ui.account import second_factor as section

    drawn: list[int] = []
    real = section.second_factor_section

    def counted(*args, **kwargs):
        drawn.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(section, "second_factor_section", counted)
    return drawn


def _said_under_the_form(at, label: str) -> list[str]:
    """The error messages drawn right after the form whose submit button reads `label`."""
    nodes = list(at.main)
    button = next(i for i, n in enumerate(nodes) if type(n).__name__ == "Button" and n.label == label)
    return [n.value for n in nodes[button + 1 : button + 2] if type(n).__name__ == "Error"]


def _codes_left(agency, username="counselor") -> int:
    return second_factor.recovery_codes_left(agency["engine"], agency["users"][username]["id"])


def _factor(agency, username="counselor") -> tuple:
    """The account's stored factor: its secret and its recovery codes' hashes."""
    with reading(agency["engine"]) as s:
        row = s.get(User, agency["users"][username]["id"])
        return row.totp_secret, list(row.recovery_codes or [])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_wrong_code_is_refused_once_and_a_right_one_turns_it_on_in_one_drawing(agency, drawings, lang):
    at = app_test("app_pages/account.py", user=agency["users"]["counselor"], lang=lang)
    _button(at, SET_UP[lang]).click().run()
    secret = at.session_state["factor_enrolment"].secret
    grouped = " ".join(secret[i : i + 4] for i in range(0, 32, 4))
    at.text_input(key="factor_code").input(_wrong(secret))
    _button(at, TURN_ON[lang]).click().run()
    assert not at.exception
    said = _said_under_the_form(at, TURN_ON[lang])
    assert len(said) == 1 and BAD_CODE[lang] in said[0] and len(at.error) == 1
    assert grouped in [c.value for c in at.code]  # the same key, to try again
    at.run()
    assert not at.error  # said once
    at.text_input(key="factor_code").input(pyotp.TOTP(secret).now())
    drawings.clear()
    _button(at, TURN_ON[lang]).click().run()
    assert not at.exception
    assert len(drawings) == 1
    assert IS_ON[lang] in visible_text(at)
    assert len(at.code[0].value.splitlines()) == 10
    shown = visible_text(at) + "".join(c.value for c in at.code)
    assert grouped not in shown and secret not in shown  # the key is never shown again
    assert "factor_enrolment" not in at.session_state


@pytest.mark.parametrize("lang", ["en", "es"])
def test_new_recovery_codes_need_a_right_code_and_appear_in_one_drawing(agency, drawings, lang):
    secret = _enrol_earlier(agency)
    user = {**agency["users"]["counselor"], "second_factor": True}
    at = app_test("app_pages/account.py", user=user, lang=lang)
    at.text_input(key="factor_manage_code").input(_wrong(secret))
    _button(at, NEW_CODES[lang]).click().run()
    assert not at.exception
    said = _said_under_the_form(at, TURN_OFF[lang])
    assert len(said) == 1 and BAD_CODE[lang] in said[0] and len(at.error) == 1
    assert not at.code and _codes_left(agency) == 10
    at.run()
    assert not at.error  # said once
    at.text_input(key="factor_manage_code").input(pyotp.TOTP(secret).now())
    drawings.clear()
    _button(at, NEW_CODES[lang]).click().run()
    assert not at.exception
    assert len(drawings) == 1
    codes = at.code[0].value.splitlines()
    assert len(codes) == 10
    assert second_factor.check_code(agency["engine"], user["id"], codes[0])  # the new ones work


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_wrong_code_does_not_turn_the_factor_off(agency, drawings, lang):
    secret = _enrol_earlier(agency)
    user = {**agency["users"]["counselor"], "second_factor": True}
    at = app_test("app_pages/account.py", user=user, lang=lang)
    at.text_input(key="factor_manage_code").input(_wrong(secret))
    drawings.clear()
    _button(at, TURN_OFF[lang]).click().run()
    assert not at.exception
    assert len(drawings) == 1
    said = _said_under_the_form(at, TURN_OFF[lang])
    assert len(said) == 1 and BAD_CODE[lang] in said[0]
    assert at.session_state["user"]["second_factor"] is True
    at.text_input(key="factor_manage_code").input(pyotp.TOTP(secret).now())
    drawings.clear()
    _button(at, TURN_OFF[lang]).click().run()
    assert len(drawings) == 1
    assert SET_UP[lang] in visible_text(at) and not at.error


@pytest.mark.parametrize(
    ("press", "why"),
    [("turn_on", "disabled"), ("turn_on", "idle"), ("new_codes", "idle"), ("turn_off", "idle")],
)
def test_a_submit_from_a_session_that_ended_changes_nothing(agency, press, why):
    """The callback runs before the page checks the session, so it checks it itself, as the page did."""
    from db.engine import transaction

    counselor = agency["users"]["counselor"]
    if press == "turn_on":
        at = app_test("app_pages/account.py", user=counselor)
        _button(at, SET_UP["en"]).click().run()
        code_box, label = "factor_code", TURN_ON["en"]
        code = pyotp.TOTP(at.session_state["factor_enrolment"].secret).now()
    else:
        secret = _enrol_earlier(agency)
        at = app_test("app_pages/account.py", user={**counselor, "second_factor": True})
        code_box, label = "factor_manage_code", NEW_CODES["en"] if press == "new_codes" else TURN_OFF["en"]
        code = pyotp.TOTP(secret).now()
    at.text_input(key=code_box).input(code)
    before = _factor(agency)
    if why == "disabled":
        with transaction(agency["engine"]) as s:  # while its tab stays open
            s.get(User, counselor["id"]).is_active = False
    else:
        at.session_state["last_activity"] = time.time() - 31 * 60
    _button(at, label).click().run()
    assert not at.exception
    assert "user" not in at.session_state
    assert _factor(agency) == before  # no factor turned on or off, the same recovery codes
    if why == "idle":
        assert IDLE in visible_text(at)
