"""AppTest fixtures: the real entry point on a real, migrated SQLite file with a small agency in it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from db import migrate
from db.engine import make_engine
from tests.factories import small_agency

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")


@pytest.fixture
def agency(tmp_path, monkeypatch):
    """A migrated database with two offices, one user per role and a household in each office."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    migrate.upgrade(engine)
    data = small_agency(engine)
    data["engine"] = engine
    data["url"] = url
    yield data
    engine.dispose()


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def app_test(
    page: str | None = None,
    *,
    lang: str = "en",
    user: dict | None = None,
    household_id: int | None = None,
    query: dict | None = None,
    state: dict | None = None,
) -> AppTest:
    """Run the entry point (optionally logged in, in a language) and switch to `page`, e.g. 'app_pages/budget.py'."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = lang
    if user is not None:
        at.session_state["user"] = dict(user)
        at.session_state["last_activity"] = time.time()
    if household_id is not None:
        at.session_state["household_id"] = household_id
    for key, value in (state or {}).items():
        at.session_state[key] = value
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at


def visible_text(at: AppTest) -> str:
    """Everything a user could read on the page, joined, for 'does X appear' assertions."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "text",
        "info",
        "warning",
        "error",
        "success",
        "metric",
        "table",
        "dataframe",
        "json",
        "code",
        "exception",
        "latex",
    ):
        for element in getattr(at, kind, []):
            value = getattr(element, "value", None)
            if kind == "metric":
                value = f"{element.label} {element.value}"
            parts.append(str(value))
    for kind in (
        "button",
        "text_input",
        "number_input",
        "selectbox",
        "radio",
        "segmented_control",
        "checkbox",
        "toggle",
        "text_area",
        "date_input",
        "multiselect",
        "slider",
        "tabs",
        "expander",
    ):
        for element in getattr(at, kind, []):
            parts.append(str(getattr(element, "label", "")))
    return "\n".join(parts)
