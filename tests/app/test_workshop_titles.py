"""A recorded workshop is listed and certified by its name in the reader's language, never an empty title or a code."""

from __future__ import annotations

import datetime as dt

import pytest

from db.engine import transaction
from db.models import EducationEvent
from tests.app.conftest import app_test
from ui.workshops.titles import workshop_title

PAGE = "app_pages/attendance.py"


class Module:
    """The two fields of a curriculum module the titles read."""

    def __init__(self, id: str, title: dict) -> None:
        self.id = id
        self.title = title


MODULES = [Module("money_goals", {"en": "Your money, your goals", "es": "Su dinero, sus metas"})]


@pytest.mark.parametrize(
    "module_id, education_type, language, expected",
    [
        ("money_goals", "financial_literacy", "en", "Your money, your goals"),
        ("money_goals", "financial_literacy", "es", "Su dinero, sus metas"),
        ("Charla en la iglesia", "rental", "en", "Charla en la iglesia"),  # typed: shown as typed
        ("", "prepurchase", "en", "Homebuyer education workshop"),  # none recorded: its HUD type's name
        ("", "prepurchase", "es", "Taller para compradores de vivienda"),
        ("  ", "rental", "es", "Taller para inquilinos"),
        ("", "no_such_type", "es", ""),
    ],
)
def test_workshop_title(module_id, education_type, language, expected):
    assert workshop_title(module_id, education_type, MODULES, language) == expected


def add_event(engine, office_id: int, module_id: str, when: dt.date) -> None:
    """A workshop row as an older version or an import left it (no attendance)."""
    with transaction(engine) as s:
        s.add(
            EducationEvent(
                office_id=office_id,
                event_date=when,
                education_type="prepurchase",
                module_id=module_id,
                language="es",
                duration_minutes=480,
            )
        )


@pytest.mark.parametrize(
    "lang, untitled, moduled",
    [
        ("en", "Homebuyer education workshop · 0 people", "Preparing for homeownership · 0 people"),
        (
            "es",
            "Taller para compradores de vivienda · 0 personas",
            "Prepararse para comprar una casa · 0 personas",
        ),
    ],
)
def test_certificate_list_names_each_workshop_and_counts_people(agency, lang, untitled, moduled):
    trainer = agency["users"]["trainer"]
    add_event(agency["engine"], trainer["office_id"], "", dt.date(2026, 12, 5))
    add_event(agency["engine"], trainer["office_id"], "preparing", dt.date(2026, 11, 21))
    at = app_test(PAGE, lang=lang, user=trainer)
    assert not at.exception
    options = at.selectbox(key="att_event").options
    assert options[0].endswith("— " + untitled)
    assert options[1].endswith("— " + moduled)
    assert not [o for o in options if "preparing" in o or "()" in o or "—  " in o]
