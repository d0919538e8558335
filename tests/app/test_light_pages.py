"""Screens draw only what is in view: the client file's open tab, a compact checklist, no PDF per rerun."""

from __future__ import annotations

import pytest

from tests.app.conftest import app_test, visible_text
from ui.households.client_file.page import TAB_KEY, TABS

PAGE = "app_pages/household.py"
# A widget key that only each tab's body draws, in TABS order.
ONLY_IN = ["sess_purpose", "ms_code", "step_text", "ref_agency", "", "hh_phone", "close_reason", "hudp_city", "doc_kind"]


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


def test_checklist_sources_are_listed_once_and_built_when_opened(agency):
    at = app_test("app_pages/tenant_rights.py", lang="es", query={"tr_topic": "security_deposit"})
    assert not at.exception
    question = at.segmented_control(key="tr_answer_dc-deposit-cap")
    assert not question.help  # no help icon on each of the questions
    assert not any("Fuente: " in m.value for m in at.markdown)  # closed: nothing built
    at.session_state["tr_sources"] = True  # as the browser reports an opened expander
    at.run()
    listed = [m.value for m in at.markdown if "Fuente: " in m.value]
    questions = [q for q in at.segmented_control if (q.key or "").startswith("tr_answer_")]
    assert len(listed) == len(questions)  # one line a question
    assert any(question.label in line and "(https://" in line for line in listed)


def test_tenant_handout_is_not_built_on_a_rerun(agency, monkeypatch):
    import reports.tenant_handout

    calls = []
    monkeypatch.setattr(reports.tenant_handout, "build_handout", lambda *a: calls.append(a) or b"%PDF")
    at = app_test("app_pages/tenant_rights.py", lang="en", query={"tr_topic": "security_deposit"})
    at.segmented_control(key="tr_answer_dc-deposit-cap").set_value("no").run()
    assert not at.exception
    assert at.get("download_button") and calls == []


@pytest.mark.parametrize(
    ("lang", "intake", "other", "hud"),
    [("en", "Intake", "Activity", "HUD file"), ("es", "Admisión", "Actividad", "Datos para HUD")],
)
def test_answers_survive_a_visit_to_another_tab(agency, lang, intake, other, hud):
    """A tab that was not drawn must not come back empty: saving it then would wipe the file."""
    at = app_test(
        PAGE,
        lang=lang,
        user=agency["users"]["counselor"],
        household_id=agency["households"]["north"],
        state={TAB_KEY: intake},
    )
    assert at.text_input(key="hh_phone").value == "202-555-0101"
    for tab in (other, hud, intake):
        at.session_state[TAB_KEY] = tab
        at.run()
        assert not at.exception
    assert at.text_input(key="hh_phone").value == "202-555-0101"
