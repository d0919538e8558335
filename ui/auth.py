"""Login, first-administrator set-up, idle logout and the role guard every client page calls first."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from functools import wraps

import streamlit as st

from db import accounts, second_factor
from ui.db import engine
from ui.text import N_, _, lang

IDLE_SECONDS = 30 * 60
MAX_SESSION_SECONDS = 12 * 60 * 60  # absolute lifetime, whatever the activity
IDLE_CHECK_SECONDS = 60  # how often an untouched tab checks its idle time (a timed fragment)
USER_KEY = "user"
ACTIVITY_KEY = "last_activity"
LOGIN_AT_KEY = "logged_in_at"
CHECKED_KEY = "access_checked_this_run"  # set by the entry point around the page it runs
PENDING_KEY = "pending_login"  # a login whose password was right, waiting for its code (server-side)
REFUSED_KEY = "login_refused"  # why the last login or code was refused, shown once under its form

LOGOUT_MESSAGES = {
    "idle": N_("You were logged out after 30 minutes without activity."),
    "expired": N_("You were logged out because a session lasts at most 12 hours. Please log in again."),
    "revoked": N_("Your access changed, so you were logged out. Please log in again."),
}

ENROL_FIRST = N_(
    "Administrators must set up a second factor before using Camino. Open My account to set it up."
)

CLIENT_ROLES = ("admin", "lead", "counselor")
PROGRAM_ROLES = ("admin", "lead")
STAFF_ROLES = ("admin", "lead", "counselor", "trainer")

ACCOUNT_MESSAGES = {
    "bad_login": N_(
        "Incorrect username or password. After 5 failed attempts an account is locked for 15 minutes."
    ),
    "password_too_short": N_(
        "The password must have at least 12 characters. Use four or five unrelated words that only you "
        "would put together."
    ),
    "password_weak": N_(
        "This password is too easy to guess: it looks like a common password, a name, a date, a "
        "keyboard pattern or a repeat. Use four or five unrelated words that only you would put together."
    ),
    "bad_code": N_(
        "That code is not right or was already used. Enter the current 6-digit code from your app, or "
        "an unused recovery code. After 5 failed attempts an account is locked for 15 minutes."
    ),
    "login_expired": N_("The code was not entered within 5 minutes. Please log in again."),
    "factor_exists": N_("A second factor is already set up for this account."),
    "missing_name": N_("Please fill in the name fields."),
    "username_taken": N_("That username is already in use."),
    "bad_role": N_("Choose a role."),
    "already_set_up": N_("Camino is already set up. Please log in."),
    "not_allowed": N_("You do not have access to this page."),
    "cannot_disable_self": N_("You cannot disable your own account."),
    "not_found": N_("That account no longer exists."),
}


def account_message(error: accounts.AccountError) -> str:
    return _(ACCOUNT_MESSAGES.get(error.code, N_("Something went wrong. Please try again.")))


def current_user() -> dict | None:
    return st.session_state.get(USER_KEY)


def log_in(user: dict) -> None:
    st.session_state[USER_KEY] = user
    st.session_state[ACTIVITY_KEY] = st.session_state[LOGIN_AT_KEY] = time.time()
    if user.get("language"):
        # Applied by the entry point before it draws the language switch (after a login button's callback,
        # the same run; after the first administrator's set-up, the next one).
        st.session_state["pending_lang"] = user["language"]


def log_out(reason: str = "") -> None:
    """Forget the user and every client detail held in this session."""
    user = current_user()
    if user:
        accounts.record_logout(engine(), user)
    for key in list(st.session_state.keys()):
        if key not in ("lang", "lang_switch"):
            del st.session_state[key]
    if reason:
        st.session_state["logout_reason"] = reason


def enforce_idle_timeout(now: float | None = None) -> None:
    """End a session idle for 30 minutes, older than 12 hours, or whose account access changed.

    The account is read again on every run (active flag, role, office, session version), so a disable,
    password reset, role or office change ends an open tab at its next click. Otherwise the run counts
    as activity.
    """
    user = current_user()
    if user is None:
        return
    now = now or time.time()
    if now - st.session_state.get(ACTIVITY_KEY, now) > IDLE_SECONDS:
        log_out("idle")
        return
    if now - st.session_state.setdefault(LOGIN_AT_KEY, now) > MAX_SESSION_SECONDS:
        log_out("expired")
        return
    fresh = accounts.session_user(engine(), user)
    if fresh is None:
        log_out("revoked")
        return
    st.session_state[USER_KEY] = {**user, **fresh}
    st.session_state[ACTIVITY_KEY] = now


def signed_in_only(callback: Callable[..., None]) -> Callable[..., None]:
    """A button's callback that saves only while the session is still good (idle, 12 hours, account changed).

    Callbacks run before the page, so before its own check: without this, a tab left idle past its timeout
    (a laptop waking up) would save one last press before showing the login page.
    """

    @wraps(callback)
    def guarded(*args, **kwargs) -> None:
        enforce_idle_timeout()
        if current_user() is not None:
            callback(*args, **kwargs)

    return guarded


@contextmanager
def access_checked():
    """Around the page the entry point runs, right after its enforce_idle_timeout(): the page's
    require_role() then does not read the account a second time in the same run."""
    st.session_state[CHECKED_KEY] = True
    try:
        yield
    finally:
        st.session_state.pop(CHECKED_KEY, None)


@st.fragment(run_every=IDLE_CHECK_SECONDS)
def idle_watch() -> None:
    """Every minute, even if nobody clicks: hide the page once the idle timeout has passed.

    A timed run is not activity, so it never touches the last-activity time.
    """
    last = st.session_state.get(ACTIVITY_KEY)
    if current_user() is not None and last is not None and time.time() - last > IDLE_SECONDS:
        log_out("idle")
        st.rerun()


def require_role(*roles: str, enrolling: bool = False) -> dict:
    """Stop the page unless a user with one of `roles` is logged in (every client page calls this first).

    It also enforces the idle timeout, because a page can run without the entry point (legacy router),
    unless the entry point has just done so in this run (access_checked).
    An administrator without a second factor reaches only the page where it is set up (`enrolling`).
    """
    if not st.session_state.get(CHECKED_KEY):
        enforce_idle_timeout()
    user = current_user()
    if user is None or (roles and user.get("role") not in roles):
        st.warning(_("Please log in with an account that has access to this page."), icon=":material/lock:")
        st.stop()
    if accounts.needs_second_factor(user) and not enrolling:
        st.warning(_(ENROL_FIRST), icon=":material/lock:")
        st.stop()
    return user


def _refused(err: accounts.AccountError) -> None:
    """Keep a refused login's reason for the run that follows the button's callback."""
    st.session_state[REFUSED_KEY] = err.code


def _show_refusal() -> None:
    code = st.session_state.pop(REFUSED_KEY, None)
    if code:
        st.error(account_message(accounts.AccountError(code)))


def _submit_password() -> None:
    """The password is checked in the button's callback, before the run: a right one is drawn as the home
    page in that same run (checked in the run, it took an st.rerun() and drew the login page once more)."""
    state = st.session_state
    try:
        user = accounts.authenticate(engine(), state.get("login_user", ""), state.get("login_password", ""))
    except accounts.SecondFactorNeeded as step:
        state[PENDING_KEY] = step.pending  # never the password itself
    except accounts.AccountError as err:
        _refused(err)
    else:
        log_in(user)


def login_page() -> None:
    st.title(_("Log in"))
    reason = st.session_state.pop("logout_reason", "")
    if reason in LOGOUT_MESSAGES:
        st.info(_(LOGOUT_MESSAGES[reason]))
    if st.session_state.get(PENDING_KEY) is not None:
        code_step()
        return
    with st.form("login"):
        st.text_input(_("Username"), key="login_user", autocomplete="username")
        st.text_input(_("Password"), type="password", key="login_password")
        st.form_submit_button(_("Log in"), type="primary", on_click=_submit_password)
    _show_refusal()
    st.caption(_("The calculators, tenant rights and workshops work without logging in."))


def _submit_code() -> None:
    """The code is checked in the button's callback too, so a right one draws the home page at once."""
    state = st.session_state
    pending = state.get(PENDING_KEY)
    if pending is None:
        return
    try:
        user = second_factor.complete_login(engine(), pending, state.get("login_code", ""))
    except accounts.AccountError as err:
        _refused(err)
        if err.code == "login_expired":
            state.pop(PENDING_KEY, None)
    else:
        state.pop(PENDING_KEY, None)
        log_in(user)


def code_step() -> None:
    """The second step of a login for an account with a second factor."""
    st.write(_("Enter the 6-digit code from your authenticator app, or one of your recovery codes."))
    with st.form("login_code", clear_on_submit=True):
        st.text_input(_("Code"), key="login_code", autocomplete="one-time-code", max_chars=20)
        st.form_submit_button(_("Verify"), type="primary", on_click=_submit_code)
    if st.button(_("Back to username and password"), key="login_code_back"):
        st.session_state.pop(PENDING_KEY, None)
        st.rerun()
    _show_refusal()


def first_admin_page() -> None:
    """Shown once, on an empty database: create the office and its first administrator."""
    st.title(_("Welcome to Camino"))
    st.write(_("Create the first administrator. You can add counselors and other staff afterwards."))
    with st.form("first_admin"):
        office = st.text_input(_("Agency or office name"), key="setup_office")
        name = st.text_input(_("Your full name"), key="setup_name")
        username = st.text_input(_("Username"), key="setup_username")
        password = st.text_input(
            _("Password (at least 12 characters, hard to guess)"), type="password", key="setup_password"
        )
        submitted = st.form_submit_button(_("Create administrator"), type="primary")
    if submitted:
        try:
            accounts.create_first_admin(
                engine(),
                office_name=office,
                username=username,
                display_name=name,
                password=password,
                language=lang(),
            )
            user = accounts.authenticate(engine(), username, password)
        except accounts.AccountError as err:
            st.error(account_message(err))
        else:
            log_in(user)
            st.rerun()


def logout_page() -> None:
    log_out()
    st.rerun()
