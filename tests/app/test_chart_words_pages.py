"""Charts as the pages send them in Spanish: Vega's Spanish locale, and data ("Show data") in Spanish."""

from __future__ import annotations

import datetime as dt
import json
import re

import pyarrow as pa
import pytest

from db import activity
from i18n import gettext
from tests.app.conftest import app_test
from tests.db.test_pipeline import build_pipeline_fixture
from ui import chart_theme

CODE = re.compile(r"^[a-z]+(_[a-z]+)+$")
ENGLISH_COLUMNS = {"amount", "category", "week", "kind", "balance", "short", "method", "month", "code"}
ENGLISH_COLUMNS |= {"stage", "order", "reached", "group", "households", "date", "measure", "value"}


def charts(at) -> list[tuple[dict, list[dict]]]:
    """Each chart on the page: its spec and the rows of every dataset it was sent."""
    found = []
    for chart in at.get("vega_lite_chart"):
        rows = []
        for dataset in chart.proto.datasets:
            table = pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
            rows += [{k: v for k, v in r.items() if not k.startswith("__")} for r in table]
        found.append((json.loads(chart.proto.spec), rows))
    return found


def check_spanish(spec: dict, rows: list[dict], columns: set[str]) -> None:
    assert spec["config"]["locale"]["time"]["shortMonths"][11] == "dic"
    assert spec["config"]["locale"] == chart_theme.locale_config("es")
    assert rows and {name for row in rows for name in row} == columns
    assert not {name for row in rows for name in row} & ENGLISH_COLUMNS
    values = [v for row in rows for v in row.values()]
    assert not [v for v in values if isinstance(v, str) and CODE.match(v)]
    assert all(round(v, 2) == v for v in values if isinstance(v, float))


@pytest.mark.parametrize(
    ("tab", "columns"),
    [
        ("Spending plan", {"Categoría", "Dólares al mes"}),
        (
            "Cash-flow calendar",
            {"Semana", "Dinero que entra o sale", "Dólares", "Saldo al final de la semana"},
        ),
        ("Debts", {"Método", "Mes", "Total que todavía debe"}),
    ],
)
def test_budget_charts_in_spanish(agency, tab, columns):
    at = app_test("app_pages/budget.py", lang="es", state={"budget_tab": gettext(tab, "es")})
    assert not at.exception, [e.value for e in at.exception]
    [(spec, rows)] = charts(at)
    check_spanish(spec, rows, columns)


def test_pipeline_charts_in_spanish(agency):
    world = build_pipeline_fixture(agency["engine"], agency)
    at = app_test("app_pages/pipeline.py", lang="es", user=world["users"]["admin"])
    assert not at.exception, [e.value for e in at.exception]
    (funnel, funnel_rows), (groups, group_rows) = charts(at)
    check_spanish(funnel, funnel_rows, {"Etapa", "Llegaron a esta etapa"})
    assert "Listo para la hipoteca" in [r["Etapa"] for r in funnel_rows]
    assert funnel["params"][0]["select"]["fields"] == ["Etapa"]  # a click still names a stage
    check_spanish(groups, group_rows, {"Trimestre de entrada", "Etapa", "Hogares"})


def test_timeline_chart_in_spanish(agency):
    eng, me, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.add_milestone(eng, me, hid, "emergency_fund", dt.date(2026, 4, 1), 1500.0)
    activity.add_milestone(eng, me, hid, "emergency_fund", dt.date(2026, 5, 1), 1835.4)
    at = app_test(
        "app_pages/household.py", lang="es", user=me, household_id=hid, state={"hh_tab": "Historia"}
    )
    assert not at.exception, [e.value for e in at.exception]
    [(spec, rows)] = charts(at)
    check_spanish(spec, rows, {"Fecha", "Medida", "Valor"})
    assert spec["config"]["axisTemporal"]["format"]["date"] == "%-d %b"  # "7 dic", not "Mon 07"


@pytest.mark.parametrize(
    ("mode", "columns"),
    [("rent", {"Año", "Alquilar o comprar", "Costo neto hasta ese año ($)"})],
)
def test_affordability_chart_in_spanish(agency, mode, columns):
    at = app_test("app_pages/affordability.py", lang="es")
    at.segmented_control(key="mode").set_value(mode).run()
    assert not at.exception, [e.value for e in at.exception]
    [(spec, rows)] = charts(at)
    check_spanish(spec, rows, columns)
