"""Program rules (leads, admins): every dated rule table with its dates and source; old checks flagged."""

from ui.auth import require_role

user = require_role("lead", "admin")

import streamlit as st  # noqa: E402

from calculators.rules import all_rule_files  # noqa: E402
from ui.program_rules import tables as view  # noqa: E402
from ui.program_rules.agency import add_row_form, agency_rows_panel  # noqa: E402
from ui.program_rules.coverage import coverage_panel  # noqa: E402
from ui.program_rules.labels import file_name, table_name  # noqa: E402
from ui.text import NO_VALUE, _, ngettext  # noqa: E402

st.title(_("Program rules"))
st.caption(
    _(
        "Every figure set by a law, program or agency, with the day it starts and the day someone last checked it."
    )
)

names = all_rule_files()
stale = {name: view.stale_count(name) for name in names}
total = sum(stale.values())
if total:
    st.warning(
        ngettext(
            "{n} rule was checked more than 12 months ago. Verify it with the source.",
            "{n} rules were checked more than 12 months ago. Verify them with the source.",
            total,
        ).format(n=total),
        icon=":material/history:",
    )
coverage_panel()
st.subheader(_("Every rule table"))
only_old = st.toggle(_("Show only files with rules to verify"), key="rules_only_old")
for name in names:
    if only_old and not stale[name]:
        continue
    label = file_name(name)
    if stale[name]:
        label = _("{name} · {n} to verify").format(name=label, n=stale[name])
    with st.expander(label):
        for table, rows in view.file_tables(name).items():
            st.markdown(f"**{table_name(table)}**")
            st.dataframe(
                view.table_frame(rows),
                hide_index=True,
                column_config={_("Source"): st.column_config.LinkColumn(_("Source"))},
                placeholder=NO_VALUE,
            )

add_row_form(user)
agency_rows_panel()
