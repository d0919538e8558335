"""Presentation (workshop projector) mode: no chrome, large type, one column, and never any client data.

Turned on by `?present=1` in the URL or by the sidebar toggle; remembered in `st.session_state["present"]`,
which `ui.clients.selected_household_id()` reads to hide the open household while presenting.
"""

from __future__ import annotations

import streamlit as st

from ui.text import _

PRESENT_KEY = "present"
TOGGLE_KEY = "present_toggle"

# A fixed style sheet: it never contains anything typed by a user. Sizes are for a projector at
# 1280x720 or 1920x1080 seen from the back of a room: result figures 56px, typed values as large as
# their labels (30px). On a calculator the column with the answer (a metric beside number inputs)
# comes before the inputs, so "Highest price" is on the first screen, not 2,400px down.
STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stAppDeployButton"], header, footer {display: none !important;}
[data-testid="stAppViewContainer"], [data-testid="stMain"], .stApp {background: #ffffff !important; color: #000000 !important;}
[data-testid="stMainBlockContainer"], .block-container {max-width: 1500px !important; padding: 2rem 3rem !important;}
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMarkdownContainer"] {font-size: 30px !important; line-height: 1.45 !important; color: #000000 !important;}
[data-testid="stMain"] h1 {font-size: 56px !important; color: #000000 !important;}
[data-testid="stMain"] h2 {font-size: 46px !important; color: #000000 !important;}
[data-testid="stMain"] h3 {font-size: 38px !important; color: #000000 !important;}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {font-size: 24px !important; color: #1a1a1a !important;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] div {font-size: 56px !important; line-height: 1.15 !important; color: #000000 !important;}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] p {font-size: 26px !important; color: #000000 !important;}
[data-testid="stColumn"] {flex: 1 1 100% !important; width: 100% !important; min-width: 100% !important;}
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stNumberInput"]):has(> [data-testid="stColumn"] [data-testid="stMetric"]) {flex-direction: column-reverse !important;}
[data-testid="stMain"] input, [data-testid="stMain"] textarea {font-size: 30px !important; line-height: 1.3 !important; color: #000000 !important;}
[data-testid="stMain"] [data-baseweb="input"], [data-testid="stMain"] [data-testid="stNumberInputContainer"], [data-testid="stMain"] [data-testid="stSelectbox"] [role="group"] {height: auto !important; min-height: 3.4rem !important;}
[data-testid="stMain"] a {color: #00307a !important; text-decoration: underline !important;}
[data-testid="stMain"] button, [data-testid="stMain"] a[data-testid="stPageLink-NavLink"] {font-size: 26px !important; min-height: 3rem;}
[data-testid="stMain"] button p, [data-testid="stPageLink-NavLink"] p {font-size: 26px !important;}
[data-testid="stMain"] button {border: 2px solid #000000 !important; color: #000000 !important;}
[data-testid="stMain"] button[kind="primary"], [data-testid="stMain"] button[kind="primary"] * {background: #00402c !important; color: #ffffff !important;}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {color: #1a1a1a !important; opacity: 1 !important;}
*:focus-visible {outline: 4px solid #b35c00 !important; outline-offset: 2px;}
</style>"""


def is_presenting() -> bool:
    """True when `?present=1` is in the URL or the trainer turned presentation mode on."""
    if st.query_params.get(PRESENT_KEY) == "1":
        st.session_state[PRESENT_KEY] = True
    return bool(st.session_state.get(PRESENT_KEY))


def start_presenting() -> None:
    """Turn presentation mode on (a button or toggle callback)."""
    st.session_state[PRESENT_KEY] = True


def stop_presenting() -> None:
    """Turn presentation mode off and drop `present` from the URL so a reload stays off."""
    st.session_state[PRESENT_KEY] = False
    st.session_state[TOGGLE_KEY] = False
    if PRESENT_KEY in st.query_params:
        del st.query_params[PRESENT_KEY]


def _sync_toggle() -> None:
    st.session_state[PRESENT_KEY] = bool(st.session_state.get(TOGGLE_KEY))


def apply_presentation_style() -> None:
    """Hide the sidebar and toolbar, enlarge type, one column; plus the one way back out of the mode."""
    st.markdown(STYLE, unsafe_allow_html=True)
    # With the sidebar hidden, this button is the only control that leaves presentation mode.
    st.button(
        _("Exit presentation"), key="exit_presentation", on_click=stop_presenting, icon=":material/close:"
    )


def presentation_toggle() -> None:
    """Sidebar switch for presentation mode (its own key, so the mode survives the toggle being hidden)."""
    st.session_state[TOGGLE_KEY] = bool(st.session_state.get(PRESENT_KEY))
    st.sidebar.toggle(
        _("Presentation mode"),
        key=TOGGLE_KEY,
        on_change=_sync_toggle,
        help=_("Large type for a projector. Hides the menu and all client information."),
    )
