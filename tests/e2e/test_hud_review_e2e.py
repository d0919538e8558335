"""A lead in a real browser, on the demo caseload, in English and Spanish: the HUD-9902 page lists a
household HUD's client file would leave out, its button opens the file, the file's readiness list names
the missing answer, and once it is answered the household leaves both lists."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update

from db.accounts import user_dict
from db.engine import reading, transaction
from db.models import CounselingSession, Household, HudClientProfile, User
from db.pipeline import fiscal_quarter
from reports import hud_arm
from reports.hud9902.form import period
from tests.e2e.conftest import DemoServer, login, wait_for_app

TEXT = {
    "en": {
        "report": "HUD-9902 report",
        "check": "Check the households and prepare the files",
        "missing": "Missing",
        "marital": "Marital status",
        "married": "Married",
        "tab": "HUD file",
        "save": "Save HUD answers",
        "saved": "Saved.",
        "heading": "Client file",
    },
    "es": {
        "report": "Informe HUD-9902",
        "check": "Revisar las familias y preparar los archivos",
        "missing": "Falta",
        "marital": "Estado civil",
        "married": "Casado o casada",
        "tab": "Datos para HUD",
        "save": "Guardar respuestas para HUD",
        "saved": "Guardado.",
        "heading": "Expediente del cliente",
    },
}


class ReviewServer(DemoServer):
    """The demo caseload, where two ready households lost their marital status."""

    def __init__(self, tmp):
        super().__init__(tmp)
        self.targets = _blank_marital_status(self.engine, self.today)


def _blank_marital_status(engine, today: dt.date) -> list[tuple[int, str]]:
    """Two households of the lead's office that HUD's file includes this quarter, now without marital status."""
    fiscal_year, quarter = fiscal_quarter(today)
    start, end = period(fiscal_year, quarter)
    with reading(engine) as s:
        lead = user_dict(s.scalar(select(User).where(User.username == "demo_lead")))
        north = lead["office_id"]
        served = s.execute(
            select(Household.id, Household.display_name)
            .where(
                Household.office_id == north,
                Household.id.in_(
                    select(CounselingSession.household_id).where(
                        CounselingSession.session_date >= start, CounselingSession.session_date <= end
                    )
                ),
            )
            .order_by(Household.id)
        ).all()
    left_out = hud_arm.client_export(engine, lead, fiscal_year, quarter, north).left_out
    ready = [(hid, name) for hid, name in served if hid not in left_out]
    assert len(ready) >= 2, "the demo caseload should have households ready for HUD"
    targets = ready[:2]
    with transaction(engine) as s:
        s.execute(
            update(HudClientProfile)
            .where(HudClientProfile.household_id.in_([hid for hid, _n in targets]))
            .values(marital_status="")
        )
    return targets


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, chromium_path):
    server = ReviewServer(tmp_path_factory.mktemp("demo-e2e"))
    server.start()
    yield server
    server.stop()


def _left_out_line(page, name: str, words: dict):
    return page.get_by_text(f"{name} — {words['missing']}: {words['marital']}", exact=True)


def _check_households(page, words: dict) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(words["report"]).click()
    wait_for_app(page)
    page.get_by_role("button", name=words["check"]).click()
    wait_for_app(page)


@pytest.mark.parametrize(("lang", "target"), [("en", 0), ("es", 1)])
def test_a_left_out_household_is_fixed_from_the_9902_page(page, demo_server, lang, target):
    words = TEXT[lang]
    hid, name = demo_server.targets[target]
    login(page, demo_server.url, "demo_lead", "demo-lead-password")
    if lang == "es":
        page.get_by_test_id("stSidebar").get_by_text("Español").click()
        wait_for_app(page)
    _check_households(page, words)
    expect(_left_out_line(page, name, words)).to_be_visible()

    page.locator(f".st-key-hud_fix_{hid} button").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=words["heading"])).to_be_visible()
    page.get_by_role("tab", name=words["tab"]).click()
    wait_for_app(page)  # the chosen tab is kept in the session: a rerun follows the click
    panel = page.get_by_role("tabpanel", name=words["tab"])
    expect(panel.get_by_text(f"• {words['marital']}", exact=True)).to_be_visible()
    box = panel.get_by_role("combobox", name=words["marital"], exact=True)
    box.click()
    page.keyboard.type(words["married"])  # filter first, as a person would in a long list
    page.get_by_role("option", name=words["married"], exact=True).click()
    panel.get_by_role("button", name=words["save"]).click()
    wait_for_app(page)
    page.get_by_role("tab", name=words["tab"]).click()
    expect(panel.get_by_text(words["saved"])).to_be_visible()
    expect(panel.get_by_text(f"• {words['marital']}", exact=True)).to_have_count(0)

    _check_households(page, words)
    expect(page.get_by_role("button", name=words["check"])).to_be_visible()
    expect(_left_out_line(page, name, words)).to_have_count(0)
    url = urlsplit(page.url)
    assert url.path == "/hud-9902" and str(hid) not in url.query
    assert name.split()[0].lower() not in page.url.lower()
    assert name not in demo_server.log_text()
    if lang == "es":  # put the language back for later tests of this account
        page.get_by_test_id("stSidebar").get_by_text("English").click()
        wait_for_app(page)
