"""The client file for the household opened from the list (its id lives in session state, never the URL)."""

from ui.auth import CLIENT_ROLES, require_role

user = require_role(*CLIENT_ROLES)

import streamlit as st  # noqa: E402

from ui.clients import selected_household_id  # noqa: E402
from ui.households.client_file import page as client_file  # noqa: E402
from ui.text import _  # noqa: E402

st.title(_("Client file"))
client_file.show(selected_household_id())
