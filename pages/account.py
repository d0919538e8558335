"""My account (being built)."""

from ui.auth import STAFF_ROLES, require_role

user = require_role(*STAFF_ROLES)

import streamlit as st  # noqa: E402

from ui.text import _  # noqa: E402

st.title(_("My account"))
