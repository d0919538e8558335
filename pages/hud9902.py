"""HUD-9902 report (being built)."""

from ui.auth import require_role

user = require_role("lead", "admin")

import streamlit as st  # noqa: E402

from ui.text import _  # noqa: E402

st.title(_("HUD-9902 report"))
