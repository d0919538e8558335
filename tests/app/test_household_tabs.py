"""The client file draws only the tab in view: the hidden tabs' widgets are not built on a rerun."""

from __future__ import annotations

import pytest

from tests.app.conftest import app_test, visible_text
from ui.household_view import TAB_KEY, TABS

PAGE = "pages/household.py"
# A widget key that only each tab's body draws, in TABS order.
ONLY_IN = ["sess_purpose", "ms_code", "step_text", "ref_agency", "", "hh_phone", "close_reason"]


def keys(at) -> set[str]:
    return {w.key for kind in ("selectbox", "text_input", "date_input") for w in at.get(kind) if w.key}


@pytest.mark.parametrize(("lang", "first"), [("en", "Activity"), ("es", "Actividad")])
def test_first_tab_is_drawn_alone(agency, lang, first):
    at = app_test(
        PAGE, lang=lang, user=agency["users"]["counselor"], household_id=agency["households"]["north"]
    )
    assert not at.exception
    assert at.session_state[TAB_KEY] == first
    drawn = keys(at)
    assert "sess_purpose" in drawn
    assert not drawn & {"ms_code", "step_text", "hh_phone", "close_reason"}


@pytest.mark.parametrize("index", range(len(TABS)))
def test_each_tab_draws_its_own_body_only(agency, index):
    title = TABS[index][0]
    at = app_test(
        PAGE,
        user=agency["users"]["counselor"],
        household_id=agency["households"]["north"],
        state={TAB_KEY: title},
    )
    assert not at.exception, [e.value for e in at.exception]
    drawn = keys(at)
    mine = ONLY_IN[index]
    if mine:
        assert mine in drawn
    others = {k for i, k in enumerate(ONLY_IN) if k and i != index}
    assert not drawn & others, drawn & others
    # the tab labels stay visible whichever tab is open
    assert "Client file" in visible_text(at)
