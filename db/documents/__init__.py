"""A household's documents (pay stubs, IDs, letters, credit reports): upload, list, open, remove.

Every function checks office scope (db.scope) and audits in the same transaction: an upload, a view,
a download and a removal each leave an audit event on the household (by ids only, never a file name).
The bytes live on disk (db.documents.store), the row in household_document (db.models.documents).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from calculators import InputError
from db import audit
from db.documents import store as document_store
from db.engine import reading, transaction
from db.models import Household, User
from db.models.documents import DOCUMENT_KINDS, HouseholdDocument
from db.scope import check_household

MAX_NAME = 200
OPEN_PURPOSES = ("view", "download")


@dataclass(frozen=True)
class DocumentRow:
    id: int
    household_id: int
    kind: str
    name: str  # the name the file had when uploaded: shown as plain text only
    content_type: str
    size_bytes: int
    added_by: str
    added_at: object  # datetime (UTC)


@dataclass(frozen=True)
class OpenedDocument:
    row: DocumentRow
    data: bytes

    @property
    def download_name(self) -> str:
        """A neutral name for the download: the kind and id, never the client's name."""
        ext = document_store.ACCEPTED.get(self.row.content_type, "bin")
        return f"{self.row.kind}-{self.row.id}.{ext}"


def _root(engine: Engine) -> Path:
    return document_store.root_for(engine.url.render_as_string(hide_password=False))


def root(engine: Engine) -> Path:
    """The documents folder of this database (backups and purges use it)."""
    return _root(engine)


def _clean_name(name: str) -> str:
    """The uploaded file's name as harmless text: no path, no control characters, at most 200 chars."""
    name = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[:MAX_NAME] or "—"


def check_upload(kind: str, data: bytes) -> str:
    """The file's MIME type if it may be stored, else InputError (field 'file' or 'kind')."""
    if kind not in DOCUMENT_KINDS:
        raise InputError("invalid_choice", "kind")
    if not data:
        raise InputError("empty_file", "file")
    if len(data) > document_store.MAX_BYTES:
        raise InputError("file_too_large", "file")
    mime = document_store.detect(data)
    if mime is None:
        raise InputError("file_type", "file")
    return mime


def add(engine: Engine, user: dict, household_id: int, kind: str, name: str, data: bytes) -> int:
    """Store an uploaded file for the household; all or nothing (no row without its file, nor the reverse)."""
    mime = check_upload(kind, data)
    folder = _root(engine)
    with transaction(engine) as s:  # refuse before anything is written for a household out of scope
        check_household(user, s.get(Household, household_id))
    stored = document_store.new_name()
    document_store.write(folder, stored, data)
    try:
        with transaction(engine) as s:
            hh = check_household(user, s.get(Household, household_id))
            row = HouseholdDocument(
                household_id=hh.id,
                office_id=hh.office_id,
                kind=kind,
                original_name=_clean_name(name),
                stored_name=stored,
                content_type=mime,
                size_bytes=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                added_by=user.get("id"),
            )
            s.add(row)
            s.flush()
            audit.record(s, user, "document_added", "household", hh.id, f"document={row.id} kind={kind}")
            return row.id
    except BaseException:
        document_store.remove(folder, [stored])
        raise


def _row(doc: HouseholdDocument, added_by: str | None) -> DocumentRow:
    return DocumentRow(
        id=doc.id,
        household_id=doc.household_id,
        kind=doc.kind,
        name=doc.original_name,
        content_type=doc.content_type,
        size_bytes=doc.size_bytes,
        added_by=added_by or "—",
        added_at=doc.added_at,
    )


def list_for(engine: Engine, user: dict, household_id: int) -> list[DocumentRow]:
    """The household's documents, newest first, with who added them (the list itself is not a view)."""
    with reading(engine) as s:
        check_household(user, s.get(Household, household_id))
        rows = s.execute(
            select(HouseholdDocument, User.display_name)
            .outerjoin(User, User.id == HouseholdDocument.added_by)
            .where(HouseholdDocument.household_id == household_id)
            .order_by(HouseholdDocument.added_at.desc(), HouseholdDocument.id.desc())
        )
        return [_row(doc, who) for doc, who in rows]


def _document(s, user: dict, document_id: int) -> HouseholdDocument:
    doc = s.get(HouseholdDocument, document_id)
    check_household(user, s.get(Household, doc.household_id) if doc else None)
    return doc


def open_document(engine: Engine, user: dict, document_id: int, purpose: str = "view") -> OpenedDocument:
    """The file's bytes for viewing or downloading, audited as such; AccessDenied out of scope."""
    if purpose not in OPEN_PURPOSES:
        raise ValueError(purpose)
    with transaction(engine) as s:
        doc = _document(s, user, document_id)
        who = s.get(User, doc.added_by).display_name if doc.added_by else None
        row = _row(doc, who)
        audit.record(
            s, user, f"document_{purpose}ed", "household", doc.household_id, f"document={doc.id}"
        )
        stored = doc.stored_name
    return OpenedDocument(row, document_store.read(_root(engine), stored))


def remove(engine: Engine, user: dict, document_id: int) -> None:
    """Remove a document: its row and audit event commit together, then the file is deleted."""
    with transaction(engine) as s:
        doc = _document(s, user, document_id)
        stored, household_id = doc.stored_name, doc.household_id
        s.execute(delete(HouseholdDocument).where(HouseholdDocument.id == doc.id))
        audit.record(s, user, "document_removed", "household", household_id, f"document={document_id}")
    document_store.remove(_root(engine), [stored])


def stored_names(session, household_ids) -> list[str]:
    """The files on disk of these households (read before a purge deletes their rows)."""
    return list(
        session.scalars(
            select(HouseholdDocument.stored_name).where(HouseholdDocument.household_id.in_(household_ids))
        )
    )
