"""Start the Streamlit server with the legacy pages/ router switched off.

Streamlit treats a `pages/` folder next to the entry point as a legacy multipage app until the
first session calls st.navigation, so right after a restart a direct link could run a page file
without the entry point's login gate and menu ("Page not found" for function pages such as
/login). Deciding it up front closes that window; each client page still guards itself.
Once the server answers, the first page's modules are imported in the background (ui.warmup).
Camino ships no Streamlit components, so the server skips looking for them (skip_component_scan).
Usage: python -m ui.server [streamlit run options...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from ui.warmup import warm_when_serving

ENTRY_POINT = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def skip_component_scan() -> None:
    """Start without reading every installed package's metadata to look for Streamlit components.

    Streamlit's runtime parses the metadata of each installed distribution (about 90 with the test
    tools) for "v2" component manifests: a quarter of a second of each start, to find none here. A test
    checks that none is installed; if one ever is, this must go. Should Streamlit move or rename the
    method, the scan simply happens again.
    """
    try:
        from streamlit.components.v2.component_manager import BidiComponentManager
    except ImportError:
        return
    if hasattr(BidiComponentManager, "discover_and_register_components"):
        BidiComponentManager.discover_and_register_components = _no_components


def _no_components(_manager, *, start_file_watching: bool = True) -> None:
    return None


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    skip_component_scan()
    warm_when_serving()
    sys.argv = ["streamlit", "run", str(ENTRY_POINT), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
