"""Users and offices: an administrator resets someone's lost second factor (audited)."""

from __future__ import annotations

import streamlit as st

from db import accounts, second_factor
from ui.auth import account_message
from ui.db import engine
from ui.text import _


def reset_factor_button(admin: dict, target: dict) -> None:
    """'Reset second factor' for an account that has one; its open sessions end, and an administrator
    whose factor is reset sets up a new one at the next login."""
    st.caption(
        _(
            "Reset the second factor only after checking, in person or by phone, that it is really this "
            "person and that they lost their phone or recovery codes."
        )
    )
    if st.button(_("Reset second factor"), key="reset_factor"):
        try:
            second_factor.reset(engine(), admin, target["id"])
        except accounts.AccountError as err:
            st.error(account_message(err))
        else:
            st.success(_("Second factor removed. The user can log in with the password and set up a new one."))
