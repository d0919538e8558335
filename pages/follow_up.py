"""Follow-up (being built)."""

from ui.auth import CLIENT_ROLES, require_role

user = require_role(*CLIENT_ROLES)

import streamlit as st  # noqa: E402

from ui.text import _  # noqa: E402

st.title(_("Follow-up"))
