"""Start the Streamlit server the way `python -m streamlit run streamlit_app.py` would, then warm it.

The screens live in app_pages/, not pages/: Streamlit runs a folder named pages/ beside the entry point
as a legacy multipage app until the first session calls st.navigation, so right after a restart a
direct link could have run a screen without the entry point's login gate. With no pages/ folder there
is no legacy router at all, and each screen still guards itself.
Once the server answers, the first page's modules are imported in the background (ui.warmup).
Usage: python -m ui.server [streamlit run options...]
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from ui.warmup import warm_when_serving

ENTRY_POINT = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def main(argv: list[str]) -> None:
    warm_when_serving(argv=argv)
    sys.argv = ["streamlit", "run", str(ENTRY_POINT), *argv]
    runpy.run_module("streamlit", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
