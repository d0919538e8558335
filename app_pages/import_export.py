"""Import households from another system (CSV or XLSX, checked row by row, all or nothing) and export the caseload."""

from ui.auth import CLIENT_ROLES, require_role

user = require_role(*CLIENT_ROLES)

import hashlib  # noqa: E402

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from calculators import InputError  # noqa: E402
from db import transfer  # noqa: E402
from ui.db import engine  # noqa: E402
from ui.errors import message_for  # noqa: E402
from ui.households.labels import ERRORS, FIELD_LABELS, frozen  # noqa: E402
from ui.hud_file import labels as hud_labels  # noqa: E402
from ui.hud_file.transfer_labels import aliases, labeler  # noqa: E402
from ui.office_picker import office_picker  # noqa: E402
from ui.text import N_, NO_VALUE, _, lang, ngettext, plain  # noqa: E402

COLUMN_LABELS = {**hud_labels.FIELD_LABELS, **FIELD_LABELS}

IMPORT_ERRORS = {
    **hud_labels.ERRORS,
    **ERRORS,
    "unknown_counselor": N_("No counselor with that username in your office."),
    "unclosed_quote": N_(
        "A quotation mark opens here and is never closed. Nothing after this row was read."
    ),
    "bad_quotes": N_(
        "A quotation mark is out of place (text after a closing quote). Nothing after this row was read."
    ),
    "cell_too_long": N_(
        "A cell is longer than 131,072 characters, often a missing quotation mark. "
        "Nothing after this row was read."
    ),
    "wrong_cell_count": N_("This row does not have one cell for each column of the header."),
}
FILE_PROBLEMS = {
    "empty_file": N_("The file is empty."),
    "no_rows": N_("The file has a header but no households."),
    "too_many_rows": N_("The file has more than 20,000 rows. Please split it."),
    "unknown_columns": N_(
        "These columns are not recognized: {columns}. Please use the template's column names."
    ),
    "missing_columns": N_("A required column is missing: {columns}."),
    "repeated_columns": N_("A column appears twice in the header: {columns}."),
    "unknown_encoding": N_(
        "This file is not a text file we can read. Please save it from your spreadsheet as "
        "CSV (UTF-8) and upload it again."
    ),
}

st.title(_("Import and export"))
tab_import, tab_export = st.tabs([_("Import households"), _("Export caseload")])

with tab_import:
    st.caption(
        _(
            "Upload a CSV or Excel (XLSX) file from another system. Nothing is saved until every row is "
            "correct; then all households are added at once."
        )
    )
    st.caption(
        _(
            "HUD's client questions (address, marital status, education, credit score and the rest) may be "
            "columns too, named as in the template or in English or Spanish, with answers as in the client "
            "file. Columns left out stay “Not asked yet”."
        )
    )
    st.download_button(
        _("Download the empty template (CSV)"),
        transfer.template_csv(),
        file_name="camino-import-template.csv",
        mime="text/csv",
        key="imp_template",
    )
    upload = st.file_uploader(_("CSV or XLSX file"), type=["csv", "xlsx"], key="imp_file")
    st.caption(_("Click the button above or drop the file on it: one CSV or XLSX file, up to 200 MB."))
    if upload is not None:
        data = upload.getvalue()
        report = transfer.preview(engine(), user, data, aliases())
        if report.file_problem:
            code, _sep, columns = report.file_problem.partition(":")
            st.error(_(FILE_PROBLEMS.get(code, N_("The file could not be read."))).format(columns=plain(columns)))
        else:
            good = report.good_rows
            st.markdown(
                ngettext("{n} row is ready.", "{n} rows are ready.", good).format(n=good)
                + " "
                + ngettext("{n} row has problems.", "{n} rows have problems.", report.bad_rows).format(
                    n=report.bad_rows
                )
            )
            if report.problems:
                st.error(_("Fix these rows in the file and upload it again. Nothing was saved."))
                st.dataframe(
                    pd.DataFrame(
                        {
                            _("Row"): [p.row for p in report.problems],
                            _("Column"): [
                                _(COLUMN_LABELS[p.field]) if p.field in COLUMN_LABELS else p.field or "—"
                                for p in report.problems
                            ],
                            _("Problem"): [
                                message_for(InputError(p.code, p.field), IMPORT_ERRORS)
                                for p in report.problems
                            ],
                        }
                    ),
                    hide_index=True,
                    width="stretch",
                    placeholder=NO_VALUE,
                )
            st.markdown(_("**Preview**"))
            st.dataframe(
                pd.DataFrame(
                    {
                        _("Row"): [r["row"] for r in report.rows[:50]],
                        _("Household name"): [r.get("display_name", "") for r in report.rows[:50]],
                        _("People in the household"): [r.get("household_size", "") for r in report.rows[:50]],
                        _("Where they live"): [r.get("jurisdiction", "") for r in report.rows[:50]],
                    }
                ),
                hide_index=True,
                width="stretch",
                placeholder=NO_VALUE,
            )
            fingerprint = hashlib.sha256(data).hexdigest()
            if st.session_state.get("imp_done") == fingerprint:
                # Guard against adding the same households twice from one upload.
                st.info(_("This file was imported. Upload another file to import more."))
            elif report.ok and st.button(
                ngettext("Import {n} household", "Import {n} households", len(report.rows)).format(
                    n=len(report.rows)
                ),
                type="primary",
                key="imp_commit",
            ):
                try:
                    added = transfer.commit(engine(), user, data, aliases=aliases())
                except transfer.ImportRejected:
                    st.error(_("The file changed or has problems. Nothing was saved."))
                else:
                    st.session_state["imp_done"] = fingerprint
                    st.success(
                        ngettext("{n} household added.", "{n} households added.", added).format(n=added)
                    )

with tab_export:
    st.caption(
        _(
            "The households you can see, one row each, with HUD's client questions. Phone, email, ID type, "
            "residency and street address are left out."
        )
    )
    fmt = st.segmented_control(
        _("Format"),
        ["csv", "xlsx"],
        format_func=frozen(["csv", "xlsx"], lambda kind: _("CSV") if kind == "csv" else _("Excel (XLSX)")),
        default="csv",
        key="exp_format",
        required=True,
    )
    office_id = office_picker(user, "exp_office")
    sensitive = False
    if user["role"] == "admin":
        sensitive = st.checkbox(
            _("Include sensitive fields (phone, email, ID type, residency, street address)"),
            key="exp_sensitive",
            help=_("Only for a reason you can explain. The export is recorded in the audit log."),
        )
    if st.button(_("Prepare the export"), key="exp_prepare"):
        columns, rows = transfer.caseload(
            engine(), user, include_sensitive=sensitive, office_id=office_id, label=labeler(lang())
        )
        body = transfer.to_xlsx(columns, rows) if fmt == "xlsx" else transfer.to_csv(columns, rows)
        st.session_state["exp_file"] = (fmt, body, len(rows))
    prepared = st.session_state.get("exp_file")
    if prepared:
        kind, body, count = prepared
        st.caption(
            ngettext("{n} household in the file.", "{n} households in the file.", count).format(n=count)
        )
        st.download_button(
            _("Download the file"),
            body,
            file_name=f"camino-caseload.{kind}",
            mime="text/csv"
            if kind == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="exp_download",
        )
