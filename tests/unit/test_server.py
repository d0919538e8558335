"""ui.server: it starts Streamlit through its public command line, with our entry point and options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_server_runs_streamlits_command_line_with_the_options_given():
    """`python -m ui.server --help` reaches `streamlit run`'s own help: the options are passed through."""
    done = subprocess.run(
        [sys.executable, "-m", "ui.server", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Usage: streamlit run" in done.stdout
    assert "--server.port" in done.stdout
