"""Down-payment assistance (being built)."""

import streamlit as st

from ui.text import _

st.title(_("Down-payment assistance"))
