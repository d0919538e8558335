"""Appointments, reminder consent, reminder settings and reminder attempts (migration 0012).

Imported at the end of db.models, so Base.metadata (and Alembic's drift check) holds these tables.
Times are stored in UTC without a zone, like every other timestamp in Camino; the office's local
time (America/New_York) is computed by db.appointments.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utcnow

APPOINTMENT_STATUS = ("booked", "kept", "no_show", "cancelled", "rescheduled")
CHANNELS = ("email", "text")
REMINDER_STATUS = ("sending", "sent", "failed", "interrupted", "skipped")
# A notice that an appointment was moved or cancelled rides the reminder queue as a Reminder row with
# one of these offsets (real reminder offsets are 15 minutes or more), so it too goes once per channel.
NOTICE_MOVED, NOTICE_CANCELLED = -1, -2


class Appointment(Base):
    """One booked time with a counselor. A reschedule closes this row and books a new one that points
    back to it (rescheduled_from_id), so the history of a visit is the chain of its rows."""

    __tablename__ = "appointment"
    __table_args__ = (
        CheckConstraint("status in ('booked','kept','no_show','cancelled','rescheduled')", name="status"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_appointment_counselor_starts", "counselor_id", "starts_at"),
        Index("ix_appointment_office_starts", "office_id", "starts_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    counselor_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC
    mode: Mapped[str] = mapped_column(String(20), default="in_person")
    place: Mapped[str] = mapped_column(String(300), default="")
    purpose: Mapped[str] = mapped_column(String(30))  # a counseling purpose code; never in a reminder
    bring: Mapped[str] = mapped_column(String(500), default="")  # what to bring, shown to the family
    status: Mapped[str] = mapped_column(String(20), default="booked")
    status_note: Mapped[str] = mapped_column(String(200), default="")
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status_changed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    rescheduled_from_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("counseling_session.id", ondelete="SET NULL"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ContactConsent(Base):
    """A household's consent to reminders by email or text, with the day it was given (and withdrawn)."""

    __tablename__ = "contact_consent"
    __table_args__ = (
        CheckConstraint("channel in ('email','text')", name="channel"),
        Index("ix_contact_consent_household_channel", "household_id", "channel"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(10))
    given_on: Mapped[dt.date] = mapped_column(Date)
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReminderSetting(Base):
    """An office's reminder times (minutes before the appointment) and which channels it uses."""

    __tablename__ = "reminder_setting"
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id", ondelete="CASCADE"), primary_key=True)
    offsets_minutes: Mapped[str] = mapped_column(String(100), default="2880,120")
    email_on: Mapped[bool] = mapped_column(Boolean, default=True)
    text_on: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Reminder(Base):
    """One reminder (appointment, channel, offset). Inserting the row is the worker's claim: the unique
    key means a reminder is sent at most once, whatever the number of workers or restarts."""

    __tablename__ = "reminder"
    __table_args__ = (
        UniqueConstraint("appointment_id", "channel", "offset_minutes", name="uq_reminder_once"),
        CheckConstraint("status in ('sending','sent','failed','interrupted','skipped')", name="status"),
        Index("ix_reminder_status_next", "status", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointment.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(10))
    offset_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="sending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    claimed_by: Mapped[str] = mapped_column(String(40), default="")
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(String(300), default="")


class ReminderAttempt(Base):
    """Each try at sending a reminder: when, whether it went, and the error (no personal data)."""

    __tablename__ = "reminder_attempt"
    id: Mapped[int] = mapped_column(primary_key=True)
    reminder_id: Mapped[int] = mapped_column(ForeignKey("reminder.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    ok: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str] = mapped_column(String(300), default="")
