"""The second factor on My account: set it up with a QR code (or the key typed in), confirm it with a
code, and show the ten recovery codes once."""

from __future__ import annotations

import io

import segno
import streamlit as st

from db import accounts, second_factor
from ui.auth import ENROL_FIRST, account_message, signed_in_only
from ui.db import engine
from ui.errors import Refusal, refuse, show_refusal, take_refusal
from ui.text import N_, _

ENROL_KEY = "factor_enrolment"  # the new secret, until a code confirms it (server-side session only)
CODES_KEY = "factor_recovery_codes"  # shown once, until the user says they saved them
REFUSED_KEY = "factor_refused"  # the Refusal of a change refused in its callback, said once

INTRO = N_(
    "A second factor protects client files even if someone learns your password: after the password, "
    "Camino asks for a 6-digit code from an authenticator app on your phone (for example Google "
    "Authenticator, Microsoft Authenticator or FreeOTP)."
)


def qr_png(uri: str) -> bytes:
    """The otpauth:// address as a QR code image (segno, no network)."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="png", scale=5, border=4)
    return buffer.getvalue()


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _show_recovery_codes(codes: list[str]) -> None:
    st.success(_("Your second factor is on."))
    st.warning(
        _(
            "Save these ten recovery codes now, on paper or in a password manager: they are shown only "
            "this once. If you lose your phone, each code lets you log in one time."
        )
    )
    st.code("\n".join(codes), language=None)
    if st.button(_("I have saved my recovery codes"), key="factor_codes_saved", type="primary"):
        st.session_state.pop(CODES_KEY, None)
        st.rerun()


@signed_in_only  # an ended session (idle, 12 hours, account changed) changes nothing
def _confirm(user: dict) -> None:
    """The confirm form's callback: the factor is switched on before the run, which then shows the recovery
    codes once (switched on in the run, it took an st.rerun() and drew the page twice). The secret leaves the
    session once it is on, so it is never shown again; a wrong code leaves it off and says so."""
    state = st.session_state
    enrolment = state.get(ENROL_KEY)
    if enrolment is None:
        return
    try:
        codes = second_factor.enable(engine(), user, enrolment.secret, state.get("factor_code", ""))
    except accounts.AccountError as err:
        refuse(REFUSED_KEY, "confirm", message=account_message(err))
    else:
        state.pop(ENROL_KEY, None)
        state[CODES_KEY] = codes


def _enrol(user: dict, refused: Refusal | None) -> None:
    enrolment = st.session_state.get(ENROL_KEY)
    if enrolment is None:
        if st.button(_("Set up a second factor"), key="factor_start", type="primary"):
            st.session_state[ENROL_KEY] = second_factor.start_enrolment(user["username"])
            st.rerun()
        return
    st.markdown(_("**1.** Scan this QR code with your authenticator app."))
    st.image(qr_png(enrolment.uri), width=220)
    st.write(_("If you cannot scan it, type this key in the app instead:"))
    st.code(_grouped(enrolment.secret), language=None)
    st.markdown(_("**2.** Enter the 6-digit code the app shows, to check that it works."))
    with st.form("factor_confirm", clear_on_submit=True):
        st.text_input(_("6-digit code"), key="factor_code", max_chars=8, autocomplete="one-time-code")
        st.form_submit_button(_("Turn on the second factor"), type="primary", on_click=_confirm, args=(user,))
    show_refusal(refused, "confirm", icon=None)


@signed_in_only
def _renew(user: dict) -> None:
    """Ten new recovery codes after a current code, made in the callback; the run shows them once."""
    try:
        st.session_state[CODES_KEY] = second_factor.replace_recovery_codes(
            engine(), user, st.session_state.get("factor_manage_code", "")
        )
    except accounts.AccountError as err:
        refuse(REFUSED_KEY, "manage", message=account_message(err))


@signed_in_only
def _turn_off(user: dict) -> None:
    """The factor turned off after a current code, in the callback; the run shows the set-up again."""
    try:
        second_factor.turn_off(engine(), user, st.session_state.get("factor_manage_code", ""))
    except accounts.AccountError as err:
        refuse(REFUSED_KEY, "manage", message=account_message(err))


def _manage(user: dict, refused: Refusal | None) -> None:
    """The factor is on: new recovery codes, or (not for administrators) turning it off, after a code."""
    left = second_factor.recovery_codes_left(engine(), user["id"])
    st.success(_("Your second factor is on. Recovery codes left: {n}.").format(n=left))
    st.caption(_("Lost your phone? Ask an administrator to reset your second factor."))
    with st.form("factor_manage", clear_on_submit=True):
        st.text_input(_("Current 6-digit code"), key="factor_manage_code", max_chars=8)
        st.form_submit_button(_("Make new recovery codes"), on_click=_renew, args=(user,))
        # Administrators must keep theirs (a lost one is reset by another administrator).
        if user["role"] != "admin":
            st.form_submit_button(_("Turn off the second factor"), on_click=_turn_off, args=(user,))
    show_refusal(refused, "manage", icon=None)


def second_factor_section(user: dict) -> None:
    st.subheader(_("Second factor"))
    refused = take_refusal(REFUSED_KEY)  # the last submit's refusal, for this run only
    codes = st.session_state.get(CODES_KEY)
    if codes:
        _show_recovery_codes(codes)
        return
    if user.get("second_factor"):
        _manage(user, refused)
        return
    if accounts.needs_second_factor(user):
        st.warning(_(ENROL_FIRST), icon=":material/lock:")
    st.write(_(INTRO))
    _enrol(user, refused)
