"""Start the Streamlit server with the legacy pages/ router switched off.

Streamlit treats a `pages/` folder next to the entry point as a legacy multipage app until the
first session calls st.navigation, so right after a restart a direct link could run a page file
without the entry point's login gate and menu ("Page not found" for function pages such as
/login). Deciding it up front closes that window; each client page still guards itself.
Once the server answers, the first page's modules are imported in the background (ui.warmup).
The server itself is started as `python -m streamlit run` would start it (Streamlit's public CLI).
Usage: python -m ui.server [streamlit run options...]
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

# Private, and the one exception tests/content/test_no_private_apis.py allows: Streamlit has no public
# switch for the legacy pages/ router. The public way out is a folder not named pages/ (issue 25).
from streamlit.runtime.pages_manager import PagesManager

from ui.warmup import warm_when_serving

ENTRY_POINT = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    warm_when_serving(argv=argv)
    sys.argv = ["streamlit", "run", str(ENTRY_POINT), *argv]
    runpy.run_module("streamlit", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
