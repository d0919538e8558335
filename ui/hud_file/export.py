"""The HUD-9902 page's client-level part: the households HUD's client reporting would leave out, each
with a button to open its file, and the client-profile files (XML in HUD's layout, CSV) to download.

Built on demand (a button), because it reads every served household's cases and sessions.
"""

from __future__ import annotations

import streamlit as st

from db import agreements
from reports import hud_arm
from reports.hud9902.form import period
from reports.hud_arm import serializer
from reports.hud_arm.readiness import fields_missing
from reports.notices_pdf import TITLES
from ui.auth import signed_in_only
from ui.clients import open_household
from ui.dashboard.data import household_rows
from ui.db import engine
from ui.hud_file.profile import gap_label
from ui.text import _, ngettext, number

RESULT_KEY = "hud_client_export"
HOUSEHOLD_PAGE = "app_pages/household.py"
MAX_LISTED = 200


def _open(household_id: int) -> None:
    open_household(household_id)
    st.session_state["hud_open_file"] = True


def _fix_list(user: dict, problems: dict[int, str], prefix: str) -> None:
    """One line per household with what to fix and a button that opens its file."""
    for row in household_rows(user, list(problems)[:MAX_LISTED]):
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.text(f"{row['display_name']} — {_('Missing')}: {problems[row['id']]}")
        right.button(_("Open file"), key=f"{prefix}_{row['id']}", on_click=_open, args=(row["id"],))


def _notices(user: dict, fiscal_year: int, quarter: int, office_id: int | None) -> None:
    """How many households served in the period have the agreement, disclosure and privacy notice."""
    start, end = period(fiscal_year, quarter)
    counts = agreements.period_counts(engine(), user, start, end, office_id)
    st.markdown(_("**Agreement, disclosure and privacy notice**"))
    st.text(
        _("{complete} of {served} households served have all three on file.").format(
            complete=number(counts["complete"]), served=number(counts["served"])
        )
    )
    if counts["missing"]:
        # Closed until opened, and built only then (on_change="rerun" reports whether it is open): a row
        # and a button a household (up to 200) were drawn on every visit to the HUD-9902 page.
        missing = len(counts["missing"])
        label = ngettext("{n} household to complete", "{n} households to complete", missing).format(
            n=number(missing)
        )
        with st.expander(label, key="ntc_fix_open", on_change="rerun") as listed:
            if listed.open:
                _fix_list(
                    user,
                    {hid: ", ".join(_(TITLES[k]) for k in kinds) for hid, kinds in counts["missing"].items()},
                    "ntc_fix",
                )


@signed_in_only
def _prepare(user: dict, fiscal_year: int, quarter: int, office_id: int | None) -> None:
    result = hud_arm.client_export(engine(), user, fiscal_year, quarter, office_id)
    st.session_state[RESULT_KEY] = {"period": (fiscal_year, quarter, office_id), "result": result}


def client_level(user: dict, fiscal_year: int, quarter: int, office_id: int | None) -> None:
    """Draw the client-level readiness list and downloads for the period chosen on the page."""
    if st.session_state.pop("hud_open_file", False):
        st.switch_page(HOUSEHOLD_PAGE)
    _notices(user, fiscal_year, quarter, office_id)
    st.caption(
        _(
            "HUD's client-level file needs every answer HUD asks for. Households with a missing answer are "
            "left out of the file and listed here, so you can fix them."
        )
    )
    st.button(
        _("Check the households and prepare the files"),
        key="hud_client_prepare",
        on_click=_prepare,
        args=(user, fiscal_year, quarter, office_id),
        icon=":material/fact_check:",
    )
    stored = st.session_state.get(RESULT_KEY)
    if not stored or stored["period"] != (fiscal_year, quarter, office_id):
        return
    result = stored["result"]
    st.info(
        ngettext(
            "{n} case is ready for HUD's client file.",
            "{n} cases are ready for HUD's client file.",
            result.included,
        ).format(n=number(result.included))
    )
    if result.left_out:
        st.warning(
            ngettext(
                "{n} household would be left out. Open its file to fix it.",
                "{n} households would be left out. Open each file to fix it.",
                len(result.left_out),
            ).format(n=number(len(result.left_out))),
            icon=":material/warning:",
        )
        _fix_list(
            user,
            {
                hid: ", ".join(gap_label(source) for source in fields_missing(gaps))
                for hid, gaps in result.left_out.items()
            },
            "hud_fix",
        )
    else:
        st.success(_("No household is left out."), icon=":material/check:")
    if result.included:
        a, b = st.columns(2)
        a.download_button(
            _("Download HUD client file (XML)"),
            result.xml,
            serializer.file_name(fiscal_year, quarter, "xml"),
            mime="application/xml",
            key="hud_client_xml",
        )
        b.download_button(
            _("Download HUD client file (CSV)"),
            result.csv,
            serializer.file_name(fiscal_year, quarter, "csv"),
            mime="text/csv",
            key="hud_client_csv",
        )
