"""Households: search by name or phone, filter, page through the caseload, and open a client file."""

from ui.auth import CLIENT_ROLES, require_role

user = require_role(*CLIENT_ROLES)

import streamlit as st  # noqa: E402

from db import codes, households  # noqa: E402
from ui import filter_menu  # noqa: E402
from ui.db import engine  # noqa: E402
from ui.households import listing as household_list  # noqa: E402
from ui.households.labels import STATUS_LABELS, frozen  # noqa: E402
from ui.labels import JURISDICTION_LABELS, LANGUAGE_LABELS, STAGE_LABELS, label  # noqa: E402
from ui.text import _, ngettext  # noqa: E402

household_list.go_to_chosen_file("hh_list")
st.title(_("Households"))

counselors = {c["id"]: c["name"] for c in households.counselors(engine(), user)}
ALL = "all"


def any_or(table: dict):
    return lambda code: _("All") if code == ALL else label(table, code)


# Filters stay in session state only: a search may be a client's name, which never goes in a URL.
query = st.text_input(
    _("Search by name or phone"), key="hh_q", placeholder=_("For example: Hernández or 202-555")
)
HIDDEN = {"hh_counselor": ALL, "hh_stage": ALL, "hh_area": ALL, "hh_language": ALL}
box, e, f, g = st.columns([1, 2, 2, 1], vertical_alignment="bottom")
with box:
    more = filter_menu.menu("hh_more", filter_menu.count_set(HIDDEN))
counselor_choices = frozen([ALL, *counselors], lambda uid: _("All") if uid == ALL else counselors[uid])
counselor = more.selectbox(
    _("Counselor"),
    [ALL, *counselors],
    format_func=counselor_choices,
    key="hh_counselor",
    placeholder=_("Choose an option"),
)
stage_choices = frozen([ALL, *codes.STAGES], any_or(STAGE_LABELS))
stage = more.selectbox(
    _("Stage"),
    [ALL, *codes.STAGES],
    format_func=stage_choices,
    key="hh_stage",
    placeholder=_("Choose an option"),
)
area_choices = frozen([ALL, *codes.JURISDICTION], any_or(JURISDICTION_LABELS))
area = more.selectbox(
    _("Area"),
    [ALL, *codes.JURISDICTION],
    format_func=area_choices,
    key="hh_area",
    placeholder=_("Choose an option"),
)
language_choices = frozen([ALL, "es", "en"], any_or(LANGUAGE_LABELS))
language = more.selectbox(
    _("Language"),
    [ALL, "es", "en"],
    format_func=language_choices,
    key="hh_language",
    placeholder=_("Choose an option"),
)
status = e.segmented_control(
    _("Files"),
    ["open", "closed", ALL],
    format_func=frozen(["open", "closed", ALL], any_or(STATUS_LABELS)),
    key="hh_status",
    default="open",
)
due = f.checkbox(
    _("Only follow-up due"), key="hh_due", help=_("Follow-up date has come, or no contact in 60 days.")
)
filter_menu.applied_line(
    [
        filter_menu.Applied(field, shown(value))
        for field, value, shown in (
            (_("Counselor"), counselor, counselor_choices),
            (_("Stage"), stage, stage_choices),
            (_("Area"), area, area_choices),
            (_("Language"), language, language_choices),
        )
        if value != ALL
    ]
)

filters = {
    "text": query,
    "counselor_id": None if counselor == ALL else counselor,
    "stage": None if stage == ALL else stage,
    "jurisdiction": None if area == ALL else area,
    "language": None if language == ALL else language,
    "follow_up_due": due,
    "status": None if status in (ALL, None) else status,
}
behind = st.session_state.get("households_filter") or {}
if behind.get("ids") is not None:
    # Came from a number on the dashboard: show exactly those households, open or closed.
    filters["ids"] = [int(i) for i in behind["ids"]]
    filters["status"] = None
    st.info(_("Showing the households behind a number on the dashboard."), icon=":material/filter_alt:")
    st.button(_("Show all households"), key="hh_clear_behind", on_click=household_list.show_all)
signature = repr(sorted(filters.items()))
if st.session_state.get("hh_filters") != signature:
    st.session_state["hh_filters"] = signature
    st.session_state["hh_page"] = 1
page_number = g.number_input(_("Page"), min_value=1, step=1, key="hh_page")
result = households.search(engine(), user, page=int(page_number), **filters)
if st.session_state.get("hh_audited") != (signature, result.page):
    st.session_state["hh_audited"] = (signature, result.page)
    households.record_list_view(engine(), user, len(result.rows))

st.caption(
    ngettext("{n} household", "{n} households", result.total).format(n=result.total)
    + " · "
    + _("page {page} of {pages}").format(page=result.page, pages=result.pages)
)
if not result.rows:
    st.info(_("No household matches. Try fewer filters, or add a new household."))
household_list.show(result.rows, "hh_list")
