"""My account: language, password and second factor."""

from ui.auth import STAFF_ROLES, require_role

user = require_role(*STAFF_ROLES, enrolling=True)

import streamlit as st  # noqa: E402

from db import accounts  # noqa: E402
from ui.account.second_factor import second_factor_section  # noqa: E402
from ui.auth import account_message  # noqa: E402
from ui.db import engine  # noqa: E402
from ui.labels import ROLE_LABELS, label  # noqa: E402
from ui.text import _, plain  # noqa: E402

st.title(_("My account"))
st.write(_("**{name}** · {role}").format(name=plain(user["name"]), role=label(ROLE_LABELS, user["role"])))
st.caption(_("Your language choice in the sidebar is saved to your account."))

if accounts.needs_second_factor(user):
    second_factor_section(user)  # an administrator sets it up before anything else

with st.form("change_password", clear_on_submit=True):
    current = st.text_input(_("Current password"), type="password", key="pw_current")
    new = st.text_input(
        _("New password (at least 12 characters, hard to guess)"), type="password", key="pw_new"
    )
    if st.form_submit_button(_("Change password")):
        try:
            st.session_state["user"] = accounts.change_password(engine(), user, current, new)
        except accounts.AccountError as err:
            st.error(account_message(err))
        else:
            st.success(_("Password changed."))

if not accounts.needs_second_factor(user):
    second_factor_section(user)
