"""Retention page: a lead sees files past retention, must confirm the archive, then purges them."""

from __future__ import annotations

import datetime as dt

from db.engine import reading
from db.local_time import today_local
from db.models import Household
from tests.app.conftest import app_test, visible_text
from tests.factories import make_household


def old_file(agency, name="Familia Archivada"):
    return make_household(
        agency["engine"],
        agency["offices"]["north"],
        name,
        status="closed",
        closed_on=today_local() - dt.timedelta(days=4 * 365),
        close_reason="goal_reached",
    )


def test_lead_exports_then_purges(agency):
    hid = old_file(agency)
    at = app_test("app_pages/retention.py", user=agency["users"]["lead"])
    assert "Familia Archivada" in at.dataframe[0].value.to_csv()
    purge = at.button(key="retention_purge")
    assert purge.disabled
    at.checkbox(key="retention_confirmed").check().run()
    at.button(key="retention_purge").click().run()
    assert "1 files were deleted" in at.success[0].value
    with reading(agency["engine"]) as s:
        assert s.get(Household, hid) is None


def test_nothing_past_retention_in_spanish(agency):
    at = app_test("app_pages/retention.py", user=agency["users"]["lead"], lang="es")
    assert at.title[0].value == "Conservación de expedientes"
    assert "Ningún expediente cerrado" in visible_text(at)


def test_lead_does_not_see_another_offices_files(agency):
    make_household(
        agency["engine"],
        agency["offices"]["south"],
        "Familia del Sur",
        status="closed",
        closed_on=dt.date(2019, 1, 1),
    )
    old_file(agency)
    at = app_test("app_pages/retention.py", user=agency["users"]["lead"])
    table = at.dataframe[0].value.to_csv()
    assert "Familia del Sur" not in table and "Familia Archivada" in table
