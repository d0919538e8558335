"""A household's documents: kind told by content, size limit, owner-only random files, office scope,
an audit event for every upload, view, download and removal, gone at retention purge, kept by backups."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from calculators import InputError
from db import backup, documents, retention
from db.documents import backup as document_backup
from db.documents import store as document_store
from db.engine import reading
from db.models import AuditEvent
from db.models.documents import HouseholdDocument
from db.scope import AccessDenied
from tests.factories import audit_actions, make_household

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 16
HEIC_MIF1 = b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heicmiaf" + b"\x00" * 16


@pytest.fixture(autouse=True)
def own_folder(tmp_path, monkeypatch):
    """Each test its own documents folder, so it sees only the files it made."""
    monkeypatch.setenv(document_store.ENV, str(tmp_path / "documents"))


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (PDF, "talon.pdf", "application/pdf"),
        (PDF, "talon.png", "application/pdf"),  # the name lies; the content decides
        (PNG, "id.png", "image/png"),
        (JPEG, "carta.jpg", "image/jpeg"),
        (JPEG, "carta", "image/jpeg"),
        (HEIC, "foto.heic", "image/heic"),
        (HEIC_MIF1, "IMG_0001.HEIC", "image/heic"),
        (b"hello, this is text", "informe.pdf", None),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00", "talon.pdf", None),  # a Windows program
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "docs.pdf", None),  # a ZIP archive
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "id.png", None),  # an image kind not accepted
        (b"<html><script>alert(1)</script></html>", "carta.jpg", None),
    ],
)
def test_kind_is_told_by_content_not_name(agency, data, name, expected):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    if expected is None:
        with pytest.raises(InputError) as err:
            documents.add(eng, user, hid, "pay_stub", name, data)
        assert (err.value.code, err.value.field) == ("file_type", "file")
        assert documents.list_for(eng, user, hid) == []
    else:
        doc = documents.add(eng, user, hid, "pay_stub", name, data)
        (row,) = documents.list_for(eng, user, hid)
        assert (row.id, row.content_type, row.name, row.size_bytes) == (doc, expected, name, len(data))


def files(engine) -> list[Path]:
    root = documents.root(engine)
    return sorted(root.iterdir()) if root.exists() else []


@pytest.mark.parametrize(
    ("size", "accepted"), [(document_store.MAX_BYTES, True), (document_store.MAX_BYTES + 1, False)]
)
def test_size_limit_is_10_mb_and_nothing_is_half_saved(agency, size, accepted):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    before = files(eng)
    data = PDF + b"\x00" * (size - len(PDF))
    if accepted:
        documents.add(eng, user, hid, "credit_report", "informe.pdf", data)
        assert len(files(eng)) == len(before) + 1
    else:
        with pytest.raises(InputError) as err:
            documents.add(eng, user, hid, "credit_report", "informe.pdf", data)
        assert err.value.code == "file_too_large"
        assert files(eng) == before and documents.list_for(eng, user, hid) == []


@pytest.mark.parametrize(("kind", "data", "code"), [("passport", PDF, "invalid_choice"), ("id", b"", "empty_file")])
def test_bad_kind_or_empty_file_is_refused(agency, kind, data, code):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    with pytest.raises(InputError) as err:
        documents.add(eng, user, hid, kind, "x.pdf", data)
    assert err.value.code == code


def test_files_are_owner_only_with_random_names(agency):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    documents.add(eng, user, hid, "id", "María José Núñez - pasaporte.pdf", PDF)
    root = documents.root(eng)
    assert root.stat().st_mode & 0o777 == 0o700
    (path,) = [p for p in files(eng) if p.read_bytes() == PDF]
    assert path.stat().st_mode & 0o777 == 0o600
    assert re.fullmatch(r"[0-9a-f]{48}", path.name)  # nothing of the client's or the file's name


def test_upload_view_download_and_remove_are_audited_by_id_only(agency):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    doc = documents.add(eng, user, hid, "letter", "Carta de Núñez.png", PNG)
    assert documents.open_document(eng, user, doc, "view").data == PNG
    opened = documents.open_document(eng, user, doc, "download")
    assert opened.download_name == f"letter-{doc}.png"
    path = next(p for p in files(eng) if p.read_bytes() == PNG)
    documents.remove(eng, user, doc)
    assert not path.exists() and documents.list_for(eng, user, hid) == []
    assert audit_actions(eng, hid)[-4:] == [
        "document_added",
        "document_viewed",
        "document_downloaded",
        "document_removed",
    ]
    with reading(eng) as s:
        details = list(s.scalars(select(AuditEvent.detail).where(AuditEvent.action.like("document_%"))))
    assert all("Carta" not in d and "Núñez" not in d for d in details)


def test_listing_is_who_and_when(agency):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    documents.add(eng, user, hid, "pay_stub", "a.pdf", PDF)
    (row,) = documents.list_for(eng, agency["users"]["lead"], hid)
    assert row.added_by == "Test counselor" and row.kind == "pay_stub"
    assert abs(row.added_at - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(minutes=5)


@pytest.mark.parametrize("who", ["counselor_south", "trainer"])
def test_other_offices_and_trainers_reach_nothing(agency, who):
    eng, hid = agency["engine"], agency["households"]["north"]
    doc = documents.add(eng, agency["users"]["counselor"], hid, "id", "id.jpg", JPEG)
    before = files(eng)
    other = agency["users"][who]
    with pytest.raises(AccessDenied):
        documents.add(eng, other, hid, "id", "id.jpg", JPEG)
    assert files(eng) == before  # refused before anything reached the disk
    with pytest.raises(AccessDenied):
        documents.list_for(eng, other, hid)
    for purpose in ("view", "download"):
        with pytest.raises(AccessDenied):
            documents.open_document(eng, other, doc, purpose)
    with pytest.raises(AccessDenied):
        documents.remove(eng, other, doc)
    assert len(documents.list_for(eng, agency["users"]["counselor"], hid)) == 1
    assert "document_viewed" not in audit_actions(eng, hid)


def test_retention_purge_removes_the_files(agency):
    eng, lead = agency["engine"], agency["users"]["lead"]
    old = make_household(
        eng, agency["offices"]["north"], "Cerrado hace años", status="closed", closed_on=dt.date(2020, 6, 1)
    )
    documents.add(eng, lead, old, "pay_stub", "talon.pdf", PDF)
    documents.add(eng, lead, old, "id", "id.png", PNG)
    kept = documents.add(eng, lead, agency["households"]["north"], "letter", "carta.jpg", JPEG)
    assert len(files(eng)) == 3
    assert retention.purge(eng, lead, [old], dt.date(2026, 11, 27)) == 1
    (left,) = files(eng)
    assert left.read_bytes() == JPEG
    with reading(eng) as s:
        assert list(s.scalars(select(HouseholdDocument.id))) == [kept]


def test_backup_carries_the_documents_and_restore_puts_them_back(agency, tmp_path):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    url = eng.url.render_as_string(hide_password=False)
    doc = documents.add(eng, user, hid, "credit_report", "informe.pdf", PDF)
    out = backup.create(tmp_path / "camino.backup", url)
    archive = document_backup.archive_path(out)
    assert archive.stat().st_mode & 0o777 == 0o600
    documents.remove(eng, user, doc)  # after the backup: row and file gone
    documents.add(eng, user, hid, "other", "nuevo.png", PNG)
    assert [p.read_bytes() for p in files(eng)] == [PNG]
    eng.dispose()
    backup.restore(out, url)
    eng.dispose()
    assert [p.read_bytes() for p in files(eng)] == [PDF]
    assert documents.open_document(eng, user, doc, "download").data == PDF
    root = documents.root(eng)
    assert root.stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in files(eng))


def test_a_backup_without_documents_leaves_the_folder_alone(agency, tmp_path):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    url = eng.url.render_as_string(hide_password=False)
    out = backup.create(tmp_path / "old.backup", url)
    document_backup.archive_path(out).unlink()  # as a backup made before documents existed
    documents.add(eng, user, hid, "other", "nuevo.png", PNG)
    eng.dispose()
    backup.restore(out, url)
    assert [p.read_bytes() for p in files(eng)] == [PNG]
    with reading(eng) as s:
        assert s.scalar(select(func.count()).select_from(HouseholdDocument)) == 0


def test_folder_is_beside_the_sqlite_file_unless_configured(monkeypatch, tmp_path):
    monkeypatch.delenv(document_store.ENV, raising=False)
    assert document_store.root_for(f"sqlite:///{tmp_path}/data/camino.db") == tmp_path / "data" / "documents"
    assert document_store.root_for("postgresql+psycopg://u@h/camino").parts[-2:] == ("var", "documents")
    monkeypatch.setenv(document_store.ENV, str(tmp_path / "docs"))
    assert document_store.root_for(f"sqlite:///{tmp_path}/camino.db") == tmp_path / "docs"
