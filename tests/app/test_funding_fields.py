"""The session form's funding and fee fields in AppTest, in English and Spanish."""

from __future__ import annotations

import pytest

from db import activity, funding
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/household.py"
WORDS = {
    "en": {
        "add": "Add session",
        "missing": "Choose who pays. HUD reviewers look for the funding source of every service.",
        "who": "Who pays for this session",
        "fee": "Fee charged ($)",
        "hud": "HUD grant FY2026 (HUD grant)",
        "paid": "Paid by",
    },
    "es": {
        "add": "Agregar sesión",
        "missing": "Elija quién paga. HUD revisa la fuente de fondos de cada servicio.",
        "who": "Quién paga esta sesión",
        "fee": "Cuota cobrada ($)",
        "hud": "Subvención de HUD 2026 (subvención de HUD)",
        "paid": "Pagado por",
    },
}


def button(at, label):
    return next(b for b in at.button if b.label == label)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_session_records_funding_and_fee(agency, lang):
    words = WORDS[lang]
    eng = agency["engine"]
    hud = funding.add_source(eng, agency["users"]["admin"], name_en="HUD grant FY2026",
                             name_es="Subvención de HUD 2026", hud_grant="comprehensive")
    user, hid = agency["users"]["counselor"], agency["households"]["north"]
    at = app_test(PAGE, lang=lang, user=user, household_id=hid)
    assert not at.exception
    text = visible_text(at)
    assert words["who"] in text and words["fee"] in text
    choice = at.selectbox(key="sess_funding")
    assert choice.value is None  # a first session: nothing guessed
    assert words["hud"] in choice.options
    at.selectbox(key="sess_purpose").set_value("prepurchase")
    button(at, words["add"]).click().run()
    assert words["missing"] in [e.value for e in at.error]
    assert activity.sessions_for(eng, user, hid) == []
    at.selectbox(key="sess_funding").set_value(f"hud:{hud}")
    at.number_input(key="sess_fee").set_value(25.0)
    button(at, words["add"]).click().run()
    assert not at.exception
    row = activity.sessions_for(eng, user, hid)[0]
    assert (row["funding"], row["funding_source_id"], row["fee"]) == ("hud", hud, 25.0)
    log = at.dataframe[0].value
    assert words["paid"] in log.columns
    assert "Subvención de HUD 2026" in log.to_string() if lang == "es" else "HUD grant FY2026" in log.to_string()
    # The next session starts from the last one's funding.
    again = app_test(PAGE, lang=lang, user=user, household_id=hid)
    assert again.selectbox(key="sess_funding").value == f"hud:{hud}"
