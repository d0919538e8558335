"""The client file: summary, "Open in" the calculators, and the tabs, each drawn by its own module
(ui/households/client_file/<tab>.py). app_pages/household.py calls show().
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from db import households, hud_client
from ui import hud_file
from ui.clients import open_household
from ui.households.client_file import closing, intake, milestones, plan, referrals, sessions, timeline
from ui.households.client_file.state import PREFIX, load
from ui.households.labels import STATUS_LABELS
from ui.hud_file.profile import PREFIX as HUD_PREFIX
from ui.labels import STAGE_LABELS, label
from ui.session_flow import open_in
from ui.text import N_, _, date, money, percent, plain


def _facts(hh: dict) -> str:
    """Stage, contacts and status as a one-row table: words wrap in it (a metric cut "Presupuesto hecho")."""
    stage = label(STAGE_LABELS, hh["stage"])
    if hh["stage_since"]:
        stage = " · ".join((stage, _("since {day}").format(day=date(hh["stage_since"], "medium"))))
    cells = {
        _("Stage"): stage,
        _("Last contact"): date(hh["last_contact_on"], "medium") if hh["last_contact_on"] else "—",
        _("Next follow-up"): date(hh["next_follow_up"], "medium") if hh["next_follow_up"] else "—",
        _("File"): label(STATUS_LABELS, hh["status"]),
    }  # our own words and dates only: no typed text reaches this Markdown
    rows = (list(cells), ["---"] * len(cells), list(cells.values()))
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def _summary(hh: dict) -> None:
    st.subheader(plain(hh["display_name"]))
    if hh["is_demo"]:
        st.caption(_("Demo record: fictional data."))
    st.markdown(_facts(hh))
    details = [
        _("Counselor: {name}").format(name=plain(hh["counselor_name"]) or "—"),
        _("Opened: {day}").format(day=date(hh["opened_on"], "medium")),
    ]
    if hh["ami_percent"] is not None:
        details.append(
            _("Income: {income} a year ({percent} of the area median)").format(
                income=money(hh["annual_income"], cents=False), percent=percent(hh["ami_percent"] / 100, 0)
            )
        )
    if not hh["counseling_purpose"]:
        details.append(_("No reason for counseling yet: the HUD report will leave this household out."))
    st.caption(" · ".join(details))


# The client file's tabs, in order: (label marked for translation, function drawing the tab's body).
# Only the tab in view is drawn: the others cost nothing on a rerun. To add a tab, add a row.
TABS: list[tuple[str, Callable[[dict], None]]] = [
    (N_("Activity"), sessions.section),
    (N_("Milestones"), milestones.section),
    (N_("Action plan"), plan.section),
    (N_("Referrals"), referrals.section),
    (N_("Timeline"), timeline.section),
    (N_("Intake"), intake.tab),
    (N_("Close or reopen"), closing.section),
    (N_("HUD file"), lambda hh: hud_file.show_tab(hh)),
    (N_("Documents"), lambda hh: hud_file.documents_tab(hh)),
]
TAB_KEY = "hh_tab"  # the label of the tab in view (in the screen's language)


def _keep_answers_across_tabs() -> None:
    """Streamlit drops a widget's value after a run that does not draw it (another tab in view); setting
    it again each run keeps the intake and HUD answers, saved or only typed, until the tab is back."""
    keys = [f"{PREFIX}_{field}" for field in households.INTAKE_FIELDS]
    keys += [f"{HUD_PREFIX}_{field}" for field in hud_client.PROFILE_FIELDS]
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def show(hid: int | None) -> None:
    """Draw the client file for the household chosen on the list (the id lives in session state only)."""
    if hid is None:
        st.info(_("Choose a household on the Households page, or add a new one."))
        return
    hh = load(hid)
    if hh is None:
        open_household(None)
        return
    _summary(hh)
    open_in.actions(hid)  # "Open in" each calculator, and the saved calculations (issue #21)
    hud_file.banner(hh)
    _keep_answers_across_tabs()
    # on_change="rerun" makes the tabs report which one is open (public API), so the hidden ones are
    # not built: drawing all seven (before the HUD tab) sent ~200 messages and ~1,750 new page nodes on every action.
    tabs = st.tabs([_(title) for title, _draw in TABS], key=TAB_KEY, on_change="rerun")
    for tab, (_title, draw) in zip(tabs, TABS, strict=True):
        if tab.open is not False:  # None would mean no tab state: then every tab is drawn
            with tab:
                draw(hh)
