"""The audit log (admins only): who viewed or changed what, and when."""

from ui.auth import require_role

user = require_role("admin")

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from db.audit import log as audit_log  # noqa: E402
from ui.db import engine  # noqa: E402
from ui.text import NO_VALUE, _  # noqa: E402

st.title(_("Audit log"))
st.caption(_("Every login, and every view or change of a client record. Records are named by number only."))
only = st.text_input(_("Only this action (for example: login_failed)"), key="audit_action").strip() or None
rows = audit_log.recent(engine(), user, limit=500, action=only)
if not rows:
    st.info(_("No events yet."))
else:
    st.dataframe(
        pd.DataFrame(rows).rename(
            columns={
                "at": _("When (UTC)"),
                "user": _("User"),
                "action": _("Action"),
                "entity": _("Record"),
                "entity_id": _("Number"),
                "detail": _("Detail"),
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )
