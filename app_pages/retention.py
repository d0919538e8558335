"""Record retention (leads, admins): closed files past HUD's three years, exported and then purged."""

from ui.auth import PROGRAM_ROLES, require_role

user = require_role(*PROGRAM_ROLES)

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from db import retention, transfer  # noqa: E402
from db.local_time import today_local  # noqa: E402
from ui.db import engine  # noqa: E402
from ui.labels import CLOSE_REASON_LABELS, label  # noqa: E402
from ui.office_picker import office_picker  # noqa: E402
from ui.text import NO_VALUE, _, date  # noqa: E402

st.title(_("Record retention"))
today = today_local()
st.write(
    _(
        "HUD asks agencies to keep a client file for {years} years after it is closed. "
        "Files closed on or before {cutoff} may now be exported for the archive and then deleted."
    ).format(years=retention.retention_years(today), cutoff=date(retention.cutoff(today)))
)
st.caption(
    _("Rule: 24 CFR 214.315. HUD grantees keep files 3 years from the final grant invoice; check yours.")
)

office_id = office_picker(user, "retention_office")
files = retention.past_retention(engine(), user, today, office_id)
if not files:
    st.success(_("No closed files are past the retention period."))
    st.stop()

st.dataframe(
    pd.DataFrame(
        [
            {
                _("File number"): f["id"],
                _("Name"): f["name"],
                _("Closed on"): date(f["closed_on"]),
                _("Reason"): label(CLOSE_REASON_LABELS, f["close_reason"]),
            }
            for f in files
        ]
    ),
    hide_index=True,
    width="stretch",
    placeholder=NO_VALUE,
)
ids = [f["id"] for f in files]
sensitive = user["role"] == "admin" and st.checkbox(
    _("Include sensitive fields in the archive (administrators only)"), key="retention_sensitive"
)
columns, rows = transfer.caseload(engine(), user, include_sensitive=sensitive, household_ids=ids)
exported = st.download_button(
    _("1. Download the archive (CSV)"),
    data=transfer.to_csv(columns, rows),
    file_name=f"camino-retention-{today.isoformat()}.csv",
    mime="text/csv",
    key="retention_export",
    on_click="ignore",
)
confirmed = st.checkbox(_("I saved the archive in a safe place."), key="retention_confirmed")
if st.button(
    _("2. Delete these {n} files").format(n=len(ids)),
    type="primary",
    disabled=not confirmed,
    key="retention_purge",
):
    try:
        removed = retention.purge(engine(), user, ids, today)
    except PermissionError:
        st.error(_("Some files changed meanwhile. Reload the page and try again."))
    else:
        st.success(_("{n} files were deleted. The audit log keeps their numbers.").format(n=removed))
