"""The action plan screen: a preview of what will print, the PDF download, and 'given to the client'."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from db.local_time import today_local
from db.scope import AccessDenied
from i18n import file_names
from reports.action_plan.build import build_pdf, plan_languages
from reports.action_plan.data import load_plan, mark_given
from reports.action_plan.sections import MILESTONE_LABELS, OWNER_LABELS, STATUS_LABELS
from ui.auth import signed_in_only
from ui.clients import selected_household_id
from ui.db import engine
from ui.session_flow import plan_sections
from ui.text import N_, NO_VALUE, _, date

VIEWED_KEY = "plan_viewed_household"  # the household whose plan view this session already audited
GIVEN_KEY = "plan_given_press"  # the GivenPress of the last press, for the run that follows it
PRINT_CHOICES = {
    "household": N_("The household's language ({language})"),
    "es": N_("Spanish"),
    "en": N_("English"),
    "both": N_("Both: Spanish, then English"),
}
LANGUAGE_NAMES = {"es": N_("Spanish"), "en": N_("English")}
MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|<>~$"  # $ too: two of them would start a formula


def plain(text) -> str:
    """User-typed text made inert for st.markdown (no links, images or formatting sneak in)."""
    return "".join("\\" + ch if ch in MARKDOWN_SPECIALS else ch for ch in " ".join(str(text or "").split()))


def heading(text: str) -> None:
    """A section title in the preview, the same words as the printed heading."""
    st.markdown(f"#### {text}")


def label(table: dict, code) -> str:
    return _(table[code]) if code in table else plain(str(code or "").replace("_", " "))


def _load(user: dict, household_id: int) -> dict | None:
    """The plan, auditing the first view of this household in the session (reruns do not add events)."""
    first_view = st.session_state.get(VIEWED_KEY) != household_id
    try:
        plan = load_plan(engine(), user, household_id, action="plan_viewed" if first_view else None)
    except AccessDenied:
        st.error(_("You do not have access to this household."))
        return None
    st.session_state[VIEWED_KEY] = household_id
    return plan


def print_options(plan: dict) -> tuple[str, bool]:
    household_lang = plan["household"]["language"]
    # Labels translated now, not inside format_func, which may run later outside this session's language.
    labels = {
        code: _(text).format(language=_(LANGUAGE_NAMES[household_lang]))
        for code, text in PRINT_CHOICES.items()
    }
    choice = st.radio(
        _("Print in"),
        list(PRINT_CHOICES),
        format_func=labels.get,
        key="plan_print_lang",
        horizontal=True,
    )
    large = st.toggle(_("Large print"), key="plan_large_print")
    return (household_lang if choice == "household" else choice), large


def download(user: dict, household_id: int, print_lang: str, large: bool) -> None:
    """The PDF is built only when the button is pressed, and that print is audited as 'plan_printed'."""
    db = engine()

    def pdf_bytes() -> bytes:
        return build_pdf(load_plan(db, user, household_id, action="plan_printed"), print_lang, large)

    st.download_button(
        _("Download the plan (PDF)"),
        data=pdf_bytes,
        file_name=file_names.file_name(file_names.ACTION_PLAN, print_lang, today_local().isoformat()),
        mime="application/pdf",
        icon=":material/print:",
        type="primary",
        key="plan_download",
        on_click="ignore",
    )


@dataclass(frozen=True)
class GivenPress:
    """What a press of "Given to the client today" did: the day recorded, or None (no access)."""

    on: dt.date | None


@signed_in_only
def _mark_given(user: dict, household_id: int) -> None:
    """The button's callback: recorded before the run, so the page is drawn once, already saying so.

    Recorded inside the run, it needed st.rerun() and the page was drawn twice. The household is the one
    whose plan was on screen when pressed. An ended session (idle, 12 hours, an account disabled or changed)
    records nothing (`signed_in_only`).
    """
    try:
        st.session_state[GIVEN_KEY] = GivenPress(mark_given(engine(), user, household_id))
    except AccessDenied:
        st.session_state[GIVEN_KEY] = GivenPress(None)


def given_to_client(user: dict, household_id: int, plan: dict, pressed: GivenPress | None = None) -> None:
    """HUD asks that the client gets a copy (FAQ 2519): record the day it was handed over (`pressed`: what
    the last press did, said once)."""
    if plan.get("given_plan_on"):
        st.success(_("A copy was given to the client on {date}.").format(date=date(plan["given_plan_on"])))
    else:
        st.info(_("The file does not show a copy given to the client yet."))
    st.button(
        _("Given to the client today"),
        key="plan_given",
        icon=":material/task_alt:",
        on_click=_mark_given,
        args=(user, household_id),
    )
    if pressed is None:
        return
    if pressed.on is None:
        st.error(_("You do not have access to this household."))
    else:
        st.toast(_("Recorded: copy given on {date}.").format(date=date(pressed.on)))


def preview(plan: dict, print_lang: str) -> None:
    """The plan's content on screen, in the viewer's language, section by section as it prints."""
    names = [_(LANGUAGE_NAMES[code]) for code in plan_languages(plan, print_lang)]
    st.caption(_("Preview. The printed copy will be in: {languages}.").format(languages=", ".join(names)))
    with st.container(border=True):
        st.subheader(plain(plan["household"]["name"]) or _("Household"))
        counselor = plan.get("counselor") or {}
        st.markdown(
            _("**Housing counselor:** {name} · **HUD counselor ID:** {hud_id}").format(
                name=plain(counselor.get("name")) or "—", hud_id=plain(counselor.get("hud_id")) or "—"
            )
        )
        if (plan.get("summary") or "").strip():
            st.markdown(plain(plan["summary"]))
        _goals(plan)
        _steps(plan)
        plan_sections.budget(plan)
        plan_sections.home_buying(plan)
        plan_sections.renting(plan)
        _milestones(plan)
        _referrals(plan)
        heading(_("Next follow-up"))
        if plan.get("next_follow_up"):
            st.markdown(date(plan["next_follow_up"]))
        else:
            st.caption(_("Your counselor will call you to set a date."))


def _goals(plan: dict) -> None:
    heading(_("Your goals"))
    goals = [g for g in plan.get("goals") or [] if str(g).strip()]
    if goals:
        st.markdown("\n".join(f"- {plain(g)}" for g in goals))
    else:
        st.caption(_("No goals written yet. We will set them together at your next visit."))


def _steps(plan: dict) -> None:
    heading(_("Steps: who does what, and by when"))
    steps = plan.get("steps") or []
    if not steps:
        st.caption(_("No steps written yet."))
        return
    rows = [
        {
            _("Step"): str(step.get("text") or ""),
            _("Who"): label(OWNER_LABELS, step.get("owner")),
            _("By when"): date(step["due_date"]) if step.get("due_date") else _("No date"),
            _("Status"): label(STATUS_LABELS, step.get("status")),
        }
        for step in steps
    ]
    st.dataframe(rows, hide_index=True, width="stretch", placeholder=NO_VALUE)


def _milestones(plan: dict) -> None:
    data = plan.get("milestones") or {}
    heading(_("Your progress"))
    reached = data.get("reached") or []
    if reached:
        st.markdown(
            "\n".join(
                "- "
                + _("{milestone} — {date}").format(
                    milestone=label(MILESTONE_LABELS, m.get("code")), date=date(m["achieved_on"])
                )
                for m in reached
            )
        )
    else:
        st.caption(_("Nothing recorded yet. Every step counts."))
    if data.get("next"):
        st.markdown(
            _("**Coming next:** {milestones}").format(
                milestones=", ".join(label(MILESTONE_LABELS, code) for code in data["next"])
            )
        )


def _referrals(plan: dict) -> None:
    heading(_("Other places that can help you"))
    referrals = [r for r in plan.get("referrals") or [] if r.get("status") != "dropped"]
    if not referrals:
        st.caption(_("No referrals yet."))
        return
    rows = [
        {
            _("Where"): str(r.get("agency") or ""),
            _("How to reach them"): str(r.get("contact") or ""),
            _("Why"): str(r.get("reason") or ""),
            _("We check back on"): date(r["follow_up_on"]) if r.get("follow_up_on") else "—",
        }
        for r in referrals
    ]
    st.dataframe(rows, hide_index=True, width="stretch", placeholder=NO_VALUE)


def render(user: dict) -> None:
    """The whole screen for the open household, or a pointer to open one."""
    st.title(_("Action plan"))
    pressed = st.session_state.pop(GIVEN_KEY, None)  # said in this run only (no plan: _load says why)
    household_id = selected_household_id()
    if household_id is None:
        st.info(_("Open a household from the Households page first; its plan will appear here."))
        return
    plan = _load(user, household_id)
    if plan is None:
        return
    print_lang, large = print_options(plan)
    left, right = st.columns([1, 1])
    with left:
        download(user, household_id, print_lang, large)
    with right:
        given_to_client(user, household_id, plan, pressed)
    preview(plan, print_lang)
