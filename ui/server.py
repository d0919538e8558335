"""Start the Streamlit server with the legacy pages/ router switched off.

Streamlit treats a `pages/` folder next to the entry point as a legacy multipage app until the
first session calls st.navigation, so right after a restart a direct link could run a page file
without the entry point's login gate and menu ("Page not found" for function pages such as
/login). Deciding it up front closes that window; each client page still guards itself.
Once the server answers, the first page's modules are imported in the background (ui.warmup).
Usage: python -m ui.server [streamlit run options...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from ui.warmup import warm_when_serving

ENTRY_POINT = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    warm_when_serving()
    sys.argv = ["streamlit", "run", str(ENTRY_POINT), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
