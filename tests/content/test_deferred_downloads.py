"""A download built when pressed must not rerun the page (`on_click="ignore"`). Built when pressed: `data` is
a lambda, a partial, a function of the module, or what a function of the module returns when that is a
function it defines inside (a builder such as the certificates' `_certificate`).

Streamlit registers such a callable under a new id on every run and drops the ones no run refers to. With a
rerun on click, the rerun could finish before the browser asked for the file, and the download never came
(the documents browser test failed that way on a busy CI machine). Every .py file of ours is read with `ast`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("ui", "app_pages")


def _functions(tree: ast.AST) -> tuple[set[str], set[str]]:
    """The names of the module's functions, and of those that return a function they define inside."""
    defined, builders = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            defined.add(node.name)
            inner = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
            returned = {
                r.value.id for r in node.body if isinstance(r, ast.Return) and isinstance(r.value, ast.Name)
            }
            if inner & returned:
                builders.add(node.name)
    return defined, builders


def _is_deferred(node: ast.expr | None, defined: set[str], builders: set[str]) -> bool:
    """Data that Streamlit calls when the button is pressed."""
    if isinstance(node, ast.Lambda):
        return True
    if isinstance(node, ast.Name):
        return node.id in defined
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        return name == "partial" or name in builders
    return False


def _data_argument(call: ast.Call) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "data":
            return keyword.value
    return call.args[1] if len(call.args) > 1 else None  # download_button(label, data, ...)


def _ignores_click(call: ast.Call) -> bool:
    return any(
        k.arg == "on_click" and isinstance(k.value, ast.Constant) and k.value.value == "ignore"
        for k in call.keywords
    )


def offenders(source: str) -> list[int]:
    """Line numbers of download buttons with deferred data that rerun the page when pressed."""
    tree = ast.parse(source)
    defined, builders = _functions(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "download_button"
            and _is_deferred(_data_argument(node), defined, builders)
            and not _ignores_click(node)
        ):
            found.append(node.lineno)
    return found


def _sources() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('st.download_button("PDF", data=lambda: b"x", file_name="a.pdf")', [1]),
        ('col.download_button("CSV", partial(to_csv, report), "a.csv")', [1]),
        ('st.download_button("PDF", data=lambda: b"x", on_click="ignore")', []),
        ('st.download_button("PDF", data=pdf_bytes, file_name="a.pdf")', []),  # built already: no race
        ('st.download_button("PDF", functools.partial(f), on_click="rerun")', [1]),
        ('def pdf():\n    return b"x"\nst.download_button("PDF", data=pdf)', [3]),
        (
            'def later(n):\n    def build():\n        return n\n    return build\nst.download_button("P", later(1))',
            [5],
        ),
        ('def now(n):\n    return bytes(n)\nst.download_button("PDF", now(1))', []),  # bytes, built now
    ],
)
def test_the_check_finds_deferred_downloads_that_rerun(source, expected):
    assert offenders(source) == expected


def test_the_check_reads_the_pages():
    sources = _sources()
    assert any("download_button" in p.read_text(encoding="utf-8") for p in sources)


def test_no_deferred_download_reruns_the_page():
    found = {
        str(p.relative_to(ROOT)): lines
        for p in _sources()
        if (lines := offenders(p.read_text(encoding="utf-8")))
    }
    assert found == {}
