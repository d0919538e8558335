"""The Fees and funding page in AppTest, in English and Spanish: the schedule PDF, and admin edits."""

from __future__ import annotations

import datetime as dt

import pytest

from db import funding
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/fees.py"


@pytest.mark.parametrize(
    ("lang", "title", "download", "none_yet"),
    [
        ("en", "Fees and funding", "Download the fee schedule (PDF)", "No fee schedule saved yet."),
        ("es", "Cuotas y fondos", "Descargar la lista de cuotas (PDF)", "Todavía no hay una lista de cuotas."),
    ],
)
def test_counselor_prints_the_schedule_but_cannot_edit(agency, lang, title, download, none_yet):
    at = app_test(PAGE, lang=lang, user=agency["users"]["counselor"])
    assert not at.exception
    assert at.title[0].value == title
    assert none_yet in visible_text(at)
    assert [b for b in at.get("download_button") if b.proto.label == download]
    assert not [b for b in at.button if b.key == "fees_save"]  # admins only


@pytest.mark.parametrize(("lang", "service"), [("en", "Homebuyer counseling"), ("es", "Consejería para comprar")])
def test_admin_saves_a_schedule_and_a_source(agency, lang, service):
    eng, admin = agency["engine"], agency["users"]["admin"]
    funding.save_schedule(eng, admin, effective_from=dt.date(2026, 1, 1),
                          lines=[{"en": "Homebuyer counseling", "es": "Consejería para comprar", "amount": 0}])
    at = app_test(PAGE, lang=lang, user=admin)
    assert not at.exception
    assert service in at.dataframe[0].value.to_string()
    at.date_input(key="fees_from").set_value(dt.date(2026, 2, 1))
    at.text_area(key="fees_note_es").input("Gratis si no puede pagar.")
    at.button(key="fees_save").click().run()
    assert not at.exception
    saved = funding.schedule_on(eng, dt.date(2026, 2, 1))
    assert saved.effective_from == dt.date(2026, 2, 1) and saved.note("es") == "Gratis si no puede pagar."
    assert [x.en for x in saved.lines] == ["Homebuyer counseling"]
    at.text_input(key="fees_src_en").input("HUD grant FY2026")
    at.selectbox(key="fees_src_grant").set_value("comprehensive")
    at.button(key="fees_src_add").click().run()
    assert not at.exception
    assert [(s.name_en, s.hud_grant) for s in funding.sources(eng)] == [("HUD grant FY2026", "comprehensive")]


# Saves in the buttons' callbacks: the page is drawn once per press, already showing the result, and a
# refusal is said once, under its field.

SAID = {
    "en": {
        "saved": "Fee schedule saved.",
        "added": "Funding source added.",
        "retired": "That source is no longer offered. Past sessions keep it.",
        "fill": "Please fill in this field.",
        "idle": "You were logged out after 30 minutes without activity.",
    },
    "es": {
        "saved": "Lista de cuotas guardada.",
        "added": "Fuente de fondos agregada.",
        "retired": "Esa fuente ya no se ofrece. Las sesiones anteriores la conservan.",
        "fill": "Por favor, llene este dato.",
        "idle": "Se cerró su sesión después de 30 minutos sin actividad.",
    },
}


@pytest.fixture
def drawings(monkeypatch):
    """How many times the page was drawn (its first section, once a drawing); clear it before a press."""
    from ui.fees import view

    drawn: list[int] = []
    real = view.schedule_section

    def counted(*args, **kwargs):
        drawn.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(view, "schedule_section", counted)
    return drawn


def layout(at) -> list[str]:
    """The page from top to bottom: widgets by key, messages by their text, anything else by its kind."""
    return [_named(node) for node in at.main]


def _named(node) -> str:
    kind = type(node).__name__
    if kind in ("Error", "Success"):
        return node.value
    return getattr(node, "key", None) or kind


def _with_a_schedule(agency) -> None:
    funding.save_schedule(
        agency["engine"],
        agency["users"]["admin"],
        effective_from=dt.date(2026, 1, 1),
        lines=[{"en": "Homebuyer counseling", "es": "Consejería para comprar", "amount": 0}],
    )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_schedule_is_saved_and_said_in_one_drawing(agency, drawings, lang):
    from db.local_time import today_local

    _with_a_schedule(agency)
    at = app_test(PAGE, lang=lang, user=agency["users"]["admin"])
    at.date_input(key="fees_from").set_value(today_local())
    at.text_area(key="fees_note_en").input("Free if you cannot pay.")
    drawings.clear()
    at.button(key="fees_save").click().run()
    assert not at.exception
    assert len(drawings) == 1
    assert [s.value for s in at.success] == [SAID[lang]["saved"]]
    assert funding.schedule_on(agency["engine"]).note("en") == "Free if you cannot pay."
    at.run()
    assert not at.success  # said once


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_schedule_without_a_service_is_refused_under_the_table_once(agency, drawings, lang):
    at = app_test(PAGE, lang=lang, user=agency["users"]["admin"])  # no schedule yet: one empty row
    drawings.clear()
    at.button(key="fees_save").click().run()
    assert not at.exception
    assert len(drawings) == 1
    order, said = layout(at), SAID[lang]["fill"]
    assert order[order.index(said) - 1 : order.index(said) + 2] == ["fees_editor", said, "fees_note_en"]
    assert funding.schedule_on(agency["engine"]) is None
    at.run()  # the next screen no longer carries that press's refusal
    assert SAID[lang]["fill"] not in visible_text(at)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_source_without_a_name_is_refused_at_its_field_once_then_added(agency, drawings, lang):
    at = app_test(PAGE, lang=lang, user=agency["users"]["admin"])
    drawings.clear()
    at.button(key="fees_src_add").click().run()
    assert not at.exception
    order = layout(at)
    assert order[order.index("fees_src_en") + 1] == SAID[lang]["fill"]
    assert [e.value for e in at.error] == [SAID[lang]["fill"]]
    assert funding.sources(agency["engine"]) == []
    at.run()
    assert not at.error
    at.text_input(key="fees_src_en").input("City housing grant")
    drawings.clear()
    at.button(key="fees_src_add").click().run()
    assert not at.exception
    assert len(drawings) == 1
    assert [s.value for s in at.success] == [SAID[lang]["added"]]
    assert "City housing grant" in at.dataframe[-1].value.to_string()  # the list, drawn once, shows it
    assert [s.name_en for s in funding.sources(agency["engine"])] == ["City housing grant"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_stop_using_the_source_chosen_at_the_press(agency, drawings, lang):
    """The choice and the press can reach the server together, before the page was drawn with the choice."""
    eng, admin = agency["engine"], agency["users"]["admin"]
    first = funding.add_source(eng, admin, name_en="City housing grant")
    second = funding.add_source(eng, admin, name_en="United Way")
    at = app_test(PAGE, lang=lang, user=admin)
    shown = at.selectbox(key="fees_src_retire").value
    other = ({first, second} - {shown}).pop()
    at.selectbox(key="fees_src_retire").set_value(other)
    drawings.clear()
    at.button(key="fees_src_retire_go").click().run()  # one run: the new choice and the press together
    assert not at.exception
    assert len(drawings) == 1
    assert [s.value for s in at.success] == [SAID[lang]["retired"]]
    assert [s.id for s in funding.sources(eng)] == [shown]
    assert len(at.selectbox(key="fees_src_retire").options) == 1  # only the one still in use is offered


@pytest.mark.parametrize("why", ["disabled", "idle"])
def test_a_press_from_a_session_that_ended_saves_nothing(agency, why):
    """The callback runs before the page checks the session, so it checks it itself, as the page did."""
    import time

    from db.engine import transaction
    from db.models import User

    admin = agency["users"]["admin"]
    at = app_test(PAGE, user=admin)
    at.text_input(key="fees_src_en").input("City housing grant")
    if why == "disabled":
        with transaction(agency["engine"]) as s:  # while its tab stays open
            s.get(User, admin["id"]).is_active = False
    else:
        at.session_state["last_activity"] = time.time() - 31 * 60
    at.button(key="fees_src_add").click().run()
    assert not at.exception
    assert "user" not in at.session_state
    assert funding.sources(agency["engine"], active_only=False) == []
    if why == "idle":
        assert SAID["en"]["idle"] in visible_text(at)
