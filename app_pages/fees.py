"""Fees and funding: the fee schedule printed for the family before service; admins edit it and the funders."""

from ui.auth import CLIENT_ROLES, require_role

user = require_role(*CLIENT_ROLES)

import streamlit as st  # noqa: E402

from db import agreements  # noqa: E402
from ui.db import engine  # noqa: E402
from ui.fees import view as fees_view  # noqa: E402
from ui.text import _  # noqa: E402

st.title(_("Fees and funding"))
fees_view.show_flash()
fees_view.schedule_section(agreements.agency_name(engine(), user["office_id"]))
if user["role"] == "admin":
    fees_view.edit_schedule(user)
    fees_view.sources_section(user)
