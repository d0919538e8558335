"""Tenant rights (being built)."""

import streamlit as st

from ui.text import _

st.title(_("Tenant rights"))
