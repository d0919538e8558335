"""HUD-9902 report: sections 3 to 10 for a fiscal-year quarter, HUD's total rule checked, records to fix, exports."""

from ui.auth import require_role

user = require_role("lead", "admin")

import streamlit as st  # noqa: E402

from db.local_time import today_local  # noqa: E402
from ui import hud_file, staleness  # noqa: E402
from ui.dashboard import data  # noqa: E402
from ui.dashboard import hud9902 as view  # noqa: E402
from ui.text import _  # noqa: E402

st.title(_("HUD-9902 report"))
fiscal_year, quarter, office_id = view.choose_period(user, today_local())
report = data.hud_report(user, fiscal_year, quarter, office_id)
st.caption(view.period_caption(report))
staleness.median_note()  # income levels (section 7) are percents of HUD's median

st.subheader(_("HUD's total rule"))
st.caption(_("Sections 3 to 7 must each add up to section 8 plus section 9."))
view.checks(report)

st.subheader(_("Records to fix"))
view.drop_offs(user, report)

st.subheader(_("HUD's client-level file"))
hud_file.client_level(user, fiscal_year, quarter, office_id)

st.subheader(_("Sections"))
st.caption(
    _(
        "The column \"Paid by a HUD grant\" counts only services a HUD grant paid for (HUD's grant column). "
        "Sessions with no funding recorded count only in the first column."
    )
)
view.sections(report)

st.subheader(_("Download"))
st.caption(_("The files hold numbers and household numbers only, never names."))
view.downloads(report)

st.subheader(_("Counselors' HUD certification"))
hud_file.certification_missing(user)
