"""The client file's Documents tab: add a pay stub, ID, letter or credit report; list, view, download
and remove them. The pure work (type by content, size, scope, audit, files on disk) is db/documents/.

A file's name is the client's own text: it is shown only inside a table (plain text), never as Markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculators import InputError
from db import documents
from db.documents import store as document_store
from db.local_time import local_date
from db.models.documents import DOCUMENT_KINDS
from db.scope import AccessDenied
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import FieldErrors
from ui.households.labels import frozen
from ui.labels import chooser, label
from ui.text import N_, NO_VALUE, _, date, date_and_time, number

KIND_LABELS = {
    "pay_stub": N_("Pay stub"),
    "id": N_("ID document"),
    "letter": N_("Letter"),
    "credit_report": N_("Credit report"),
    "other": N_("Other document"),
}
TYPE_LABELS = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/heic": "HEIC",
}
SHOWN_HERE = ("image/jpeg", "image/png")  # a browser draws these; PDF and HEIC are downloaded
ERRORS = {
    "missing_file": N_("Choose a file first."),
    "empty_file": N_("This file is empty."),
    "file_too_large": N_("This file is larger than 10 MB. Scan it again at a lower quality, or split it."),
    "file_type": N_(
        "Only PDF, JPEG, PNG or HEIC files can be added. This file is another kind "
        "(its content is checked, not its name)."
    ),
    "invalid_choice": N_("Choose what kind of document this is."),
}
UPLOAD_COUNT = "doc_upload_n"  # a new uploader key after each save, so the added file is not offered again
FLASH = "doc_flash"
ERROR = "doc_error"


def _user() -> dict:
    return st.session_state["user"]


def _upload_key() -> str:
    return f"doc_file_{st.session_state.get(UPLOAD_COUNT, 0)}"


@signed_in_only
def _add(hid: int) -> None:
    state = st.session_state
    upload = state.get(_upload_key())
    try:
        if upload is None:
            raise InputError("missing_file", "file")
        documents.add(engine(), _user(), hid, state.get("doc_kind"), upload.name, upload.getvalue())
    except InputError as err:
        state[ERROR] = (err.code, err.field)
        return
    except AccessDenied:
        state[FLASH] = ("error", N_("You do not have access to this household."))
        return
    state[UPLOAD_COUNT] = state.get(UPLOAD_COUNT, 0) + 1
    state[FLASH] = ("success", N_("Document added."))


@signed_in_only
def _remove(document_id: int) -> None:
    if not st.session_state.get("doc_remove_sure"):
        st.session_state[FLASH] = ("warning", N_("Tick the box to confirm the removal."))
        return
    try:
        documents.remove(engine(), _user(), document_id)
    except AccessDenied:
        st.session_state[FLASH] = ("error", N_("You do not have access to this household."))
        return
    st.session_state["doc_remove_sure"] = False
    st.session_state[FLASH] = ("success", N_("Document removed."))


def _size(size_bytes: int) -> str:
    if size_bytes >= 1024 * 1024:
        return _("{n} MB").format(n=number(size_bytes / (1024 * 1024), 1))
    return _("{n} KB").format(n=number(max(1, round(size_bytes / 1024))))


def _upload_form(hid: int) -> None:
    errors = FieldErrors()
    with st.form("doc_add", border=True):
        st.selectbox(
            _("Kind of document"),
            DOCUMENT_KINDS,
            format_func=frozen(DOCUMENT_KINDS, chooser(KIND_LABELS)),
            key="doc_kind",
            placeholder=_("Choose an option"),
        )
        errors.slot("kind")
        st.file_uploader(
            _("File (PDF, JPEG, PNG or HEIC)"),
            key=_upload_key(),
            max_upload_size=document_store.MAX_BYTES // (1024 * 1024),
        )
        st.caption(_("One file at a time, up to 10 MB. It is stored for this household only."))
        errors.slot("file")
        st.form_submit_button(_("Add document"), type="primary", on_click=_add, args=(hid,))
    stored = st.session_state.pop(ERROR, None)
    if stored:
        errors.show(InputError(stored[0], stored[1]), ERRORS)


def _table(rows: list[documents.DocumentRow]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                _("Kind"): [label(KIND_LABELS, r.kind) for r in rows],
                _("File name"): [r.name for r in rows],
                _("Type"): [TYPE_LABELS.get(r.content_type, r.content_type) for r in rows],
                _("Size"): [_size(r.size_bytes) for r in rows],
                _("Added by"): [r.added_by for r in rows],
                _("Added on"): [date_and_time(r.added_at) for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )


def _actions(rows: list[documents.DocumentRow]) -> None:
    by_id = {r.id: r for r in rows}
    chosen = st.selectbox(
        _("Document"),
        list(by_id),
        format_func=frozen(
            list(by_id),
            lambda i: "{kind} · {day} · #{id}".format(
                kind=label(KIND_LABELS, by_id[i].kind),
                day=date(local_date(by_id[i].added_at), "medium"),
                id=i,
            ),
        ),
        key="doc_pick",
        placeholder=_("Choose an option"),
    )
    if chosen not in by_id:
        return
    row = by_id[chosen]
    eng, user = engine(), _user()
    a, b, c = st.columns(3)
    showable = row.content_type in SHOWN_HERE
    shown = a.button(
        _("Show here"),
        key="doc_show",
        disabled=not showable,
        help=None if showable else _("PDF and HEIC files open after you download them."),
        icon=":material/visibility:",
    )
    ext = document_store.ACCEPTED.get(row.content_type, "bin")
    b.download_button(
        _("Download"),
        # Read (and audited as a download) only when clicked, on Streamlit's download thread.
        data=lambda: documents.open_document(eng, user, row.id, "download").data,
        file_name=f"{row.kind}-{row.id}.{ext}",
        mime=row.content_type,
        key="doc_download",
        # No rerun: a rerun re-registers `data` under a new id and may drop the one the browser is fetching.
        on_click="ignore",
        icon=":material/download:",
    )
    with c:
        st.checkbox(_("Yes, remove it"), key="doc_remove_sure")
        st.button(_("Remove document"), key="doc_remove", on_click=_remove, args=(row.id,))
    if shown:
        try:
            opened = documents.open_document(eng, user, row.id, "view")
        except FileNotFoundError:  # e.g. a database restored without its documents archive
            st.error(_("This file is missing from the documents folder. Restore it from a backup."))
            return
        try:
            st.image(opened.data, caption=label(KIND_LABELS, row.kind))
        except Exception:  # its first bytes are an image's, the rest is damaged
            st.error(_("This image cannot be shown here. Download it to open it."))


def show_tab(hh: dict) -> None:
    st.caption(
        _(
            "Pay stubs, IDs, letters and credit reports the household gave you. Only staff of this "
            "office can open them; every upload, view, download and removal is recorded."
        )
    )
    flash = st.session_state.pop(FLASH, None)
    if flash:
        getattr(st, flash[0])(_(flash[1]))
    _upload_form(hh["id"])
    try:
        rows = documents.list_for(engine(), _user(), hh["id"])
    except AccessDenied:
        st.error(_("You do not have access to this household."))
        return
    if not rows:
        st.caption(_("No documents yet."))
        return
    _table(rows)
    _actions(rows)
