"""Notices to the family when an appointment is moved or cancelled, through the reminder queue.

A notice is a Reminder row with offset NOTICE_MOVED (on the new appointment of a reschedule) or
NOTICE_CANCELLED (on the cancelled one), claimed and sent by the same worker: once per channel, whatever
the number of workers or restarts, and only with the household's consent and a contact for the channel.
Only appointments still ahead get one. The old time's pending reminders are never sent (the queue sends
reminders of booked appointments only).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Engine

from db.appointments.reminder_data import Settings, active_consents, all_settings
from db.appointments.reminder_queue import Due
from db.engine import reading
from db.models import Household
from db.models.appointments import NOTICE_CANCELLED, NOTICE_MOVED, Appointment, Reminder

KIND = {NOTICE_MOVED: "moved", NOTICE_CANCELLED: "cancelled"}


def due_notices(engine: Engine, now: dt.datetime, channels: tuple[str, ...] = ("email", "text")) -> list[Due]:
    """Moved and cancelled appointments still ahead whose notice has not been claimed on a channel."""
    moved = and_(Appointment.status == "booked", Appointment.rescheduled_from_id.is_not(None))
    with reading(engine) as s:
        settings = all_settings(s)
        rows = s.execute(
            select(Appointment.id, Appointment.status, Appointment.office_id, Household)
            .join(Household, Household.id == Appointment.household_id)
            .where(Appointment.starts_at > now, or_(moved, Appointment.status == "cancelled"))
        ).all()
        consents = active_consents(s, {hh.id for *_, hh in rows})
        claimed = set(
            s.execute(
                select(Reminder.appointment_id, Reminder.channel, Reminder.offset_minutes).where(
                    Reminder.appointment_id.in_([r[0] for r in rows]), Reminder.offset_minutes < 0
                )
            ).all()
        )
    found = []
    for appointment_id, status, office_id, hh in rows:
        office = settings.get(office_id) or Settings((2880, 120), True, True)
        kind = NOTICE_CANCELLED if status == "cancelled" else NOTICE_MOVED
        for channel in channels:
            if (
                channel not in consents.get(hh.id, {})
                or not (hh.email if channel == "email" else hh.phone).strip()
            ):
                continue
            if not (office.email_on if channel == "email" else office.text_on):
                continue
            if (appointment_id, channel, kind) not in claimed:
                found.append(Due(appointment_id, channel, kind))
    return found
