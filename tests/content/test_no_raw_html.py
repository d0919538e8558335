"""No user data is ever rendered as raw HTML: unsafe_allow_html and st.html take fixed text only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([ROOT / "streamlit_app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")])


# Builders of a style sheet from our own catalog text only (each string quoted by ui.widget_text._css_string).
CATALOG_ONLY_BUILDERS = {"spanish_style"}


def _fixed_text(node) -> bool:
    """A literal string, a NAME_IN_CAPS constant (a style sheet defined in code), or a catalog-only builder."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.Call) and not node.args and isinstance(node.func, ast.Name):
        return node.func.id in CATALOG_ONLY_BUILDERS
    return isinstance(node, ast.Name) and node.id.isupper()


def raw_html_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        unsafe = any(
            kw.arg == "unsafe_allow_html"
            and not (isinstance(kw.value, ast.Constant) and kw.value.value is False)
            for kw in node.keywords
        )
        if (unsafe or node.func.attr == "html") and not (node.args and _fixed_text(node.args[0])):
            problems.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return problems


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_raw_html_only_with_fixed_text(path):
    assert raw_html_calls(path) == []


def test_the_check_catches_user_data_in_html():
    sample = ROOT / "ui" / "_raw_html_sample_tmp.py"
    sample.write_text(
        'import streamlit as st\nname = "x"\nst.markdown(f"<b>{name}</b>", unsafe_allow_html=True)\n'
        'st.markdown("<style>h1{}</style>", unsafe_allow_html=True)\n'
    )
    try:
        assert raw_html_calls(sample) == ["ui/_raw_html_sample_tmp.py:3"]
    finally:
        sample.unlink()


@pytest.mark.parametrize(
    "name, escaped",
    [
        ("[gana dinero](http://malo.example)", "\\[gana dinero\\]\\(http://malo\\.example\\)"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert\\(1\\)\\>"),
        ("**José** Núñez", "\\*\\*José\\*\\* Núñez"),
        (None, ""),
    ],
)
def test_plain_neutralizes_markdown_in_names(name, escaped):
    from ui.text import plain

    assert plain(name) == escaped


@pytest.mark.parametrize(
    "text, quoted",
    [
        ('Elegir "todas"', '"Elegir \\"todas\\""'),
        ("a\\b", '"a\\\\b"'),
        ("dos\nlíneas", '"dos líneas"'),
    ],
)
def test_catalog_text_cannot_leave_its_css_string(text, quoted):
    from ui.widget_text import _css_string

    assert _css_string(text) == quoted
