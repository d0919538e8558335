"""A counselor in a real browser adds a PDF to a client file and downloads it back, byte for byte."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import select

from db.documents import store as document_store
from db.engine import reading
from db.models import Household
from tests.e2e.conftest import login, wait_for_app
from tests.factories import audit_actions

NAME = "Rosa Elvira Chicas Ayala"  # unique: other browser tests search by name
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_counselor_uploads_a_pdf_and_downloads_it(page, app_url, app_server, tmp_path):
    login(page, app_url, "counselor")
    page.get_by_test_id("stSidebarNav").get_by_text("New household").click()
    wait_for_app(page)
    page.get_by_label("Household name").fill(NAME)
    page.get_by_role("button", name="Save and open the client file").click()
    wait_for_app(page)
    page.get_by_role("tab", name="Documents").click()
    wait_for_app(page)
    panel = page.get_by_role("tabpanel", name="Documents")
    expect(panel.get_by_text("No documents yet.")).to_be_visible()

    # The name says PNG; the content is a PDF, and the content decides.
    panel.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "talon de pago.png", "mimeType": "image/png", "buffer": PDF}]
    )
    expect(panel.get_by_role("button", name="Remove talon de pago.png")).to_be_visible()  # uploaded
    panel.get_by_role("button", name="Add document").click()
    wait_for_app(page)
    expect(panel.get_by_text("Document added.")).to_be_visible()
    expect(panel.get_by_role("button", name="Show here")).to_be_disabled()  # a PDF is downloaded

    with page.expect_download() as info:
        panel.get_by_test_id("stDownloadButton").get_by_role("button", name="Download").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf") and "talon" not in download.suggested_filename
    assert Path(download.path()).read_bytes() == PDF

    stored = [p for p in document_store.root_for(app_server.database_url).iterdir() if p.read_bytes() == PDF]
    assert len(stored) == 1 and stored[0].stat().st_mode & 0o777 == 0o600
    assert "talon" not in stored[0].name
    actions = audit_actions(app_server.engine, _household_id(app_server))
    assert {"document_added", "document_downloaded"} <= set(actions)
    assert "talon" not in app_server.log_text() and NAME not in app_server.log_text()


def _household_id(app_server) -> int:
    with reading(app_server.engine) as s:
        return s.scalar(select(Household.id).where(Household.display_name == NAME))
