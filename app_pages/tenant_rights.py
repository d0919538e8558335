"""Tenant rights: pick a place and topic, walk the checklist, see red flags and next steps, use the calculators."""

from functools import partial

import streamlit as st

from curricula import tenant_rights
from reports.tenant_handout import build_handout
from ui import clients
from ui.session_flow import calculators as flow_calculators
from ui.session_flow import flow
from ui.tenant_rights import calculators as tenant_calculators
from ui.tenant_rights import view as tenant_view
from ui.text import _, date, lang

st.title(_("Tenant rights"))
_ctx, _seeded, restored = flow.start("tenant_checklist")  # the open file's place; "Open again" restores
if restored is not None:
    tenant_view.restore(restored["row"]["inputs"])
tenant_view.notice()

# Logged in with a household open: offer to continue from the last saved answers (before the widgets
# it fills are drawn).
saved = clients.saved_scenarios("tenant_checklist")
if saved and st.button(
    _("Continue from saved progress ({date})").format(date=date(saved[0]["created_at"])), key="tr_restore"
):
    tenant_view.restore(saved[0]["inputs"])
    st.rerun()

# Labels are looked up once per run: format_func must not depend on the session (AppTest calls it outside).
place_labels = {p: tenant_view.place_label(p) for p in tenant_rights.places()}
place = tenant_view.choice(_("Where is the home?"), place_labels, "tr_place")
topic_labels = {t: tenant_view.topic_label(t) for t in tenant_view.topics_for(place)}
topic = tenant_view.choice(_("Topic"), topic_labels, "tr_topic")
items = tenant_rights.checklist_for(place, topic=None if topic == tenant_view.ALL_TOPICS else topic)

st.header(_("Checklist"))
st.caption(
    _("Answer each question: yes, no or not sure. Answers stay on this screen and are not in the link.")
)
answers = tenant_view.walk(items)

flags = tenant_view.summary(items, answers)

st.header(_("Is that allowed? Quick calculators"))
tenant_calculators.all_calculators(place)

if answers:
    flow_calculators.tenant_checklist(place, topic, answers, flags)
    clients.propose_outcomes(tenant_view.proposed_outcomes(items, answers))

st.header(_("Printable handout"))
handout_lang = st.segmented_control(
    _("Handout language"),
    ["en", "es"],
    format_func={"en": _("English"), "es": _("Spanish")}.get,
    default=lang(),
    key="tr_handout_lang",
    required=True,
)
# The PDF is built when the button is pressed (on Streamlit's download thread), not on every rerun:
# it was most of each click's time on this page.
st.download_button(
    _("Download handout (PDF)"),
    data=partial(
        build_handout, place, handout_lang, answers, None if topic == tenant_view.ALL_TOPICS else topic
    ),
    file_name=f"tenant-rights-{place}-{handout_lang}.pdf",
    mime="application/pdf",
    icon=":material/print:",
)
tenant_view.notice()
