"""Turn calculator InputError codes into translated messages shown next to the field they belong to."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import streamlit as st

from calculators import InputError
from ui.text import N_, _

MESSAGES = {
    "negative_amount": N_("This amount cannot be negative."),
    "not_a_number": N_("Please enter a number."),
    "out_of_range": N_("This value is outside the range we can calculate."),
    "missing_field": N_("Please fill in this field."),
    "unknown_field": N_("This field is not recognized."),
    "rate_out_of_range": N_("Enter an interest rate above 0% and at most 20%."),
    "term_out_of_range": N_("Enter a loan term between 10 and 40 years."),
    "down_payment_over_price": N_("The down payment cannot be more than the price."),
    "no_income": N_("Enter the household's monthly income (more than $0)."),
    "bad_date": N_("Please enter a valid date."),
    "control_characters": N_(
        "This text holds invisible control or direction characters. Please type it again without them."
    ),
    "no_rule_in_force": N_(
        "We have no rule on file for that date. Please verify with the program or agency."
    ),
}
ERROR_ICON = ":material/error:"


def message_for(error: InputError, extra: dict[str, str] | None = None) -> str:
    """The translated sentence for an InputError; page-specific codes come in `extra`."""
    table = {**MESSAGES, **(extra or {})}
    template = table.get(error.code, N_("Please check this value."))
    return _(template)


class FieldErrors:
    """Placeholders under each widget, so an error appears next to the field it is about."""

    def __init__(self) -> None:
        self._slots: dict[str, st.delta_generator.DeltaGenerator] = {}

    def slot(self, field: str) -> None:
        self._slots[field] = st.empty()

    def show(self, error: InputError, extra: dict[str, str] | None = None) -> None:
        """Show the message at its field, or at the top of the form when the field has no slot."""
        target = self._slots.get(error.field or "")
        message = message_for(error, extra)
        if target is not None:
            target.error(message, icon=ERROR_ICON)
        else:
            st.error(message, icon=ERROR_ICON)


@dataclass(frozen=True)
class Refusal:
    """A save refused in its button's callback, kept for the next run to show once, in its box."""

    box: Hashable  # the box or form whose button was pressed
    error: InputError | None = None  # shown at its field, in the page's words (`show_refusal`)
    message: str = ""  # else a sentence translated in the callback (a clash, an account code, out of reach)


def refuse(key: str, box: Hashable, error: InputError | None = None, message: str = "") -> None:
    """In a callback: keep why the save of `box` was refused, for the run that follows (`take_refusal`)."""
    st.session_state[key] = Refusal(box, error, message)


def take_refusal(key: str, box: Hashable | None = None) -> Refusal | None:
    """The refusal kept under `key`, popped so it is shown in this run only; with `box`, only if it is its."""
    refused = st.session_state.get(key)
    if refused is None or (box is not None and refused.box != box):
        return None
    return st.session_state.pop(key)


def show_refusal(
    refused: Refusal | None,
    box: Hashable,
    errors: FieldErrors | None = None,
    extra: dict[str, str] | None = None,
    *,
    icon: str | None = ERROR_ICON,
) -> None:
    """The refusal, here if it belongs to this box: an InputError at its field (`errors`), else in the box."""
    if refused is None or refused.box != box:
        return
    if refused.error is not None:
        (errors or FieldErrors()).show(refused.error, extra)
    else:
        st.error(refused.message, icon=icon)
