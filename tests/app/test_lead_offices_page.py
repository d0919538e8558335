"""A program lead reports on the offices an admin assigns them: the admin's form, and the office
picker on the pipeline, the HUD-9902, exports and retention (data: the pipeline and 9902 fixtures)."""

from __future__ import annotations

import pytest

from db import lead_offices
from tests.app.conftest import app_test
from tests.db.test_hud9902 import build_fixture
from tests.db.test_pipeline import build_pipeline_fixture


def _give_south(agency):
    lead_offices.assign(
        agency["engine"],
        agency["users"]["admin"],
        agency["users"]["lead"]["id"],
        [agency["offices"]["south"]],
    )


@pytest.mark.parametrize(
    ("lang", "save", "choice", "saved"),
    [
        (
            "en",
            "Save offices",
            "Their own office and these:",
            "Offices saved. The lead's reports cover them now.",
        ),
        (
            "es",
            "Guardar oficinas",
            "Su propia oficina y estas:",
            "Oficinas guardadas. Los informes de la persona líder ya las incluyen.",
        ),
    ],
)
def test_admin_assigns_offices_to_a_lead(agency, lang, save, choice, saved):
    lead = agency["users"]["lead"]
    at = app_test("app_pages/users.py", user=agency["users"]["admin"], lang=lang)
    at.selectbox(key="manage_user").set_value(lead["id"]).run()
    assert not at.exception
    at.multiselect(key=f"lead_offices_{lead['id']}").set_value([agency["offices"]["south"]])
    radio = at.radio(key=f"lead_scope_{lead['id']}")
    assert radio.value == "chosen" and choice in radio.options
    next(b for b in at.button if b.label == save).click().run()
    assert not at.exception
    assert saved in [s.value for s in at.success]
    assert lead_offices.assignment(agency["engine"], lead["id"]) == lead_offices.Assignment(
        False, (agency["offices"]["south"],)
    )
    at.radio(key=f"lead_scope_{lead['id']}").set_value("every")
    next(b for b in at.button if b.label == save).click().run()
    assert lead_offices.assignment(agency["engine"], lead["id"]).every_office


def test_counselor_has_no_office_form(agency):
    at = app_test("app_pages/users.py", user=agency["users"]["admin"])
    at.selectbox(key="manage_user").set_value(agency["users"]["counselor"]["id"]).run()
    assert not [r for r in at.radio if r.key and r.key.startswith("lead_scope_")]


def test_lead_of_two_offices_picks_among_them_on_the_pipeline(agency):
    world = build_pipeline_fixture(agency["engine"], agency)
    at = app_test("app_pages/pipeline.py", user=world["users"]["lead"])
    assert not [s for s in at.selectbox if s.key == "pipe_office"]  # one office: nothing to pick
    assert {m.label: m.value for m in at.metric}["Households"] == "4"
    _give_south(agency)
    at = app_test("app_pages/pipeline.py", user=world["users"]["lead"])
    assert {m.label: m.value for m in at.metric}["Households"] == "6"  # both offices, like the admin
    picker = at.selectbox(key="pipe_office")
    assert picker.options == ["All the offices you lead", "Oficina Norte", "Oficina Sur"]
    assert "Office" in at.segmented_control(key="pipe_by").options  # "Group by" office too
    picker.set_value(agency["offices"]["south"]).run()
    assert {m.label: m.value for m in at.metric}["Households"] == "2"


def test_lead_of_two_offices_files_the_9902_for_both_or_one(agency):
    build_fixture(agency["engine"], agency)

    def report(state=None):
        at = app_test(
            "app_pages/hud9902.py",
            user=agency["users"]["lead"],
            state={"hud_fy": 2026, "hud_quarter": 2, **(state or {})},
        )
        assert not at.exception
        return at, [e.label for e in at.expander]

    at, labels = report()
    assert "Section 9: One-on-one counseling, by purpose — 4" in labels  # own office only
    assert not [s for s in at.selectbox if s.key == "hud_office"]
    _give_south(agency)
    at, labels = report()
    assert "Section 9: One-on-one counseling, by purpose — 5" in labels  # both offices, as the admin sees
    at.selectbox(key="hud_office").set_value(agency["offices"]["south"]).run()
    assert "Section 9: One-on-one counseling, by purpose — 1" in [e.label for e in at.expander]


def test_lead_of_two_offices_exports_one_of_them(agency):
    _give_south(agency)
    at = app_test("app_pages/import_export.py", user=agency["users"]["lead"])
    at.selectbox(key="exp_office").set_value(agency["offices"]["south"]).run()
    at.button(key="exp_prepare").click().run()
    assert not at.exception
    assert "1 household in the file." in [c.value for c in at.caption]
    at.selectbox(key="exp_office").set_value(None).run()
    at.button(key="exp_prepare").click().run()
    assert "2 households in the file." in [c.value for c in at.caption]
