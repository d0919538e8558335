"""Every table says what an empty cell holds: Streamlit writes "None" there, in English, in a Spanish screen.

The grid draws on a canvas, so the page-text checks of the Spanish browser tests never see that word; every
`st.dataframe` and `st.data_editor` call of ours is read with `ast` instead, and the Budget coach's table is
opened in Spanish below (tests/app) to see the placeholder reach the browser.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("ui", "app_pages")
TABLES = ("dataframe", "data_editor")


def _table_calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TABLES
    ]


FILES = sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py") if _table_calls(p))


def test_the_pages_have_tables_to_check():
    assert len(FILES) > 20  # the walk found our tables (a moved folder must not leave this test empty)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_table_names_its_empty_cells(path):
    missing = [
        call.lineno for call in _table_calls(path) if not any(k.arg == "placeholder" for k in call.keywords)
    ]
    assert not missing, (
        f"{path.relative_to(ROOT)}: no placeholder= at lines {missing} (Streamlit shows 'None')"
    )
