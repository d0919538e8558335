"""Tenant rights: pick a place and topic, walk the checklist, see red flags and next steps, use the calculators.

The checklist opens on its first topic (a few questions draw at once; "All topics" is the last choice). The
checklist's summary and the calculators are fragments: an answer reruns only the checklist (with its summary,
saving and handout), a calculator's input only the calculators. Picking a place or topic reruns the page.
"""

import streamlit as st

from curricula import tenant_rights
from db.local_time import local_date
from ui import clients
from ui.session_flow import flow
from ui.tenant_rights import calculators as tenant_calculators
from ui.tenant_rights import view as tenant_view
from ui.tenant_rights.checklist import checklist
from ui.text import _, date

st.title(_("Tenant rights"))
_ctx, _seeded, restored = flow.start("tenant_checklist")  # the open file's place; "Open again" restores
if restored is not None:
    tenant_view.restore(restored["row"]["inputs"])
tenant_view.notice()

# Logged in with a household open: offer to continue from the last saved answers (before the widgets
# it fills are drawn).
saved = clients.saved_scenarios("tenant_checklist")
if saved:  # restored in the button's callback, before the run: the page is drawn once, with the answers
    st.button(
        _("Continue from saved progress ({date})").format(date=date(local_date(saved[0]["created_at"]))),
        key="tr_restore",
        on_click=tenant_view.restore,
        args=(saved[0]["inputs"],),
    )

# Labels are looked up once per run: format_func must not depend on the session (AppTest calls it outside).
place_labels = {p: tenant_view.place_label(p) for p in tenant_rights.places()}
place = tenant_view.choice(_("Where is the home?"), place_labels, "tr_place", buttons=True)
place_topics = tenant_view.topics_for(place)
topic_labels = {t: tenant_view.topic_label(t) for t in place_topics}
topic = tenant_view.choice(_("Topic"), topic_labels, tenant_view.TOPIC_KEY)

checklist(place, topic, place_topics)

st.header(_("Is that allowed? Quick calculators"))
tenant_calculators.all_calculators(place)

tenant_view.notice()
