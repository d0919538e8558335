"""Admin: which offices a program lead reports on (pipeline, HUD-9902, exports, retention)."""

from __future__ import annotations

import streamlit as st

from db import accounts, lead_offices
from ui.auth import account_message, signed_in_only
from ui.db import engine
from ui.text import _

EVERY, CHOSEN = "every", "chosen"


@signed_in_only
def _save(admin: dict, lead_id: int) -> None:
    state = st.session_state
    every = state.get(f"lead_scope_{lead_id}") == EVERY
    try:
        lead_offices.assign(engine(), admin, lead_id, state.get(f"lead_offices_{lead_id}") or [], every)
    except accounts.AccountError as err:
        state["lead_offices_msg"] = ("error", account_message(err))
    else:
        state["lead_offices_msg"] = ("success", _("Offices saved. The lead's reports cover them now."))


def lead_offices_form(admin: dict, lead: dict, offices: list[dict]) -> None:
    """Every office, or a chosen few (the lead's own office is always included)."""
    lead_id = lead["id"]
    names = {o["id"]: o["name"] for o in offices}
    current = lead_offices.assignment(engine(), lead_id)
    st.session_state.setdefault(f"lead_scope_{lead_id}", EVERY if current.every_office else CHOSEN)
    st.session_state.setdefault(f"lead_offices_{lead_id}", [i for i in current.office_ids if i in names])
    with st.form(f"lead_offices_form_{lead_id}", enter_to_submit=False):
        st.markdown(_("**Offices this lead reports on**"))
        st.caption(
            _(
                "Pipeline, HUD-9902, exports and record retention. Their own office ({office}) is always included."
            ).format(office=lead.get("office") or "—")
        )
        labels = {EVERY: _("Every office, now and future"), CHOSEN: _("Their own office and these:")}
        st.radio(_("Reports on"), list(labels), format_func=labels.get, key=f"lead_scope_{lead_id}")
        st.multiselect(
            _("Other offices"),
            list(names),
            format_func=names.get,
            key=f"lead_offices_{lead_id}",
            placeholder=_("Choose offices"),
        )
        st.form_submit_button(_("Save offices"), on_click=_save, args=(admin, lead_id))
    message = st.session_state.pop("lead_offices_msg", None)
    if message:
        getattr(st, message[0])(message[1])
