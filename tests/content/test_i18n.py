"""Language rules: every message has Spanish, and app_pages/ui never show a literal string without _()."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import i18n
from i18n.catalog import extracted_messages, missing

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted([ROOT / "streamlit_app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")])

# Streamlit calls whose first argument (or label/help/placeholder keywords) the user reads.
SHOWN_FIRST_ARG = {
    "title",
    "header",
    "subheader",
    "caption",
    "markdown",
    "write",
    "text",
    "info",
    "warning",
    "error",
    "success",
    "toast",
    "button",
    "download_button",
    "form_submit_button",
    "link_button",
    "page_link",
    "text_input",
    "number_input",
    "text_area",
    "selectbox",
    "radio",
    "checkbox",
    "toggle",
    "slider",
    "select_slider",
    "multiselect",
    "date_input",
    "time_input",
    "file_uploader",
    "metric",
    "expander",
    "tabs",
    "segmented_control",
    "pills",
    "popover",
    "dialog",
    "spinner",
    "status",
    "color_picker",
}
SHOWN_KEYWORDS = {"label", "help", "placeholder", "caption"}
# Strings users read that are deliberately not translated (the language names, shown in their own language).
ALLOWED = {"Language / Idioma", "English", "Español", "Camino"}


def _is_literal_text(node) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value.strip()
        return bool(text) and any(ch.isalpha() for ch in text) and text not in ALLOWED
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(v, ast.Constant) and any(c.isalpha() for c in str(v.value)) for v in node.values
        )
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_is_literal_text(e) for e in node.elts)
    return False


def literal_strings(path: Path) -> list[str]:
    """Places in a UI file where a Streamlit call shows text that did not go through _()."""
    tree = ast.parse(path.read_text(), filename=str(path))
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr not in SHOWN_FIRST_ARG:
            continue
        candidates = []
        if node.args:
            candidates.append(node.args[0])
            if node.func.attr == "tabs":
                candidates = list(node.args)
        candidates += [kw.value for kw in node.keywords if kw.arg in SHOWN_KEYWORDS]
        for arg in candidates:
            if node.func.attr in ("markdown", "html") and isinstance(arg, ast.Constant):
                text = str(arg.value).strip()
                if text.startswith("<style") or set(text) <= set("-*_#> \n"):
                    continue
            if _is_literal_text(arg):
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(arg)[:60]}")
    return problems


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_ui_shows_no_untranslated_literal(path):
    assert literal_strings(path) == []


def test_linter_catches_a_literal_label(tmp_path):
    sample = ROOT / "app_pages" / "_lint_sample_tmp.py"
    try:
        sample.write_text(
            'import streamlit as st\nst.button("Save")\nst.button(_("Save"))\nst.markdown("---")\n'
        )
        problems = literal_strings(sample)
    finally:
        sample.unlink()
    assert len(problems) == 1 and "Save" in problems[0]


def test_every_message_has_spanish():
    gaps = missing("es")
    listing = "\n".join(f"{where}:{line}: {msg!r}" for msg, (where, line) in sorted(gaps.items()))
    assert not gaps, f"{len(gaps)} message(s) lack Spanish (add them to a .po file):\n{listing}"


def test_extraction_finds_the_app_messages():
    messages = extracted_messages()
    assert "Log in" in messages and "Households" in messages


@pytest.mark.parametrize(
    "po", sorted((i18n.LOCALES_DIR / "es" / "LC_MESSAGES").glob("*.po")), ids=lambda p: p.name
)
def test_catalog_placeholders_match(po):
    """A translation must keep the same {placeholders}, or .format() fails on screen."""
    import re

    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f, locale="es")
    pattern = re.compile(r"\{[a-z_0-9]*\}")
    bad = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(pattern.findall(ids[-1]))
        for s in strings:
            if (
                s
                and set(pattern.findall(s)) != wanted
                and set(pattern.findall(s)) != set(pattern.findall(ids[0]))
            ):
                bad.append(ids[0])
    assert bad == []


@pytest.mark.parametrize(
    "lang, amount, expected",
    [
        ("en", 1234.5, "$1,234.50"),
        ("es", 1234.5, "$1,234.50"),
        ("es", -20, "-$20.00"),
        ("en", float("nan"), "$0.00"),
    ],
)
def test_money_formatting(lang, amount, expected):
    assert i18n.format_money(amount, lang) == expected


@pytest.mark.parametrize("lang, expected", [("en", "March 5, 2026"), ("es", "5 de marzo de 2026")])
def test_dates_are_spelled_out(lang, expected):
    assert i18n.format_date("2026-03-05", lang) == expected


def test_a_date_spelled_again_comes_from_the_cache_in_its_own_language():
    import datetime as dt

    day = dt.date(2026, 3, 5)
    i18n.format_date(day, "es", "medium")
    hits = i18n._date.cache_info().hits
    assert i18n.format_date(dt.datetime(2026, 3, 5, 9, 30), "es", "medium") == "5 mar 2026"
    assert i18n._date.cache_info().hits == hits + 1
    assert i18n.format_date(day, "en", "medium") == "Mar 5, 2026"


@pytest.mark.parametrize(
    "value, lang", [("es-US", "es"), ("es_MX", "es"), ("en-GB", "en"), ("fr-FR", "en"), (None, "en")]
)
def test_browser_locale_maps_to_a_language(value, lang):
    assert i18n.normalize_language(value) == lang
