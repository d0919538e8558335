"""Follow-up: files whose follow-up date has come, and files with no contact in 60 days."""

from ui.auth import CLIENT_ROLES, require_role

user = require_role(*CLIENT_ROLES)

import streamlit as st  # noqa: E402

from db import activity, follow_up, households  # noqa: E402
from ui.db import engine  # noqa: E402
from ui.follow_up import view as follow_up_view  # noqa: E402
from ui.households import listing as household_list  # noqa: E402
from ui.text import NO_VALUE, _, ngettext  # noqa: E402

household_list.go_to_chosen_file("fu_due")
st.title(_("Follow-up"))
st.caption(
    _(
        "HUD asks for a reasonable effort to follow up. Call within 60 days without contact; after two "
        "tries, send a letter asking them to answer within 30 days."
    )
)
mine = st.toggle(_("Only my households"), key="fu_mine", value=user["role"] == "counselor")
who = user["id"] if mine else None

due = activity.follow_ups_due(engine(), user, counselor_id=who, per_page=100)
st.subheader(_("Follow-up date has come"))
st.caption(ngettext("{n} household", "{n} households", due.total).format(n=due.total))
if due.rows:
    household_list.show(due.rows, "fu_due", contact=True)
else:
    st.success(_("No follow-ups due today."))

stages = follow_up.follow_up_list(engine(), user, counselor_id=who)
st.subheader(_("No contact in 60 days"))
st.caption(ngettext("{n} household", "{n} households", len(stages)).format(n=len(stages)))
if len(stages) >= follow_up.LIST_LIMIT:
    st.caption(_("Showing the {n} longest without contact.").format(n=len(stages)))
follow_up_view.show_flash()
if stages:
    follow_up_view.stage_counts(stages)
    st.dataframe(follow_up_view.stage_table(stages), hide_index=True, width="stretch", placeholder=NO_VALUE)
else:
    st.success(_("Every open file had contact in the last 60 days."))
follow_up_view.work_on(user, stages)  # with no household it draws nothing (a kept refusal is dropped)

if st.session_state.get("fu_audited") != who:
    st.session_state["fu_audited"] = who
    households.record_list_view(engine(), user, len(due.rows) + len(stages))
