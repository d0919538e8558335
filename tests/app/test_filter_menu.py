"""The Households list's and the Pipeline's filters behind one "Filters" button, in English and Spanish:
the button counts the filters in use and a line under it names each, so a narrowed list never passes
for the whole caseload."""

from __future__ import annotations

import pytest

from db.engine import transaction
from db.models import User
from tests.app.conftest import app_test
from tests.db.test_pipeline import build_pipeline_fixture

LIST = "app_pages/households.py"
PIPELINE = "app_pages/pipeline.py"


def popover_label(at, key: str) -> str:
    """The label of the popover with this key (AppTest has no accessor for popovers)."""
    found = [
        b.proto.popover.label for b in _blocks(at.main) if b.type == "popover" and b.proto.id.endswith(key)
    ]
    assert len(found) == 1, found
    return found[0]


def _blocks(node):
    for child in getattr(node, "children", {}).values():
        if getattr(child, "type", None) == "popover" or hasattr(child, "children"):
            yield child
            yield from _blocks(child)


def filtered_line(at) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith(("Filtered by", "Filtros en uso"))]


def names_shown(at) -> list[str]:
    frame = at.dataframe[0].value
    return list(frame[frame.columns[0]])


@pytest.mark.parametrize(
    ("lang", "plain_label", "one_label", "line"),
    [
        ("en", "Filters", "Filters (2)", "Filtered by: Stage: Intake · Area: Montgomery County, MD"),
        ("es", "Filtros", "Filtros (2)", "Filtros en uso: Etapa: Admisión · Zona: Condado de Montgomery, MD"),
    ],
)
def test_households_filters_are_counted_and_named(agency, lang, plain_label, one_label, line):
    at = app_test(LIST, lang=lang, user=agency["users"]["admin"])
    assert popover_label(at, "hh_more") == plain_label
    assert filtered_line(at) == []
    at.selectbox(key="hh_area").set_value("montgomery_md").run()
    at.selectbox(key="hh_stage").set_value("intake").run()
    assert not at.exception
    assert popover_label(at, "hh_more") == one_label
    assert filtered_line(at) == [line]
    assert names_shown(at) == ["Nguyễn Thị Ngọc"]
    at.selectbox(key="hh_area").set_value("all").run()
    at.selectbox(key="hh_stage").set_value("all").run()
    assert popover_label(at, "hh_more") == plain_label
    assert filtered_line(at) == []
    assert len(names_shown(at)) == 2


def test_a_counselor_name_in_the_line_is_plain_text(agency):
    """A name typed by an administrator is shown as typed, never as a link or formatting."""
    with transaction(agency["engine"]) as s:
        s.get(User, agency["users"]["counselor"]["id"]).display_name = "Ana *Li* [x](http://e.example)"
    at = app_test(LIST, user=agency["users"]["admin"])
    at.selectbox(key="hh_counselor").set_value(agency["users"]["counselor"]["id"]).run()
    assert not at.exception
    assert filtered_line(at) == ["Filtered by: Counselor: Ana \\*Li\\* \\[x\\]\\(http://e\\.example\\)"]
    assert popover_label(at, "hh_more") == "Filters (1)"


@pytest.fixture
def world(agency):
    return build_pipeline_fixture(agency["engine"], agency)


@pytest.mark.parametrize(
    ("lang", "households", "label", "line"),
    [
        ("en", "Households", "Filters (1)", "Filtered by: Language: English"),
        ("es", "Hogares", "Filtros (1)", "Filtros en uso: Idioma: Inglés"),
    ],
)
def test_pipeline_filters_are_counted_and_named(world, lang, households, label, line):
    at = app_test(PIPELINE, lang=lang, user=world["users"]["admin"])
    assert popover_label(at, "pipe_more") in ("Filters", "Filtros")
    assert filtered_line(at) == []
    at.selectbox(key="pipe_language").set_value("en").run()
    assert not at.exception
    assert popover_label(at, "pipe_more") == label
    assert filtered_line(at) == [line]
    assert {m.label: m.value for m in at.metric}[households] == "1"


def test_pipeline_names_the_office_and_the_quarter(world):
    at = app_test(PIPELINE, user=world["users"]["admin"])
    at.selectbox(key="pipe_office").set_value(world["offices"]["south"]).run()
    at.selectbox(key="pipe_quarter").set_value((2026, 2)).run()
    assert popover_label(at, "pipe_more") == "Filters (2)"
    (line,) = filtered_line(at)
    shown = line.replace("\\", "")  # Markdown's escapes of the parentheses, not drawn on screen
    assert shown.startswith("Filtered by: Office: ") and " · Opened in: FY2026 Q2 (Jan 1, 2026 – " in shown
