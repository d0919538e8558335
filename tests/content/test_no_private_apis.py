"""No private APIs of Streamlit or pandas in our code (issue 25): a release may change them without notice.

Every .py file of the project (not .venv) is read with `ast`. Two things fail the test: importing a private
module (a dotted part starting with "_", Streamlit's runtime, server and element internals, pandas' core
and block internals), and reading an attribute named with one leading underscore that no code of ours
defines, so it can only belong to someone else's object (AppTest's `_tree`, a frame's `_mgr`...).
"""

from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", ".git", "node_modules", "__pycache__", "site-packages"}
WATCHED = ("streamlit", "pandas")
# Modules that are documented nowhere as API: Streamlit's runtime, server and element code, the helpers
# its commands use inside, the v2 component machinery below `st.components.v2`, and pandas' internals.
PRIVATE_MODULES = (
    "streamlit.runtime",
    "streamlit.web",
    "streamlit.elements",
    "streamlit.dataframe_util",
    "streamlit.components.v2.",
    "pandas.core",
    "pandas._libs",
    "pandas.api.internals",
)
# Underscore names that are documented API: namedtuple's and enum's, which use the underscore so that
# they never clash with a field or member name.
DOCUMENTED_UNDERSCORE = {
    "_asdict", "_replace", "_fields", "_field_defaults", "_make",
    "_value_", "_name_", "_missing_", "_generate_next_value_", "_ignore_", "_order_",
}  # fmt: skip
# (file, private name, why it stays). Keep this tiny: each entry is a known risk on every upgrade.
ALLOWED: set[tuple[str, str, str]] = set()


def project_files() -> list[Path]:
    """Every .py file of ours, in a stable order."""
    return sorted(
        path for path in ROOT.rglob("*.py") if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts)
    )


@cache
def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def private_module(name: str) -> bool:
    """True for a module of Streamlit or pandas that is not public API."""
    if name.split(".")[0] not in WATCHED:
        return False
    if any(part.startswith("_") for part in name.split(".")):
        return True
    # "a.b." names only what lies below a.b; "a.b" names a.b and everything below it.
    return any(name.startswith(p) if p.endswith(".") else name == p or name.startswith(f"{p}.")
               for p in PRIVATE_MODULES)  # fmt: skip


def imported_private_modules(module: ast.Module) -> list[str]:
    """The private modules (or private names of a watched module) a file imports, anywhere in it."""
    found = []
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if private_module(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if private_module(node.module):
                found.append(node.module)
            else:
                found += [
                    f"{node.module}.{a.name}" for a in node.names if private_module(f"{node.module}.{a.name}")
                ]
    return found


@cache
def names_we_define() -> frozenset[str]:
    """Every name our own code binds: functions, classes, arguments, variables and attributes it sets."""
    names: set[str] = set()
    for path in project_files():
        for node in ast.walk(tree(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store | ast.Del):
                names.add(node.attr)
            elif isinstance(node, ast.alias):
                names.add(node.asname or node.name.split(".")[-1])
    return frozenset(names)


def stdlib_aliases(module: ast.Module) -> set[str]:
    """Names a file binds to the standard library (`sys._getframe` is not a third-party object)."""
    out = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Import | ast.ImportFrom):
            root = (node.module or "") if isinstance(node, ast.ImportFrom) else ""
            for alias in node.names:
                top = (root or alias.name).split(".")[0]
                if top in sys.stdlib_module_names:
                    out.add(alias.asname or alias.name.split(".")[0])
    return out


def foreign_private_attributes(module: ast.Module) -> list[str]:
    """`x._name` reads where no code of ours defines `_name` (so it is a library's private attribute)."""
    ours, stdlib = names_we_define(), stdlib_aliases(module)
    found = []
    for node in ast.walk(module):
        if not isinstance(node, ast.Attribute) or not isinstance(node.ctx, ast.Load):
            continue
        name = node.attr
        if not name.startswith("_") or name.startswith("__") or name in ours or name in DOCUMENTED_UNDERSCORE:
            continue
        if isinstance(node.value, ast.Name) and node.value.id in stdlib:
            continue
        found.append(f"{ast.unparse(node)} (line {node.lineno})")
    return found


def allowed(relative: str, name: str) -> bool:
    return any(relative == file and name.startswith(private) for file, private, _why in ALLOWED)


@pytest.mark.parametrize(
    "name, private",
    [
        ("streamlit", False),
        ("streamlit.testing.v1", False),
        ("streamlit.components.v2", False),
        ("streamlit.errors", False),
        ("streamlit.runtime", True),
        ("streamlit.runtime.pages_manager", True),
        ("streamlit.web.cli", True),
        ("streamlit.elements.lib.column_types", True),
        ("streamlit.components.v2.component_manager", True),
        ("streamlit.dataframe_util", True),
        ("streamlit._private", True),
        ("pandas", False),
        ("pandas.api.types", False),
        ("pandas.api.internals", True),
        ("pandas.core.internals", True),
        ("pandas._libs.lib", True),
        ("numpy", False),
        ("ui.server", False),
    ],
)
def test_which_modules_count_as_private(name, private):
    assert private_module(name) is private


@pytest.mark.parametrize(
    "source, found",
    [
        ("from pandas.api.internals import create_dataframe_from_blocks", ["pandas.api.internals"]),
        ("import streamlit.web.cli as cli", ["streamlit.web.cli"]),
        ("from streamlit import dataframe_util", ["streamlit.dataframe_util"]),
        ("def f():\n    from streamlit.runtime import Runtime", ["streamlit.runtime"]),
        ("import streamlit as st\nfrom streamlit.testing.v1 import AppTest", []),
    ],
)
def test_private_imports_are_found_anywhere_in_a_file(source, found):
    assert imported_private_modules(ast.parse(source)) == found


@pytest.mark.parametrize(
    "source, found",
    [
        ("at._tree._runner._run(states)", ["at._tree._runner._run", "at._tree._runner", "at._tree"]),
        ("frame = make()\nframe._mgr", ["frame._mgr"]),
        ("import sys\nsys._getframe()", []),  # the standard library's own
        ("row._asdict()", []),  # namedtuple's documented API
        ("server._no_components", []),  # ours: ui/server.py defines it
    ],
)
def test_private_attributes_of_others_are_found(source, found, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "names_we_define", lambda: frozenset({"_no_components"}))
    lines = source.count("\n") + 1
    assert foreign_private_attributes(ast.parse(source)) == [f"{name} (line {lines})" for name in found]


def test_no_file_uses_a_private_api_of_streamlit_or_pandas():
    problems = []
    for path in project_files():
        relative = path.relative_to(ROOT).as_posix()
        module = tree(path)
        names = imported_private_modules(module) + foreign_private_attributes(module)
        problems += [f"{relative}: {name}" for name in names if not allowed(relative, name)]
    assert not problems, "private APIs (see issue 25):\n" + "\n".join(problems)


def test_every_allowed_exception_is_still_needed():
    """An allowance whose file no longer uses the private module must go, so the list only shrinks."""
    for file, private, why in ALLOWED:
        assert why
        used = imported_private_modules(tree(ROOT / file))
        assert any(name.startswith(private) for name in used), (file, private)
