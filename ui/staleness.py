"""Staleness next to a result: name each figure the result used that was checked over 12 months ago, or
whose period is over, and whom to ask. Pages call these right under the result they show."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from calculators.rules import STALE_AFTER_DAYS, as_date
from db.local_time import today_local
from ui.text import N_, _, date

# affordability defaults: what the figure is called and whom to ask about it
FIGURES = {
    "loan_limit": (N_("Loan limit"), N_("the lender")),
    "min_down_rate": (N_("Minimum down payment"), N_("the lender")),
    "front_limit": (N_("Housing limit (front-end DTI)"), N_("the lender")),
    "back_limit": (N_("Total-debt limit (back-end DTI)"), N_("the lender")),
    "closing_cost_rate": (N_("Closing costs"), N_("the lender")),
    "property_tax_rate": (N_("Property tax rate"), N_("the county or city tax office")),
    "homestead_deduction": (N_("Homestead deduction"), N_("the tax office")),
    "annual_insurance": (N_("Homeowners insurance (a year)"), N_("an insurance agent")),
}


def is_old(entry: dict, today: dt.date | None = None) -> bool:
    """Checked more than 12 months ago, or its period ended before today."""
    today = today or today_local()
    checked = entry.get("verified_on")
    if checked and (today - as_date(checked)).days > STALE_AFTER_DAYS:
        return True
    ends = entry.get("effective_to")
    return bool(ends) and as_date(ends) <= today


def old_figures(assumptions: list[dict], today: dt.date | None = None) -> list[dict]:
    """The affordability defaults a result used that are old, in the order they were used."""
    return [a for a in assumptions if a["field"] in FIGURES and a.get("source_url") and is_old(a, today)]


def unknown_figures(assumptions: list[dict]) -> list[dict]:
    """The affordability defaults that exist in law but have no figure on file for the date."""
    return [a for a in assumptions if a["field"] in FIGURES and a.get("unknown")]


def affordability_note(analysis: dict) -> None:
    """'Loan limit last checked June 1, 2025; verify with the lender.' for each old figure used, and
    'Homestead deduction: no figure on file for this date; ask the tax office.' for each missing one."""
    lines = []
    for entry in unknown_figures(analysis.get("assumptions", [])):
        figure, whom = FIGURES[entry["field"]]
        lines.append(
            _("{figure}: no figure on file for this date, so it was left out; ask {whom}.").format(
                figure=_(figure), whom=_(whom)
            )
        )
    for entry in old_figures(analysis.get("assumptions", [])):
        figure, whom = FIGURES[entry["field"]]
        lines.append(
            _("{figure} last checked {date}; verify with {whom}.").format(
                figure=_(figure), date=date(entry["verified_on"]), whom=_(whom)
            )
        )
    if lines:
        st.warning("  \n".join(lines), icon=":material/update:")


def program_note(entry: dict) -> None:
    """Under a program card: its figures were last checked over 12 months ago."""
    if entry.get("verified_on") and is_old(entry):
        st.warning(
            _("This program's figures were last checked {date}; verify them with the program.").format(
                date=date(entry["verified_on"])
            ),
            icon=":material/update:",
        )


def agency_mark(entry: dict) -> None:
    """'Set by your agency' when the figure comes from a row the agency added."""
    if entry.get("set_by_agency"):
        st.caption(_("Set by your agency."))


def rule_note(row: dict | None, figure: str, whom: str, today: dt.date | None = None) -> None:
    """Under a result that used one dated rule row: 'Remittance cost goal last checked …; verify with …'
    when it is old or its period is over, and 'no figure on file' when there is none for the date.
    `figure` and `whom` are N_() markers, translated here."""
    if row is None:
        st.warning(
            _("{figure}: no figure on file for this date; ask {whom}.").format(figure=_(figure), whom=_(whom)),
            icon=":material/help:",
        )
    elif is_old(row, today):
        st.warning(
            _("{figure} last checked {date}; verify with {whom}.").format(
                figure=_(figure), date=date(as_date(row["verified_on"])), whom=_(whom)
            ),
            icon=":material/update:",
        )


MEDIAN = N_("HUD's area median income for the Washington metro area")
MEDIAN_WHOM = N_("HUD (huduser.gov income limits) or a lead, who can add it on Program rules")


def median_row_on(day: dt.date) -> dict | None:
    """HUD's median-income row in force on `day`, or None when the fiscal year's figure is not on file."""
    from calculators import InputError
    from calculators.ami import median_row

    try:
        return median_row("dc", day)
    except InputError as err:
        if err.code == "no_rule_in_force":
            return None
        raise


def median_note(day: dt.date | None = None) -> None:
    """Where percents of the area median are shown: name HUD's median when it is missing or old."""
    day = day or today_local()
    rule_note(median_row_on(day), MEDIAN, MEDIAN_WHOM, day)
