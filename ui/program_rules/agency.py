"""The Program rules page's agency panel: add a row to any table, see the agency's rows, export them."""

from __future__ import annotations

import streamlit as st

from calculators.rules import all_rule_files, shipped
from calculators.rules.agency import shown, table_kind
from calculators.rules.overlay import key_label, series_key
from db import agency_rules
from ui import rule_overlay
from ui.db import engine
from ui.households.labels import frozen
from ui.program_rules.labels import field_name, file_name, table_name
from ui.text import N_, _, date

ERRORS = {
    "required": N_("Please fill in this field."),
    "not_a_date": N_("Enter a date as year-month-day, for example 2027-05-01."),
    "checked_in_the_future": N_("The day you checked cannot be after today."),
    "not_a_number": N_("Please enter a number."),
    "not_a_whole_number": N_("Please enter a whole number."),
    "negative_amount": N_("This amount cannot be negative."),
    "share_out_of_range": N_("Enter a share from 0 to 1 (0.045 is 4.5%)."),
    "not_a_list_of_numbers": N_("Enter numbers separated by commas."),
    "wrong_length": N_("Enter one figure for each household size, as in the shipped rows."),
    "not_yes_no": N_("Enter yes or no."),
    "not_a_web_address": N_("Enter the web address of the source, starting with https://."),
    "unknown_choice": N_("Use one of the values the table already has."),
    "ends_before_it_starts": N_("The end date must be after the start date."),
    "unknown_field": N_("This field is not recognized."),
    "not_allowed": N_("Only program leads and administrators can add figures."),
    "unknown_table": N_("This table is not one of the rule tables."),
}


def _hint(fk) -> str:
    if fk.kind == "date":
        return _("A date: year-month-day.")
    if fk.share:
        return _("A share from 0 to 1: 0.045 is 4.5%.")
    if fk.choices:
        return _("One of: {choices}").format(choices=", ".join(fk.choices))
    if fk.kind == "numbers":
        return _("Numbers separated by commas.")
    return ""


def add_row_form(user: dict) -> None:
    """Pick a table and a row to start from, edit the figures, save: checked field by field."""
    st.subheader(_("Add a figure for your agency"))
    st.caption(
        _(
            "A new limit, rate or amount, or a row you checked again with its source. The calculators use it "
            "instead of the shipped figure from its first day, marked 'set by your agency'."
        )
    )
    file = st.selectbox(
        _("Rule file"),
        all_rule_files(),
        format_func=frozen(all_rule_files(), file_name),
        key="ar_file",
        placeholder=_("Choose an option"),
    )
    tables = [t for t, rows in shipped(file).items() if t != "meta" and isinstance(rows, list)]
    table = st.selectbox(
        _("Table"),
        tables,
        format_func=frozen(tables, table_name),
        key=f"ar_table_{file}",
        placeholder=_("Choose an option"),
    )
    rows = shipped(file)[table]
    latest = max(range(len(rows)), key=lambda i: rows[i]["effective_from"])
    start = st.selectbox(
        _("Start from this row"),
        list(range(len(rows))),
        index=latest,
        format_func=lambda i: f"{key_label(series_key(rows[i]))} · {rows[i]['effective_from'].isoformat()}",
        key=f"ar_template_{file}_{table}",
        placeholder=_("Choose an option"),
    )
    template = rows[start]
    values: dict[str, str] = {}
    slots = {}
    for fk in table_kind(file, table).fields:
        if fk.kind in ("bilingual", "texts"):
            continue
        label = field_name(fk.name)
        default = _default(fk.name, template)
        values[fk.name] = st.text_input(
            f"{label} *" if fk.required else label,
            value=default,
            key=f"ar_{file}_{table}_{start}_{fk.name}",
            help=_hint(fk) or None,
        )
        slots[fk.name] = st.empty()
    if not st.button(_("Save as your agency's figure"), key="ar_save", type="primary"):
        return
    try:
        agency_rules.add_row(engine(), user, file, table, values)
    except agency_rules.AgencyRowRefused as refused:
        for field, code in refused.errors.items():
            message = _(ERRORS.get(code, N_("Please check this value.")))
            (slots.get(field) or st).error(message, icon=":material/error:")
        st.error(_("Nothing was saved. Correct the fields marked in red."), icon=":material/error:")
        return
    rule_overlay.refresh()
    st.success(
        _("Saved. The calculators use this figure from {date}.").format(date=date(values["effective_from"])),
        icon=":material/check_circle:",
    )


def agency_rows_panel() -> None:
    """The rows the agency set, newest first, and the TOML to contribute them back."""
    st.subheader(_("Figures set by your agency"))
    found = agency_rules.rows(engine())
    if not found:
        st.info(_("Your agency has not set any figure yet."))
        return
    for item in reversed(found):
        st.markdown(
            _(
                "**{file} · {table}** · {which} · from {start} · checked {checked} · set by your agency"
            ).format(
                file=file_name(item.file),
                table=table_name(item.table),
                which=key_label(series_key(item.row)) or "-",
                start=date(item.row["effective_from"]),
                checked=date(item.row["verified_on"]),
            )
        )
    st.download_button(
        _("Download your agency's figures (TOML, ready to contribute)"),
        data=agency_rules.export_toml(engine()),
        file_name="camino-agency-rules.toml",
        mime="application/toml",
        key="ar_export",
    )


def _default(name: str, template: dict) -> str:
    """A field's starting text from the row chosen as a template. The new row is the next period: it
    starts the day the template's ended, its own end and the day of the check are never assumed."""
    if name in ("verified_on", "effective_to"):
        return ""
    if name == "effective_from" and template.get("effective_to"):
        return shown(template["effective_to"])
    return shown(template.get(name))
