"""The layout a newcomer relies on (CONTRIBUTING.md, "Map for newcomers"): imports go one way between the
folders, no module grows past about 400 lines, and every package under ui/ says in one line what it holds."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Our top-level packages (and the entry point); anything else imported is a library.
PROJECT = {"bench", "calculators", "curricula", "db", "i18n", "app_pages", "reminders", "reports", "ui", "streamlit_app"}
SOURCE_DIRS = ("bench", "calculators", "curricula", "db", "i18n", "app_pages", "reminders", "reports", "tests", "ui")

# folder -> the top-level names its modules must never import (at module level or inside a function).
FORBIDDEN = {
    "calculators": PROJECT - {"calculators"},
    "curricula": PROJECT - {"curricula"},
    "i18n": PROJECT - {"i18n"},
    "db": {"streamlit", "ui", "app_pages", "streamlit_app"},
    "reports": {"streamlit", "ui", "app_pages", "streamlit_app"},
    "reminders": {"streamlit", "ui", "app_pages", "streamlit_app"},
    "ui": {"app_pages", "streamlit_app"},
}

MAX_LINES = 420


def modules(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def imported_tops(path: Path) -> set[str]:
    """Top-level names of every absolute import in a module, wherever it sits (lazy imports count too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_imports_go_one_way(folder):
    wrong = {
        rel(path): sorted(imported_tops(path) & FORBIDDEN[folder])
        for path in modules(folder)
        if imported_tops(path) & FORBIDDEN[folder]
    }
    assert wrong == {}


def test_the_import_check_sees_lazy_and_dotted_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from . import sibling\nimport ui.text\n\n\ndef later():\n    from app_pages import households\n",
        encoding="utf-8",
    )
    assert imported_tops(sample) == {"ui", "app_pages"}


def test_no_module_over_the_limit():
    long = {
        rel(path): lines
        for path in modules(*SOURCE_DIRS) + [ROOT / "streamlit_app.py"]
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize("package", sorted(rel(init.parent) for init in (ROOT / "ui").rglob("__init__.py")))
def test_every_ui_package_says_what_it_holds(package):
    tree = ast.parse((ROOT / package / "__init__.py").read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree)
    assert doc and doc.strip()


def test_ui_keeps_shared_helpers_at_its_top_and_features_in_packages():
    """A module directly in ui/ is shared (the app shell or several features use it); a page's own modules
    live in the package named after it. A module named for a feature at the top (`ui/budget_view.py`)
    means it belongs in that feature's package."""
    features = {path.name for path in (ROOT / "ui").iterdir() if (path / "__init__.py").exists()}
    misplaced = [
        path.name
        for path in (ROOT / "ui").glob("*.py")
        if any(path.stem.startswith(f"{feature}_") for feature in features | {"household", "tenant", "workshop"})
    ]
    assert misplaced == []


def test_every_path_the_contributing_map_names_exists():
    """The newcomers' map names real files and folders, so it cannot drift from the code unnoticed."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([\w./]+\.py|[\w/]+/)`", text))
    assert len(named) > 30
    assert sorted(name for name in named if not (ROOT / name).exists()) == []
