"""Reminder texts (email and text message) and the .ics invitation, in the household's language.

Pure. A reminder says only the day, time, place, counselor, what to bring and how to cancel: never the
purpose of the visit, an amount, or the family's name (a phone or inbox may be shared).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_time
from icalendar import Calendar, Event, vCalAddress

import i18n
from db.appointments.reminder_queue import Message

TEXT_LIMIT = 480  # a few SMS segments at most


def _t(lang: str):
    return lambda message: i18n.gettext(message, lang)


def when(starts: dt.datetime, lang: str) -> tuple[str, str]:
    """('Tuesday, February 9, 2027', '10:00 AM') in the language, local time."""
    day = i18n.format_date(starts.date(), lang, "full")
    time = format_time(starts.time(), format="h:mm a", locale=i18n.locale_of(lang))
    return day, time.replace("\u202f", " ").replace("\xa0", " ")  # plain spaces: SMS and old mail readers


def where(m: Message, lang: str) -> str:
    _ = _t(lang)
    if m.mode == "phone":
        return _("By phone: {counselor} will call you.").format(counselor=m.counselor)
    if m.mode == "video":
        return _("By video: we will send you the link.")
    return m.place or m.office_address or m.office_name


def _letter(m: Message, *blocks: list[str]) -> str:
    """A plain-text email: the greeting, then each block of lines after a blank line."""
    lines = [_t(m.language)("Hello,")]
    for block in blocks:
        lines += ["", *block]
    return "\n".join(lines) + "\n"


def _visit(m: Message, day: str, time: str) -> list[str]:
    """When, where, the time it replaces (for a move) and what to bring."""
    _ = _t(m.language)
    lines = [
        _("When: {day}, {time}").format(day=day, time=time),
        _("Where: {place}").format(place=where(m, m.language)),
    ]
    if m.kind == "moved" and m.previous_starts is not None:
        old_day, old_time = when(m.previous_starts, m.language)
        lines.append(_("(Before: {day}, {time})").format(day=old_day, time=old_time))
    if m.bring:
        lines.append(_("Please bring: {items}").format(items=m.bring))
    return lines


def _sms(parts: list[str]) -> str:
    return _shorten(" ".join(p.strip() for p in parts if p.strip()))


def email(m: Message) -> tuple[str, str]:
    """(subject, plain-text body) of an email reminder, or of a notice that the appointment moved or was cancelled."""
    _ = _t(m.language)
    day, time = when(m.starts, m.language)
    if m.kind == "cancelled":
        subject = _("Cancelled: your appointment on {day} at {time}").format(day=day, time=time)
        opening = _("Your appointment with {counselor} at {agency} on {day} at {time} was cancelled.").format(
            counselor=m.counselor, agency=m.office_name, day=day, time=time
        )
        closing = (
            [_new_appointment_line(m, m.language)],
            [_("Open the attached notice to remove it from your calendar.")],
        )
        return subject, _letter(m, [opening], *closing)
    if m.kind == "moved":
        subject = _("New time for your appointment: {day} at {time}").format(day=day, time=time)
        opening = _("Your appointment with {counselor} at {agency} has a new day or time.").format(
            counselor=m.counselor, agency=m.office_name
        )
        attached = _("The updated invitation is attached; open it to update your calendar.")
    else:
        subject = _("Reminder: your appointment on {day} at {time}").format(day=day, time=time)
        opening = _("This is a reminder of your appointment with {counselor} at {agency}.").format(
            counselor=m.counselor, agency=m.office_name
        )
        attached = _("The invitation is attached; open it to add it to your calendar.")
    return subject, _letter(m, [opening], _visit(m, day, time), [cancel_line(m, m.language)], [attached])


def cancel_line(m: Message, lang: str) -> str:
    _ = _t(lang)
    if m.office_phone:
        return _("To cancel or change the appointment, call {phone}.").format(phone=m.office_phone)
    return _("To cancel or change the appointment, call or reply to this message.")


def text(m: Message) -> str:
    """A short text message: a reminder, a new time, or a cancel."""
    _ = _t(m.language)
    day, time = when(m.starts, m.language)
    names = {"agency": m.office_name, "counselor": m.counselor, "day": day, "time": time}
    if m.kind == "cancelled":
        headline = _("{agency}: your appointment with {counselor} on {day} at {time} was cancelled.")
        return _sms([headline.format(**names), _new_appointment_line(m, m.language)])
    if m.kind == "moved":
        headline = _("{agency}: your appointment with {counselor} has a new time: {day} at {time}.")
    else:
        headline = _("{agency}: reminder of your appointment with {counselor} on {day} at {time}.")
    bring = [_("Please bring: {items}").format(items=m.bring)] if m.bring else []
    return _sms([headline.format(**names), where(m, m.language), *bring, cancel_line(m, m.language)])


def _shorten(body: str) -> str:
    return body if len(body) <= TEXT_LIMIT else body[: TEXT_LIMIT - 1] + "…"


def method(m: Message) -> str:
    """The invitation's iTIP method: PUBLISH for a reminder, REQUEST for a moved time, CANCEL for a cancel."""
    return {"moved": "REQUEST", "cancelled": "CANCEL"}.get(m.kind, "PUBLISH")


def _new_appointment_line(m: Message, lang: str) -> str:
    _ = _t(lang)
    if m.office_phone:
        return _("To make a new appointment, call {phone}.").format(phone=m.office_phone)
    return _("To make a new appointment, call or reply to this message.")


def invitation(m: Message, domain: str = "camino.local", organizer: str = "") -> bytes:
    """An iCalendar invitation (.ics) for the appointment, in the household's language.

    A moved time (REQUEST) or a cancel (CANCEL) names the agency as organizer and the family's address
    as attendee, as iTIP asks, so mail programs apply it to the event they already hold."""
    _ = _t(m.language)
    cal = Calendar()
    cal.add("prodid", "-//Camino//Appointments//EN")
    cal.add("version", "2.0")
    cal.add("method", method(m))
    event = Event()
    # One UID for an appointment and its reschedules, a higher SEQUENCE each move: the family's calendar
    # moves the event instead of keeping the old time too.
    event.add("uid", f"appointment-{m.series_id or m.appointment_id}@{domain}")
    event.add("sequence", m.sequence)
    if m.kind == "cancelled":
        event.add("status", "CANCELLED")
    if m.kind != "reminder" and organizer:
        event.add("organizer", vCalAddress(f"mailto:{organizer}"), parameters={"cn": m.office_name})
        if m.channel == "email" and m.to:
            event.add("attendee", vCalAddress(f"mailto:{m.to}"), parameters={"role": "REQ-PARTICIPANT"})
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("dtstart", m.starts)
    event.add("dtend", m.ends)
    event.add("summary", _("Appointment with {counselor}").format(counselor=m.counselor))
    event.add("location", where(m, m.language))
    notes = [_("Please bring: {items}").format(items=m.bring)] if m.bring else []
    event.add("description", "\n".join([*notes, cancel_line(m, m.language)]))
    cal.add_component(event)
    cal.add_missing_timezones()  # RFC 5545: a TZID needs its VTIMEZONE, or some calendars guess the hour
    return cal.to_ical()
