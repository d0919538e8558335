"""Shared bits of the appointments UI: times in the viewer's language, labels and error messages."""

from __future__ import annotations

import datetime as dt

from calculators import InputError
from db.appointments import DoubleBooked
from db.appointments.workshop_plans import LeaderBusy, LeadsWorkshop
from reports.appointments.message import when
from ui.text import N_, _, lang, ngettext

STATUS_LABELS = {
    "booked": N_("Booked"),
    "kept": N_("Kept"),
    "no_show": N_("No-show"),
    "cancelled": N_("Cancelled"),
    "rescheduled": N_("Rescheduled"),
}
MODE_LABELS = {"in_person": N_("In person"), "phone": N_("Phone"), "video": N_("Video")}
REASON_LABELS = {
    "no_consent": N_("No consent to email or text"),
    "no_contact": N_("Consent, but no email or number on file"),
    "reminder_failed": N_("Reminder could not be sent"),
}
CHANNEL_LABELS = {"email": N_("Email"), "text": N_("Text message")}
REMINDER_STATUS_LABELS = {
    "failed": N_("Failed; will try again"),
    "interrupted": N_("Interrupted; may not have been sent"),
}
MESSAGES = {
    "not_in_office": N_("Choose a counselor of this household's office."),
    "in_the_past": N_("That time has already passed. Choose a later time."),
    "time_does_not_exist": N_(
        "That hour does not exist on this day (the clocks move forward). Choose another time."
    ),
    "out_of_range": N_("Choose a length between 15 minutes and 8 hours."),
    "invalid_choice": N_("Choose one of the options."),
    "not_booked": N_("This appointment was already changed. The calendar now shows where it stands."),
    "not_yet": N_("You can record this once the appointment's time has come."),
    "too_long": N_("This text is too long."),
    "bad_date": N_("Please enter a valid date."),
    "missing_field": N_("Please fill in this field."),
    "unknown_education_type": N_("Choose the type of workshop."),
}
# Times offered when booking: every 15 minutes from 7:00 to 20:45.
TIMES = tuple(dt.time(h, m) for h in range(7, 21) for m in (0, 15, 30, 45))
LENGTHS = (15, 30, 45, 60, 90, 120, 180)
FLASH = "appt_flash"  # the last press's confirmation, set by its callback and shown at the top of the page


def clock(moment: dt.datetime | dt.time) -> str:
    """'10:00 AM' / '10:00 a.m.' for a local time."""
    if isinstance(moment, dt.time):
        moment = dt.datetime.combine(dt.date(2027, 1, 4), moment)
    return when(moment, lang())[1]


def day_name(day: dt.date) -> str:
    return when(dt.datetime.combine(day, dt.time(12)), lang())[0]


def error_text(error: InputError) -> str:
    if isinstance(error, DoubleBooked):
        return _(
            "This counselor already has an appointment from {start} to {end} on that day. Choose another time or counselor."
        ).format(start=clock(error.clash), end=clock(error.clash_end))
    if isinstance(error, LeadsWorkshop):
        return _(
            "This counselor leads a workshop from {start} to {end} on that day. Choose another time or counselor."
        ).format(start=clock(error.clash), end=clock(error.clash_end))
    if isinstance(error, LeaderBusy):
        return _(
            "The person leading it is busy from {start} to {end} on that day. Choose another time or leader."
        ).format(start=clock(error.clash), end=clock(error.clash_end))
    return _(MESSAGES.get(error.code, N_("Please check this value.")))


def minutes_label(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    return _("{n} minutes").format(n=minutes)


def chooser_of(options, show):
    """A format_func whose labels are made now, in the session's language (see ui.labels.chooser)."""
    labels = {option: show(option) for option in options}
    return lambda option: labels.get(option, str(option))
