"""ui.server: what the server skips at start-up, and why that is safe here."""

from __future__ import annotations

from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.components.v2.manifest_scanner import scan_component_manifests

from ui import server


def test_no_streamlit_component_is_installed():
    """The server skips Streamlit's search for components: right only while the search finds none."""
    assert scan_component_manifests() == []


def test_the_component_search_is_skipped(monkeypatch):
    """Fails if Streamlit moves the search: the server then starts a quarter of a second slower."""
    monkeypatch.setattr(  # put the real method back after the test
        BidiComponentManager,
        "discover_and_register_components",
        BidiComponentManager.discover_and_register_components,
    )
    server.skip_component_scan()
    assert BidiComponentManager.discover_and_register_components is server._no_components
