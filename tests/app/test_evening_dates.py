"""In the evening the pages date things on the offices' day, on a server kept on UTC (most hosts).

From 7 p.m. (8 p.m. in summer) such a server is already in tomorrow. Evening workshops and sessions are
common here; before, the session added at 8:30 p.m. was dated tomorrow, and a lead filing the HUD-9902 on
the last evening of the fiscal year was shown the next year's empty first quarter.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from db import activity, households
from db.local_time import TZ, today_local
from i18n import format_date
from tests.app.conftest import app_test, visible_text

UTC = ZoneInfo("UTC")  # travelling to a UTC instant also puts the process on UTC, like the server


def _evening(day: dt.date, hour: int = 20, minute: int = 30) -> dt.datetime:
    """That day at the offices' `hour`, as the UTC instant a server would read (tomorrow's date there)."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ).astimezone(UTC)


def _last_evening_of_a_fiscal_year() -> tuple[dt.datetime, int]:
    """9 p.m. on the next September 30 (HUD's fiscal year ends then), and that fiscal year."""
    today = today_local()
    year = today.year if today < dt.date(today.year, 9, 30) else today.year + 1
    return _evening(dt.date(year, 9, 30), 21, 0), year


@pytest.mark.parametrize(("lang", "year_label"), [("en", "FY{year}"), ("es", "Año fiscal {year}")])
def test_the_hud9902_opens_on_the_quarter_that_is_ending_tonight(agency, lang, year_label):
    instant, fiscal_year = _last_evening_of_a_fiscal_year()
    assert instant.date() == dt.date(fiscal_year, 10, 1)  # the server's calendar is already in October
    with time_machine.travel(instant):
        at = app_test("app_pages/hud9902.py", user=agency["users"]["lead"], lang=lang)
        assert not at.exception
        assert at.selectbox(key="hud_fy").value == fiscal_year
        assert at.selectbox(key="hud_quarter").value == 4
        assert (
            at.selectbox(key="hud_fy")
            .format_func(fiscal_year)
            .startswith(year_label.format(year=fiscal_year))
        )


@pytest.mark.parametrize(
    ("lang", "add", "added"),
    [("en", "Add session", "Session added."), ("es", "Agregar sesión", "Sesión agregada.")],
)
def test_a_session_added_at_half_past_eight_is_dated_today(agency, lang, add, added):
    tonight = today_local() + dt.timedelta(
        days=1
    )  # after the fixture's rows, so nothing is "before it opened"
    user, household = agency["users"]["counselor"], agency["households"]["north"]
    with time_machine.travel(_evening(tonight)):
        assert dt.date.today() == tonight + dt.timedelta(days=1)  # the server's calendar
        at = app_test("app_pages/household.py", user=user, lang=lang, household_id=household)
        assert at.date_input(key="sess_date").value == tonight
        at.selectbox(key="sess_purpose").set_value("rental")
        at.selectbox(key="sess_funding").set_value("none")
        at.text_area(key="sess_notes").input("Taller de la tarde")
        next(b for b in at.button if b.label == add).click().run()
        assert not at.exception
        assert added in visible_text(at)
    [session] = [
        s
        for s in activity.sessions_for(agency["engine"], user, household)
        if s["notes"] == "Taller de la tarde"
    ]
    assert session["session_date"] == tonight
    assert households.current(agency["engine"], user, household)["last_contact_on"] == tonight


@pytest.mark.parametrize(
    ("lang", "source"), [("en", "Home affordability, saved {date}."), ("es", "guardado el {date}.")]
)
def test_a_calculation_saved_at_half_past_eight_is_dated_today_on_the_plan(agency, lang, source):
    """Saved through the calculator page in the evening; the plan and the file's list give today's date."""
    tonight = today_local() + dt.timedelta(days=1)
    user, household = agency["users"]["counselor"], agency["households"]["north"]
    with time_machine.travel(_evening(tonight)):
        at = app_test("app_pages/affordability.py", user=user, lang=lang, household_id=household)
        at.number_input(key="income").set_value(4800.0).run()
        at.button(key="save_scenario_affordability").click().run()
        assert not at.exception
        at.switch_page("app_pages/action_plan.py").run()
        plan = visible_text(at).replace("\\", "")
        at.switch_page("app_pages/household.py")
        at.session_state["sf_saved_list"] = True
        listed = visible_text(at.run()).replace("\\", "")
    long_day, medium_day = format_date(tonight, lang, "long"), format_date(tonight, lang, "medium")
    assert source.format(date=long_day) in plan
    assert format_date(tonight + dt.timedelta(days=1), lang, "long") not in plan
    assert medium_day in listed
