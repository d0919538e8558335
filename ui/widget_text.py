"""What Streamlit's own widgets would get wrong for a family: date order by locale; the built-in
hints Streamlit does not translate (the file uploader's size line and button, "Press Enter to
apply"), hidden so the page's own translated words stand alone; and labels cut with "…" (metric,
checkbox and widget labels wrap instead)."""

from __future__ import annotations

import streamlit as st

from ui.text import lang

# Fixed style sheets (never anything typed by a user). The file uploader keeps its icon and the
# page's translated label; the size limit is said in a caption next to it.
WIDGET_STYLE = """<style>
/* A checkbox's label element only, not all it holds: its box and a toggle's track have a fixed height. */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,
[data-testid="stWidgetLabel"], [data-testid="stWidgetLabel"] *,
[data-testid="stCheckbox"] label {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: break-word !important; height: auto !important;
}
[data-testid="stFileUploaderDropzoneInstructions"] {display: none !important;}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {display: none !important;}
</style>"""
SPANISH_STYLE = """<style>
[data-testid="InputInstructions"] {display: none !important;}
</style>"""

DATE_FORMATS = {"es": "DD/MM/YYYY", "en": "MM/DD/YYYY"}


def date_format() -> str:
    """st.date_input's `format` in the reader's order: 05/12/2026 in Spanish, 12/05/2026 in English."""
    return DATE_FORMATS.get(lang(), "YYYY-MM-DD")


def hide_untranslated_hints() -> None:
    """Called once per run by the entry point; styles go in the sidebar so the page gains no gap."""
    st.sidebar.markdown(WIDGET_STYLE, unsafe_allow_html=True)
    if lang() == "es":
        st.sidebar.markdown(SPANISH_STYLE, unsafe_allow_html=True)
