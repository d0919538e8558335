"""Who pays for a session or workshop, and the fee charged: widgets shared by the session and workshop forms.

The rules are in db.funding. A choice is one string: 'hud' (a HUD grant the admin has not named),
'hud:<id>' / 'grant:<id>' (a listed source), or 'none'.
"""

from __future__ import annotations

import streamlit as st

from db import funding
from ui.db import engine
from ui.errors import FieldErrors
from ui.households.labels import frozen
from ui.text import N_, _, lang, money

ERRORS = {
    "missing_funding": N_("Choose who pays. HUD reviewers look for the funding source of every service."),
    "negative_amount": N_("The fee cannot be negative."),
}
FUNDING_LABELS = {
    "hud": N_("HUD housing counseling grant"),
    "none": N_("No grant (the agency's own funds)"),
    "": N_("Not recorded"),
}


def options() -> tuple[list[str], dict[str, str]]:
    """The choices, in order, and their labels in this run's language."""
    listed = funding.sources(engine())
    keys, labels = [], {}
    hud_sources = [s for s in listed if s.hud_grant]
    if not hud_sources:
        keys.append("hud")
        labels["hud"] = _(FUNDING_LABELS["hud"])
    for source in hud_sources:
        key = f"hud:{source.id}"
        keys.append(key)
        labels[key] = _("{name} (HUD grant)").format(name=source.name(lang()))
    for source in listed:
        if not source.hud_grant:
            key = f"grant:{source.id}"
            keys.append(key)
            labels[key] = source.name(lang())
    keys.append("none")
    labels["none"] = _(FUNDING_LABELS["none"])
    return keys, labels


def choice_of(kind: str, source_id: int | None) -> str | None:
    """The widget value for a stored funding (None when it was never recorded)."""
    if not kind:
        return None
    if kind == "none" or source_id is None:
        return kind
    return f"{kind}:{source_id}"


def parse(choice: str | None) -> tuple[str, int | None] | None:
    """(funding, source id) from a widget value; None when nothing is chosen."""
    if not choice:
        return None
    kind, _sep, source = str(choice).partition(":")
    return kind, (int(source) if source.isdigit() else None)


def fields(prefix: str, errors: FieldErrors, *, what: str = "session") -> None:
    """The funding select and the fee, side by side (inside the caller's form)."""
    keys, labels = options()
    if st.session_state.get(f"{prefix}_funding") not in (None, *keys):
        st.session_state[f"{prefix}_funding"] = None  # a source retired since: choose again
    left, right = st.columns(2)
    with left:
        st.selectbox(
            _("Who pays for this session") if what == "session" else _("Who pays for this workshop"),
            keys,
            index=None,
            placeholder=_("Choose the funding source"),
            format_func=frozen(keys, labels.get),
            key=f"{prefix}_funding",
        )
        errors.slot("funding")
    with right:
        st.number_input(
            _("Fee charged ($)") if what == "session" else _("Fee per person ($)"),
            min_value=0.0,
            max_value=funding.MAX_FEE,
            value=0.0,
            step=5.0,
            key=f"{prefix}_fee",
            help=_("0 when the service is free. Intake is always free (24 CFR 214.313)."),
        )
        errors.slot("fee")


def remember(prefix: str, owner_id: int, last: dict | None) -> None:
    """Start the funding from the household's last session (None for a first one): never guessed."""
    # Also when Streamlit forgot the widget's value (a run that did not draw it: another tab or page).
    if (
        st.session_state.get(f"{prefix}_funding_for") != owner_id
        or f"{prefix}_funding" not in st.session_state
    ):
        st.session_state[f"{prefix}_funding_for"] = owner_id
        st.session_state[f"{prefix}_funding"] = (
            choice_of(last.get("funding", ""), last.get("funding_source_id")) if last else None
        )


def label_of(kind: str, source_id: int | None, names: dict[int, str]) -> str:
    """A stored funding as the session table shows it."""
    if source_id is not None and source_id in names:
        return names[source_id]
    return _(FUNDING_LABELS.get(kind, FUNDING_LABELS[""]))


def source_names() -> dict[int, str]:
    return {s.id: s.name(lang()) for s in funding.sources(engine(), active_only=False)}


def fee_text(fee: float | None) -> str:
    return "—" if fee is None else money(fee)
