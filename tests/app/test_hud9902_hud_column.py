"""The HUD-9902 page shows HUD's grant column beside every section, in English and Spanish."""

from __future__ import annotations

import datetime as dt

import pytest

from db import activity
from reports.hud9902.form import SECTIONS
from tests.app.conftest import app_test
from ui.dashboard.hud9902 import section_key


@pytest.mark.parametrize(
    ("lang", "column"), [("en", "Paid by a HUD grant"), ("es", "Pagado por una subvención de HUD")]
)
def test_section_9_has_the_hud_grant_column(agency, lang, column):
    eng, user = agency["engine"], agency["users"]["counselor"]
    north, south = agency["households"]["north"], agency["households"]["south"]
    activity.add_session(
        eng, user, north, session_date=dt.date(2026, 2, 2), purpose="rental", funding="hud", fee=0
    )
    activity.add_session(
        eng,
        agency["users"]["counselor_south"],
        south,
        session_date=dt.date(2026, 2, 3),
        purpose="rental",
        funding="none",
        fee=0,
    )
    at = app_test(
        "app_pages/hud9902.py",
        user=agency["users"]["admin"],
        lang=lang,
        state={"hud_fy": 2026, "hud_quarter": 2, **{section_key(key): True for key in SECTIONS}},
    )  # every section open
    assert not at.exception
    frames = [df.value for df in at.dataframe if column in df.value.columns]
    assert len(frames) == 8  # sections 3 to 10
    nine = next(f for f in frames if f.iloc[1, 1] == 2)  # b. rental: two households in all
    assert nine.iloc[1][column] == 1  # only the HUD-funded one in HUD's column
