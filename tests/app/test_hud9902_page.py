"""The HUD-9902 page as a lead and an admin sees it, in English and Spanish (data: tests.db.test_hud9902)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from reports.hud9902.form import SECTIONS
from tests.app.conftest import app_test, visible_text
from tests.db.test_hud9902 import build_fixture
from ui.dashboard.hud9902 import section_key

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world(agency):
    data = build_fixture(agency["engine"], agency)
    data["engine"] = agency["engine"]
    data["users"] = agency["users"]
    return data


ALL_SECTIONS_OPEN = {section_key(key): True for key in SECTIONS}


def report_page(
    world, who: str, fiscal_year: int, quarter: int, lang: str = "en", opened: dict | None = None
) -> AppTest:
    # Chosen through session state: option labels are translated and the test process has no language.
    # Every section open (a closed section builds no table), unless `opened` says otherwise.
    at = app_test(
        "app_pages/hud9902.py",
        user=world["users"][who],
        lang=lang,
        state={
            "hud_fy": fiscal_year,
            "hud_quarter": quarter,
            **(ALL_SECTIONS_OPEN if opened is None else opened),
        },
    )
    assert not at.exception
    return at


def section_rows(at, title_start: str) -> dict[str, int]:
    """{row label: households} of the section whose expander title starts with `title_start`."""
    labels = section_labels(at)
    index = labels.index(next(label for label in labels if label.startswith(title_start)))
    return section_rows_of(at.dataframe[index + 1])  # the first dataframe is the records-to-fix table


def section_labels(at) -> list[str]:
    """The sections' expander titles (the list of households without their notices has one too)."""
    return [e.label for e in at.expander if e.label.startswith(("Section", "Sección"))]


def section_rows_of(element) -> dict[str, int]:
    frame = element.value
    return dict(zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True))


def test_admin_sees_every_section_and_the_failed_check(world):
    at = report_page(world, "admin", 2026, 2)
    assert "From October 1, 2025 to March 31, 2026." in visible_text(at)
    assert [e.value for e in at.error] == ["Section 3: 6 — section 8 + section 9: 7 (does not match)"]
    assert len(at.success) == 4
    labels = section_labels(at)
    assert labels[0] == "Section 3: Ethnicity — 6"
    assert "Section 9: One-on-one counseling, by purpose — 5" in labels
    assert "Section 10: Outcomes of one-on-one counseling — 6" in labels
    rows = section_rows(at, "Section 9")
    assert rows["b. Rental topics"] == 3
    assert rows["Total"] == 5
    assert section_rows(at, "Section 10")["m. Purchased a home"] == 1


def test_only_open_sections_build_their_table(world):
    """At first only section 9 is open and drawn; opening another section draws its table too."""

    def section_frames(at):
        return [d for d in at.dataframe if "Row" in d.value.columns]

    at = report_page(world, "admin", 2026, 2, opened={})
    assert len(section_labels(at)) == 8
    assert len(section_frames(at)) == 1
    assert section_rows_of(section_frames(at)[0]) == section_rows(
        report_page(world, "admin", 2026, 2), "Section 9"
    )
    at.session_state[section_key("10")] = True
    at.run()
    assert len(section_frames(at)) == 2
    assert section_rows_of(section_frames(at)[1])["m. Purchased a home"] == 1


def test_records_to_fix_named_for_the_lead(world):
    at = report_page(world, "admin", 2026, 2)
    assert "2 households would drop off the report. Fix them in the client file." in [
        w.value for w in at.warning
    ]
    fix = at.dataframe[0].value
    reasons = dict(zip(fix["Household"], fix["What is missing"], strict=True))
    assert reasons == {"Familia H3 Peña": "A session has no purpose", "Familia H4 Peña": "Ethnicity is blank"}
    at.button(key="hud_open").click().run()
    ids = world["ids"]
    assert at.session_state["households_filter"] == {"ids": [ids["H3"], ids["H4"]]}


def test_first_quarter_passes_every_check(world):
    at = report_page(world, "admin", 2026, 1)
    assert not at.error
    assert len(at.success) == 6  # five checks and "no household is missing ..."
    assert "Section 9: One-on-one counseling, by purpose — 2" in [e.label for e in at.expander]


def test_lead_sees_only_their_office(world):
    at = report_page(world, "lead", 2026, 2)
    assert not [s for s in at.selectbox if s.key == "hud_office"]
    labels = [e.label for e in at.expander]
    assert "Section 9: One-on-one counseling, by purpose — 4" in labels  # H5 is in the south office
    assert section_rows(at, "Section 10").get("k. Avoided eviction") == 0


def test_admin_chooses_an_office(world):
    at = report_page(world, "admin", 2026, 2)
    at.selectbox(key="hud_office").set_value(world["agency"]["offices"]["south"]).run()
    assert "Section 9: One-on-one counseling, by purpose — 1" in [e.label for e in at.expander]
    assert "No household is missing demographics or a session purpose." in [s.value for s in at.success]


def test_downloads_are_offered(world):
    at = report_page(world, "admin", 2026, 2)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download CSV", "Download Excel", "Download JSON"]


def test_page_in_spanish(world):
    at = report_page(world, "lead", 2026, 1, lang="es")
    assert at.title[0].value == "Informe HUD-9902"
    assert "Del 1 de octubre de 2025 al 31 de diciembre de 2025." in visible_text(at)
    assert "Sección 3: 3 — sección 8 + sección 9: 3" in [s.value for s in at.success]
    assert "Sección 9: Consejería individual, por tema — 1" in [e.label for e in at.expander]
    assert "A ningún hogar le faltan datos demográficos ni el tema de una sesión." in [
        s.value for s in at.success
    ]


@pytest.mark.parametrize("who", [None, "counselor", "trainer"])
def test_no_report_without_access(world, who):
    at = AppTest.from_file(str(ROOT / "app_pages" / "hud9902.py"), default_timeout=30)
    if who:
        at.session_state["user"] = dict(world["users"][who])
        at.session_state["last_activity"] = time.time()
    at.run()
    assert not at.exception
    assert not at.expander and not at.dataframe
    assert "Please log in with an account that has access to this page." in visible_text(at)
