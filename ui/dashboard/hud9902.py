"""Rendering for the HUD-9902 page: period choice, the total-rule checks, sections, records to fix, downloads."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from db.pipeline import fiscal_quarter
from reports.hud9902 import form, writers
from ui.dashboard import data
from ui.dashboard.pipeline import open_in_households
from ui.households.labels import frozen
from ui.labels import (
    EDUCATION_LABELS,
    ETHNICITY_LABELS,
    INCOME_BAND_LABELS,
    LIMITED_ENGLISH_LABELS,
    OUTCOME_LABELS,
    PURPOSE_LABELS,
    RACE_LABELS,
    RURAL_LABELS,
    label,
)
from ui.office_picker import all_or_office
from ui.text import N_, NO_VALUE, _, date, ngettext, number

SECTION_LABELS = {
    "3": ETHNICITY_LABELS,
    "4": RACE_LABELS,
    "5": INCOME_BAND_LABELS,
    "6": RURAL_LABELS,
    "7": LIMITED_ENGLISH_LABELS,
    "8": EDUCATION_LABELS,
    "9": PURPOSE_LABELS,
    "10": OUTCOME_LABELS,
}
SECTION_TITLES = {
    "3": N_("Section 3: Ethnicity"),
    "4": N_("Section 4: Race"),
    "5": N_("Section 5: Income level"),
    "6": N_("Section 6: Rural area"),
    "7": N_("Section 7: Limited English"),
    "8": N_("Section 8: Group education, by purpose"),
    "9": N_("Section 9: One-on-one counseling, by purpose"),
    "10": N_("Section 10: Outcomes of one-on-one counseling"),
}
REASON_LABELS = {
    "missing_purpose": N_("A session has no purpose"),
    "missing_ethnicity": N_("Ethnicity is blank"),
    "missing_race": N_("Race is blank"),
    "missing_income_band": N_("Income level is blank"),
    "missing_rural": N_("Rural area is blank"),
    "missing_limited_english": N_("Limited English is blank"),
}


def choose_period(user: dict, today: dt.date) -> tuple[int, int, int | None]:
    """Fiscal year, quarter and office: admins pick any, a lead among the offices they lead."""
    this_fy, this_q = fiscal_quarter(today)
    st.session_state.setdefault("hud_quarter", this_q)  # start on the quarter we are in
    offices = (
        {o["id"]: o["name"] for o in data.offices(user)} if user.get("role") in ("admin", "lead") else {}
    )
    # The fiscal year reads "Año fiscal 2027 (octubre de 2026 – septiembre de 2027)": a wide box, and the
    # office on a row of its own, so nothing is cut at 1280 px.
    cols = [*st.columns([3, 1]), *(st.columns(2)[:1] if len(offices) > 1 else [])]
    years = list(range(this_fy, this_fy - 6, -1))
    fiscal_year = cols[0].selectbox(
        _("Fiscal year"),
        years,
        format_func=frozen(
            years, lambda y: _("FY{year} (October {start} – September {year})").format(year=y, start=y - 1)
        ),
        key="hud_fy",
        placeholder=_("Choose an option"),
    )
    quarter = cols[1].selectbox(
        _("Quarter (counted from October 1)"),
        [1, 2, 3, 4],
        format_func=frozen([1, 2, 3, 4], lambda q: _("Q{quarter}").format(quarter=q)),
        key="hud_quarter",
        placeholder=_("Choose an option"),
    )
    office_id = user.get("office_id")
    if len(offices) > 1:  # admins, and leads of several offices, pick one or all of theirs
        office_id = cols[2].selectbox(
            _("Office"),
            [None, *offices],
            format_func=all_or_office(user, offices),
            key="hud_office",
            placeholder=_("Choose an option"),
        )
    return fiscal_year, quarter, office_id


def period_caption(report: form.Report) -> str:
    return _("From {start} to {end}. Each household counts once for each different service.").format(
        start=date(report.start), end=date(report.end)
    )


def checks(report: form.Report) -> None:
    """HUD's rule: sections 3 to 7 each add up to section 8 + section 9."""
    for check in report.checks:
        text = _("Section {section}: {total} — section 8 + section 9: {expected}").format(
            section=check["section"], total=number(check["total"]), expected=number(check["expected"])
        )
        if check["passed"]:
            st.success(text, icon=":material/check_circle:")
        else:
            st.error(text + " " + _("(does not match)"), icon=":material/error:")


def section_table(section: form.Section, hud: form.Section | None = None) -> pd.DataFrame:
    """A section's rows; with `hud`, the form's HUD-grant column beside them (services a HUD grant paid)."""
    names = SECTION_LABELS[section.key]
    rows = [
        {_("Row"): f"{hud_label.split('.')[0]}. {label(names, code)}", _("Households"): count}
        for code, hud_label, count in section.rows()
    ]
    rows.append({_("Row"): _("Total"), _("Households"): section.total})
    if hud is not None:
        for row, count in zip(rows, [*(c for _code, _label, c in hud.rows()), hud.total], strict=True):
            row[_("Paid by a HUD grant")] = count
    return pd.DataFrame(rows)


def section_key(key: str) -> str:
    """The session-state key of a section's expander (True when open)."""
    return f"hud_section_{key}"


def sections(report: form.Report) -> None:
    """One expander a section, its total in the title; only an open section builds its table.

    on_change="rerun" makes each expander report whether it is open (public API): eight tables in closed
    expanders were eight data grids for the browser to mount on every visit; now only section 9 (open at
    first) and the ones the user opens are drawn.
    """
    for key in form.SECTIONS:
        title = _(SECTION_TITLES[key]) + f" — {number(report.sections[key].total)}"
        with st.expander(title, expanded=key == "9", key=section_key(key), on_change="rerun") as panel:
            if panel.open:
                hud = None if report.hud_sections is None else report.hud_sections[key]
                st.dataframe(
                    section_table(report.sections[key], hud),
                    hide_index=True,
                    width="stretch",
                    placeholder=NO_VALUE,
                )


def drop_offs(user: dict, report: form.Report) -> None:
    """The households the form would miss, with names (this page is for leads and admins only)."""
    if not report.would_drop_off:
        st.success(_("No household is missing demographics or a session purpose."), icon=":material/check:")
        return
    st.warning(
        ngettext(
            "{count} household would drop off the report. Fix it in the client file.",
            "{count} households would drop off the report. Fix them in the client file.",
            len(report.would_drop_off),
        ).format(count=number(len(report.would_drop_off))),
        icon=":material/warning:",
    )
    reasons = {item["household_id"]: item["reasons"] for item in report.would_drop_off}
    rows = data.household_rows(user, list(reasons))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    _("Household"): r["display_name"],
                    _("Counselor"): r["counselor"] or _("No counselor"),
                    _("What is missing"): "; ".join(_(REASON_LABELS[x]) for x in reasons[r["id"]]),
                }
                for r in rows
            ]
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )
    if st.button(_("Open them in the household list"), key="hud_open", icon=":material/groups:"):
        open_in_households(list(reasons))


def downloads(report: form.Report) -> None:
    """The form as CSV, Excel and JSON (each built when its button is pressed): numbers and household ids only."""
    name = f"hud9902-FY{report.fiscal_year}-Q{report.quarter}"
    a, b, c = st.columns(3)
    a.download_button(
        _("Download CSV"),
        partial(writers.to_csv, report),
        f"{name}.csv",
        "text/csv",
        key="hud_csv",
        on_click="ignore",
        icon=":material/download:",
    )
    b.download_button(
        _("Download Excel"),
        partial(writers.to_xlsx, report),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="hud_xlsx",
        on_click="ignore",
        icon=":material/download:",
    )
    c.download_button(
        _("Download JSON"),
        partial(writers.to_json, report),
        f"{name}.json",
        "application/json",
        key="hud_json",
        on_click="ignore",
        icon=":material/download:",
    )
