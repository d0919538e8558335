"""The pipeline page as a lead, an admin and a counselor sees it, in English and Spanish.

Data: tests.db.test_pipeline's hand-built agency. Only figures that do not depend on today's date are
asserted here (the day-sensitive ones are pinned in tests/db/test_pipeline.py).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from db import activity
from db.engine import reading
from db.local_time import today_local
from db.models import AuditEvent
from tests.app.conftest import app_test, visible_text
from tests.db.test_pipeline import build_pipeline_fixture
from ui.dashboard.pipeline import VIEW_KEY

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world(agency):
    data = build_pipeline_fixture(agency["engine"], agency)
    data["engine"] = agency["engine"]
    return data


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frames(at) -> str:
    return "\n".join(df.value.to_csv() for df in at.dataframe)


CASELOADS = {VIEW_KEY: "Caseloads and follow-ups"}  # the caseload table's tab in view


def test_lead_sees_the_office_figures(world):
    at = app_test("app_pages/pipeline.py", user=world["users"]["lead"], state=CASELOADS)
    assert not at.exception
    assert at.title[0].value == "Pipeline and outcomes"
    shown = metrics(at)
    assert shown["Households"] == "4"
    assert shown["Homes bought"] == "1"
    assert shown["Down-payment assistance"] == "$15,000"
    assert shown["Median savings growth"] == "$2,250"
    assert shown["Median credit-score change"] == "+40"  # the south office's -20 is not in a lead's view
    funnel = at.dataframe[0].value
    assert list(funnel["Stage"]) == [
        "Intake",
        "Budget done",
        "Homebuyer education",
        "Mortgage-ready",
        "Pre-approved",
        "Under contract",
        "Purchased",
    ]
    assert list(funnel["Reached this stage"]) == [4, 3, 2, 1, 1, 1, 1]
    assert list(funnel["Came from the stage before"]) == ["—", "75%", "67%", "50%", "100%", "100%", "100%"]
    tables = frames(at)
    assert "Test counselor," in tables and "Test counselor_south" not in tables
    assert "Nguyễn" not in visible_text(at)


def test_only_the_view_in_sight_is_built(world):
    """Under the funnel, only the tab in view is drawn: at first the chart by group, no asset or caseload table."""
    at = app_test("app_pages/pipeline.py", user=world["users"]["lead"])
    assert at.session_state[VIEW_KEY] == "Households by group"
    assert len(at.get("vega_lite_chart")) == 2  # the funnel and the chart by group
    assert len(at.dataframe) == 1  # the funnel's table
    assert "Test counselor," not in frames(at)
    at.session_state[VIEW_KEY] = "Caseloads and follow-ups"
    at.run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 1
    assert len(at.dataframe) == 2
    assert "Test counselor," in frames(at)
    at.session_state[VIEW_KEY] = "Asset milestones"
    at.run()
    assert "Milestone" in at.dataframe[1].value.columns


def test_lead_page_in_spanish(world):
    at = app_test("app_pages/pipeline.py", user=world["users"]["lead"], lang="es")
    assert not at.exception
    assert at.title[0].value == "Avance y resultados"
    shown = metrics(at)
    assert shown["Casas compradas"] == "1"
    assert shown["Hogares"] == "4"
    assert "Sin avanzar por más de 90 días" in shown
    assert "Ahora en esta etapa" in at.dataframe[0].value.columns
    assert "Hogares detrás de una cifra" in visible_text(at)
    # Long Spanish stage names ("Con contrato de compra firmado") are drawn whole, not cut with "…".
    funnel = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert funnel["encoding"]["y"]["axis"]["labelLimit"] == 0


def chart_groups(at) -> list[str]:
    """The bar groups of the "Group by" chart (the second chart), read from its Arrow data."""
    import pyarrow as pa

    data = at.get("vega_lite_chart")[1].proto.datasets[0].data.data
    return sorted(set(pa.ipc.open_stream(data).read_all().column(0).to_pylist()))  # the group, first


@pytest.mark.parametrize(
    ("lang", "groups"),
    [
        ("en", ["FY2026 Q1", "FY2026 Q2", "FY2026 Q3"]),
        ("es", ["Año fiscal 2026, trim. 1", "Año fiscal 2026, trim. 2", "Año fiscal 2026, trim. 3"]),
    ],
)
def test_intake_quarters_are_named_in_the_readers_language(world, lang, groups):
    at = app_test("app_pages/pipeline.py", user=world["users"]["admin"], lang=lang)
    assert not at.exception
    assert chart_groups(at) == groups


@pytest.mark.parametrize(
    ("widget", "choice", "households"),
    [
        ("pipe_office", "south", "2"),
        ("pipe_language", "en", "1"),
        ("pipe_jurisdiction", "prince_georges_md", "1"),
        ("pipe_quarter", (2026, 2), "4"),
    ],
)
def test_admin_filters_narrow_the_figures(world, widget, choice, households):
    at = app_test("app_pages/pipeline.py", user=world["users"]["admin"])
    assert metrics(at)["Households"] == "6"
    if widget == "pipe_office":
        choice = world["offices"][choice]
    at.selectbox(key=widget).set_value(choice).run()
    assert not at.exception
    assert metrics(at)["Households"] == households


def test_counselor_sees_only_their_caseload(world):
    at = app_test("app_pages/pipeline.py", user=world["users"]["counselor_south"], state=CASELOADS)
    assert at.title[0].value == "My caseload"
    assert metrics(at)["Households"] == "2"
    assert not [s for s in at.selectbox if s.key in ("pipe_office", "pipe_counselor")]
    assert "Test counselor_south" in frames(at)
    assert "Test counselor," not in frames(at)


def test_click_through_shows_the_households_and_audits_it(world):
    at = app_test("app_pages/pipeline.py", user=world["users"]["lead"])
    at.selectbox(key="pipe_behind").set_value(("purchased", None)).run()
    assert "1 household" in [c.value for c in at.caption]
    at.button(key="pipe_show").click().run()
    assert not at.exception
    listing = at.dataframe[-1].value
    assert list(listing["Household"]) == ["Hogar P1 Muñoz"]
    assert list(listing["Stage"]) == ["Purchased"]
    with reading(world["engine"]) as s:
        last = s.query(AuditEvent).order_by(AuditEvent.id.desc()).first()
    assert (last.action, last.user_id) == ("households_listed", world["users"]["lead"]["id"])


def test_open_in_household_list_hands_over_ids_only(world):
    at = app_test("app_pages/pipeline.py", user=world["users"]["admin"])
    at.selectbox(key="pipe_behind").set_value(("reached", "education")).run()
    at.button(key="pipe_open").click().run()
    assert not at.exception
    ids = world["ids"]
    assert at.session_state["households_filter"] == {"ids": sorted([ids["P1"], ids["P3"]])}
    assert not dict(at.query_params)  # nothing about clients in the URL


def test_a_write_refreshes_the_cached_figures(world):
    at = app_test("app_pages/pipeline.py", user=world["users"]["lead"])
    assert metrics(at)["Homes bought"] == "1"
    activity.add_milestone(
        world["engine"], world["users"]["lead"], world["ids"]["P2"], "purchased", today_local()
    )
    at.run()
    assert metrics(at)["Homes bought"] == "2"


@pytest.mark.parametrize("who", [None, "trainer"])
def test_no_figures_without_access(world, who):
    """Run the page file directly (the navigation does not even list it for these users)."""
    at = AppTest.from_file(str(ROOT / "app_pages" / "pipeline.py"), default_timeout=30)
    if who:
        at.session_state["user"] = dict(world["users"][who])
        at.session_state["last_activity"] = time.time()
    at.run()
    assert not at.exception
    assert not at.metric and not at.dataframe
    assert "Please log in with an account that has access to this page." in visible_text(at)


@pytest.mark.parametrize(
    ("event", "stage"),
    [
        ({"selection": {"pick": [{"Stage": "Homebuyer education"}]}}, "education"),
        ({"selection": {"pick": []}}, None),
        ({"selection": {}}, None),
        ({"selection": {"pick": [{"Stage": "Not a stage"}]}}, None),
        ({"selection": {"pick": [{"code": "education"}]}}, None),
        (None, None),
    ],
)
def test_a_click_on_a_funnel_bar_names_the_stage(event, stage):
    from types import SimpleNamespace

    from ui.dashboard.pipeline import picked_stage

    wrapped = None if event is None else SimpleNamespace(selection=event["selection"])
    assert picked_stage(wrapped) == stage


def test_chart_specs_are_built_once_per_data_and_language(world, monkeypatch):
    """Altair validates a chart against the Vega-Lite schema when it becomes a spec: a rerun with the same
    figures reuses the spec; another language builds its own."""
    from ui.dashboard import pipeline as view

    built = []
    original = view.funnel_chart
    monkeypatch.setattr(view, "funnel_chart", lambda figures: built.append(1) or original(figures))
    view.chart_spec.clear()
    at = app_test("app_pages/pipeline.py", user=world["users"]["lead"])
    assert not at.exception and len(built) == 1
    at.run()
    assert len(built) == 1
    spanish = app_test("app_pages/pipeline.py", user=world["users"]["lead"], lang="es")
    assert len(built) == 2
    assert json.loads(spanish.get("vega_lite_chart")[0].proto.spec)["encoding"]["x"]["title"] == (
        "Llegaron a esta etapa"
    )
