"""The client file's Documents tab and the counselors' HUD certification, in AppTest, in both languages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from calculators import InputError
from db import activity, certification, documents
from tests.app.conftest import app_test, visible_text
from tests.factories import audit_actions

PAGE = "app_pages/household.py"
DOCS_TAB = {"en": "Documents", "es": "Documentos"}
ACTIVITY_TAB = {"en": "Activity", "es": "Actividad"}


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n%%EOF\n"
MARKUP_NAME = "**Núñez** [clic](javascript:alert(1)) <img src=x onerror=alert(1)>.pdf"


@pytest.fixture(autouse=True)
def own_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMINO_DOCUMENTS_DIR", str(tmp_path / "documents"))


def open_tab(agency, lang="en", who="counselor", tab=DOCS_TAB):
    return app_test(
        PAGE,
        lang=lang,
        user=agency["users"][who],
        household_id=agency["households"]["north"],
        state={"hh_tab": tab[lang]},
    )


def button(at, key):
    return next(b for b in at.button if b.key == key)


@pytest.mark.parametrize(
    ("lang", "expected", "kind"),
    [
        ("en", ["Kind of document", "Add document", "File name", "Added by"], "Pay stub"),
        (
            "es",
            ["Tipo de documento", "Agregar documento", "Nombre del archivo", "Agregado por"],
            "Talón de pago",
        ),
    ],
)
def test_documents_tab_lists_who_added_what_in_both_languages(agency, lang, expected, kind):
    eng, hid = agency["engine"], agency["households"]["north"]
    documents.add(eng, agency["users"]["counselor"], hid, "pay_stub", MARKUP_NAME, PDF)
    at = open_tab(agency, lang)
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    text = visible_text(at) + "\n".join(table.columns)
    for piece in expected:
        assert piece in text, piece
    assert list(table.iloc[0][:2]) == [kind, MARKUP_NAME]  # the name as plain text, in a table
    assert table.iloc[0].iloc[4] == "Test counselor"
    assert all("Núñez" not in m.value for m in at.markdown)  # never rendered as Markdown
    assert at.get("download_button")  # read only when clicked (audited then)
    assert "document_downloaded" not in audit_actions(eng, hid)


@pytest.mark.parametrize(
    ("lang", "empty"), [("en", "No documents yet."), ("es", "Todavía no hay documentos.")]
)
def test_an_empty_list_says_so(agency, lang, empty):
    at = open_tab(agency, lang)
    assert not at.exception
    assert empty in [c.value for c in at.caption]


def test_show_here_draws_the_image_and_is_audited(agency):
    eng, hid = agency["engine"], agency["households"]["north"]
    documents.add(eng, agency["users"]["counselor"], hid, "id", "id.png", png())
    at = open_tab(agency)
    button(at, "doc_show").click().run()
    assert not at.exception
    assert at.get("image")
    assert audit_actions(eng, hid)[-1] == "document_viewed"


def test_a_pdf_is_downloaded_not_shown(agency):
    documents.add(
        agency["engine"], agency["users"]["counselor"], agency["households"]["north"], "letter", "c.pdf", PDF
    )
    at = open_tab(agency)
    assert button(at, "doc_show").disabled


@pytest.mark.parametrize(
    ("lang", "confirm", "removed"),
    [("en", "Tick the box to confirm the removal.", "Document removed."), ("es", None, "Documento quitado.")],
)
def test_removal_asks_for_the_tick_then_removes(agency, lang, confirm, removed):
    eng, hid = agency["engine"], agency["households"]["north"]
    documents.add(eng, agency["users"]["counselor"], hid, "other", "x.pdf", PDF)
    at = open_tab(agency, lang)
    if confirm:
        button(at, "doc_remove").click().run()
        assert confirm in [w.value for w in at.warning]
        assert len(documents.list_for(eng, agency["users"]["counselor"], hid)) == 1
    at.checkbox(key="doc_remove_sure").check().run()
    button(at, "doc_remove").click().run()
    assert not at.exception
    assert removed in [s.value for s in at.success]
    assert documents.list_for(eng, agency["users"]["counselor"], hid) == []
    assert audit_actions(eng, hid)[-1] == "document_removed"


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("en", "Only a HUD-certified housing counselor can record a counseling session."),
        ("es", "Solo un consejero de vivienda certificado por HUD puede registrar una sesión de asesoría."),
    ],
)
def test_an_uncertified_user_cannot_record_a_session(agency, lang, warning):
    at = open_tab(agency, lang, who="lead", tab=ACTIVITY_TAB)  # the lead has no certification on file
    assert not at.exception
    assert any(w.value.startswith(warning) for w in at.warning)
    add = next(b for b in at.button if b.label in ("Add session", "Agregar sesión"))
    assert add.disabled
    with pytest.raises(InputError) as err:
        activity.add_session(
            agency["engine"],
            agency["users"]["lead"],
            agency["households"]["north"],
            session_date=dt.date(2026, 10, 6),
            purpose="rental",
        )
    assert err.value.code == "not_certified"
    certified = open_tab(agency, lang, who="counselor", tab=ACTIVITY_TAB)
    assert not any(w.value.startswith(warning) for w in certified.warning)
    assert not next(b for b in certified.button if b.label in ("Add session", "Agregar sesión")).disabled


@pytest.mark.parametrize(
    ("lang", "heading", "missing"),
    [
        ("en", "Counselors' HUD certification", "1 counselor has no HUD certification on file"),
        ("es", "Certificación de HUD de los consejeros", "1 consejero no tiene certificación de HUD"),
    ],
)
def test_the_lead_sees_whose_certification_is_missing(agency, lang, heading, missing):
    at = app_test("app_pages/hud9902.py", user=agency["users"]["lead"], lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert heading in [s.value for s in at.subheader]
    assert any(w.value.startswith(missing) for w in at.warning)
    assert "Test lead" in at.dataframe[-1].value.to_csv()
    assert "Test counselor" not in at.dataframe[-1].value.to_csv()


def test_admin_records_a_certification_and_the_lead_may_then_counsel(agency):
    eng, lead = agency["engine"], agency["users"]["lead"]
    at = app_test("app_pages/users.py", user=agency["users"]["admin"])
    assert any("no HUD certification" in w.value for w in at.warning)
    at.selectbox(key="manage_user").set_value(lead["id"]).run()
    at.text_input(key="cert_id").input("HUD-98765")
    at.date_input(key="cert_date").set_value(dt.date(2030, 1, 1))
    next(b for b in at.button if b.label == "Save certification").click().run()
    assert "The date cannot be in the future." in [e.value for e in at.error]
    at.date_input(key="cert_date").set_value(dt.date(2022, 4, 1))
    at.multiselect(key="cert_langs").set_value(["es", "en"])
    next(b for b in at.button if b.label == "Save certification").click().run()
    assert not at.exception
    assert "Certification saved." in [s.value for s in at.success]
    me = certification.of(eng, lead["id"])
    assert (me.hud_counselor_id, me.certified_on, me.languages) == (
        "HUD-98765",
        dt.date(2022, 4, 1),
        ("es", "en"),
    )
    assert activity.add_session(
        eng, lead, agency["households"]["north"], session_date=dt.date(2026, 10, 6), purpose="rental"
    )
    with pytest.raises(InputError) as err:  # a session dated before the certification
        activity.add_session(
            eng, lead, agency["households"]["north"], session_date=dt.date(2022, 3, 1), purpose="rental"
        )
    assert err.value.code == "certified_later"


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("en", "Admin notes (not counseling: not counted in the HUD-9902)"),
        ("es", "Notas administrativas (no son asesoría: no cuentan en el HUD-9902)"),
    ],
)
def test_admin_notes_are_built_only_when_opened_for_a_certified_counselor(agency, lang, title):
    """Closed (a certified counselor records sessions instead), the notes' fields are not sent at all."""
    at = open_tab(agency, lang, who="counselor", tab=ACTIVITY_TAB)
    assert not at.exception
    assert [e.label for e in at.expander if e.label == title] == [title]
    assert not [t for t in at.text_area if t.key == "note_body"]
    assert not [d for d in at.date_input if d.key == "note_date"]
    at.session_state["note_open"] = True  # the counselor opens the admin notes
    at.run()
    at.text_area(key="note_body").input("Dejó copia de su talón de pago.")
    next(b for b in at.button if b.label in ("Add admin note", "Agregar nota administrativa")).click().run()
    assert not at.exception
    assert "Dejó copia de su talón de pago." in at.dataframe[-1].value.to_csv()


@pytest.mark.parametrize(
    ("lang", "added"), [("en", "Admin note added."), ("es", "Nota administrativa agregada.")]
)
def test_an_uncertified_user_writes_an_admin_note_that_is_not_a_session(agency, lang, added):
    eng, lead, hid = agency["engine"], agency["users"]["lead"], agency["households"]["north"]
    at = open_tab(agency, lang, who="lead", tab=ACTIVITY_TAB)
    at.text_area(key="note_body").input("Llamó para cambiar la cita; **no** vino.")
    next(b for b in at.button if b.label in ("Add admin note", "Agregar nota administrativa")).click().run()
    assert not at.exception
    assert added in [s.value for s in at.success]
    assert "Llamó para cambiar la cita; **no** vino." in at.dataframe[0].value.to_csv()
    assert activity.sessions_for(eng, lead, hid) == []  # never a counseling session
    assert audit_actions(eng, hid)[-1] == "admin_note_added"
