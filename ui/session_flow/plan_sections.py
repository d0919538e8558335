"""The plan preview's calculator sections: what each saved scenario says, which one it is, and if it is stale.

Labels come from reports.action_plan.scenarios in the viewer's language, the same words the printed plan uses.
"""

from __future__ import annotations

import contextlib

import streamlit as st

from reports.action_plan import scenarios as ps
from reports.action_plan.data import stale_sections
from ui.text import N_, _, date, lang, money

KIND_NAMES = {
    "budget": N_("Budget coach"),
    "affordability": N_("Home affordability"),
    "assistance": N_("Down-payment assistance"),
    "tenant_checklist": N_("Tenant rights"),
}
MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|<>~$"


def plain(text) -> str:
    """Text made inert for st.markdown (content and names never format the page)."""
    return "".join("\\" + ch if ch in MARKDOWN_SPECIALS else ch for ch in " ".join(str(text or "").split()))


def source(plan: dict, kind: str) -> None:
    """Which saved scenario feeds this section and its date; a warning when the household changed since."""
    saved = ps.saved_on(plan, kind)
    if saved is None:
        return
    st.caption(
        _("Source: {calculator}, saved {date}.").format(calculator=_(KIND_NAMES[kind]), date=date(saved))
    )
    if kind in stale_sections(plan):
        st.warning(
            _(
                "The household's income or size changed after this was saved. "
                "Open {calculator} again and save it before printing."
            ).format(calculator=_(KIND_NAMES[kind])),
            icon=":material/update:",
        )


def budget(plan: dict) -> None:
    st.markdown("#### " + _("Your monthly budget"))
    view = ps.budget_view(ps.scenario_of(plan, "budget"), lang())
    if view is None:
        st.caption(_("No budget yet. We will build one together."))
        return
    source(plan, "budget")
    shown = view.figures[:3]
    for column, (label, amount) in zip(st.columns(max(1, len(shown))), shown, strict=False):
        column.metric(label, money(amount, cents=False))
    bars = list(view.bars)
    left_label = _("What is left each month")
    if bars and (view.left_over or 0) > 0:
        bars.append((left_label, view.left_over))
    if bars:
        # Imported when a budget chart is drawn: altair and vl-convert take half a second to import, which
        # every first opening of a client file (it imports this module for its "Open in" row) used to pay.
        from reports.charts import bar_chart_png

        with contextlib.suppress(Exception):  # the figures above already say it
            st.image(bar_chart_png(bars, title=_("Where your money goes each month"), highlight=left_label))


def home_buying(plan: dict) -> None:
    st.markdown("#### " + _("Buying a home"))
    home = ps.scenario_of(plan, "affordability")
    if home is None:
        st.caption(_("No home-buying estimate yet."))
    else:
        source(plan, "affordability")
        parts = [(label, money(value, cents=False)) for label, value in ps.home_figures(home, lang())]
        if home.loan_type:
            parts.append((_("Type of loan"), ps.loan_label(home.loan_type, lang())))
        st.markdown("\n".join(f"- {name}: **{plain(value)}**" for name, value in parts))
    programs = ps.program_rows(ps.scenario_of(plan, "assistance"), lang())
    if programs:
        st.markdown(_("**Help with the down payment that may apply**"))
        source(plan, "assistance")
        up_to = _("{program}: up to {amount}")
        lines = [
            up_to.format(program=plain(name), amount=money(amount, cents=False)) if amount else plain(name)
            for name, amount in programs
        ]
        st.markdown("\n".join(f"- {line}" for line in lines))
        st.caption(_("Each program decides who qualifies. Please verify amounts and rules with the program."))


def renting(plan: dict) -> None:
    lines = ps.tenant_lines(ps.scenario_of(plan, "tenant_checklist"), lang())
    if not (lines or plan["household"].get("housing_status") == "renter"):
        return
    st.markdown("#### " + _("Your home as a renter"))
    if not lines:
        st.caption(_("No renter checklist yet."))
        return
    source(plan, "tenant_checklist")
    for flag, title in (("red", _("Warning signs we found")), ("check", _("Things to check"))):
        chosen = [line for line in lines if line.flag == flag]
        if chosen:
            st.markdown(f"**{title}**")
            for line in chosen:
                st.markdown(f"- {plain(line.question)}")
                st.caption(_("What to do: {steps}").format(steps=plain(line.what_to_do)))
                if line.whom_to_call:
                    st.caption(
                        _("Whom to call: {contacts}").format(contacts=plain("; ".join(line.whom_to_call)))
                    )
