"""Reminder consent (with dates), the office's reminder times, failed reminders and tomorrow's call list.

A household gets an email or text reminder only while it has a consent row for that channel that is
not withdrawn, and a contact for it. Everything here checks office scope and audits changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from calculators import InputError
from db import audit
from db.appointments.views import AppointmentView, _client_user, _office_for, _select_views, _view
from db.engine import reading, transaction
from db.local_time import day_bounds, today_local
from db.models import Household
from db.models.appointments import (
    CHANNELS,
    NOTICE_CANCELLED,
    Appointment,
    ContactConsent,
    Reminder,
    ReminderSetting,
)
from db.scope import AccessDenied, check_household

DEFAULT_OFFSETS = (2880, 120)  # 2 days and 2 hours before
MIN_OFFSET, MAX_OFFSET, MAX_OFFSETS = 15, 14 * 1440, 4


@dataclass(frozen=True)
class Consent:
    email_since: dt.date | None
    text_since: dt.date | None

    def since(self, channel: str) -> dt.date | None:
        return self.email_since if channel == "email" else self.text_since


@dataclass(frozen=True)
class Settings:
    offsets: tuple[int, ...]
    email_on: bool
    text_on: bool


@dataclass(frozen=True)
class CallItem:
    appointment: AppointmentView
    phone: str
    reason: str  # no_consent | no_contact | reminder_failed


@dataclass(frozen=True)
class FailedReminder:
    appointment: AppointmentView
    channel: str
    status: str
    attempts: int
    last_error: str


def active_consents(s: Session, household_ids) -> dict[int, dict[str, dt.date]]:
    """{household_id: {channel: given_on}} for the consents not withdrawn."""
    ids = list(household_ids)
    if not ids:
        return {}
    stmt = select(ContactConsent.household_id, ContactConsent.channel, ContactConsent.given_on).where(
        ContactConsent.household_id.in_(ids), ContactConsent.withdrawn_on.is_(None)
    )
    found: dict[int, dict[str, dt.date]] = {}
    for household_id, channel, given_on in s.execute(stmt):
        found.setdefault(household_id, {})[channel] = given_on
    return found


def consent(engine: Engine, user: dict, household_id: int) -> Consent:
    user = _client_user(user)
    with reading(engine) as s:
        check_household(user, s.get(Household, household_id))
        now = active_consents(s, [household_id]).get(household_id, {})
    return Consent(now.get("email"), now.get("text"))


def set_consent(
    engine: Engine, user: dict, household_id: int, channel: str, given: bool, on: dt.date
) -> None:
    """Record consent to reminders by `channel` given (or withdrawn) on `on`; the earlier rows stay."""
    set_consents(engine, user, household_id, {channel: given}, on)


def set_consents(
    engine: Engine, user: dict, household_id: int, answers: dict[str, bool], on: dt.date
) -> None:
    """Record the household's answers ({channel: agrees}) given on `on`, all or none, each change audited.

    A new consent is a new row dated `on`; a withdrawal dates the open row; an unchanged answer writes
    nothing, so the day a consent was first given stays on record.
    """
    user = _client_user(user)
    if any(channel not in CHANNELS for channel in answers):
        raise InputError("invalid_choice", "channel")
    if not isinstance(on, dt.date) or on > today_local() + dt.timedelta(days=1):
        raise InputError("bad_date", "consent_on")
    with transaction(engine) as s:
        hh = check_household(user, s.get(Household, household_id))
        for channel, given in answers.items():
            _answer(s, user, hh.id, channel, bool(given), on)


def _answer(s: Session, user: dict, household_id: int, channel: str, given: bool, on: dt.date) -> None:
    current = s.scalars(
        select(ContactConsent).where(
            ContactConsent.household_id == household_id,
            ContactConsent.channel == channel,
            ContactConsent.withdrawn_on.is_(None),
        )
    ).all()
    if given and not current:
        s.add(ContactConsent(household_id=household_id, channel=channel, given_on=on, recorded_by=user["id"]))
        audit.record(s, user, "reminder_consent_given", "household", household_id, channel)
    elif not given and current:
        for row in current:
            row.withdrawn_on = max(on, row.given_on)
        audit.record(s, user, "reminder_consent_withdrawn", "household", household_id, channel)


def parse_offsets(values) -> tuple[int, ...]:
    """Reminder times in minutes before the appointment: 1 to 4 of them, 15 minutes to 14 days, distinct."""
    try:
        offsets = tuple(sorted({int(v) for v in values}, reverse=True))
    except (TypeError, ValueError) as exc:
        raise InputError("not_a_number", "offsets") from exc
    if not 1 <= len(offsets) <= MAX_OFFSETS or any(not MIN_OFFSET <= v <= MAX_OFFSET for v in offsets):
        raise InputError("out_of_range", "offsets")
    return offsets


def _settings(row: ReminderSetting | None) -> Settings:
    if row is None:
        return Settings(DEFAULT_OFFSETS, True, True)
    return Settings(parse_offsets(row.offsets_minutes.split(",")), row.email_on, row.text_on)


def settings_for(engine: Engine, office_id: int) -> Settings:
    with reading(engine) as s:
        return _settings(s.get(ReminderSetting, office_id))


def all_settings(s: Session) -> dict[int, Settings]:
    return {row.office_id: _settings(row) for row in s.scalars(select(ReminderSetting))}


def save_settings(engine: Engine, user: dict, office_id: int, offsets, email_on: bool, text_on: bool) -> None:
    """Program leads and administrators set their office's reminder times and channels."""
    user = _client_user(user)
    if user["role"] not in ("admin", "lead") or _office_for(user, office_id) != office_id:
        raise AccessDenied("no access")
    offsets = parse_offsets(offsets)
    with transaction(engine) as s:
        row = s.get(ReminderSetting, office_id) or ReminderSetting(office_id=office_id)
        row.offsets_minutes = ",".join(str(v) for v in offsets)
        row.email_on, row.text_on = bool(email_on), bool(text_on)
        s.add(row)
        audit.record(s, user, "reminder_settings_saved", "office", office_id, row.offsets_minutes)


def call_list(
    engine: Engine, user: dict, day: dt.date, *, counselor_id: int | None = None, office_id: int | None = None
) -> list[CallItem]:
    """The booked appointments of `day` whose family gets no email or text reminder: call them.

    A family is on the list when it has no consent to email or text, has consent but no address or
    number for it, or every reminder tried for the appointment failed.
    """
    user = _client_user(user)
    start, end = day_bounds(day)
    stmt = _select_views().where(
        Appointment.office_id == _office_for(user, office_id),
        Appointment.status == "booked",
        Appointment.starts_at >= start,
        Appointment.starts_at < end,
    )
    if counselor_id is not None:
        stmt = stmt.where(Appointment.counselor_id == counselor_id)
    items = []
    with transaction(engine) as s:
        rows = s.execute(stmt.order_by(Appointment.starts_at, Appointment.id)).all()
        views = [_view(*r) for r in rows]
        households = {
            h.id: h
            for h in s.scalars(select(Household).where(Household.id.in_([v.household_id for v in views])))
        }
        consents = active_consents(s, households)
        reminders: dict[int, list[str]] = {}
        for appointment_id, status in s.execute(
            select(Reminder.appointment_id, Reminder.status).where(
                Reminder.appointment_id.in_([v.id for v in views])
            )
        ):
            reminders.setdefault(appointment_id, []).append(status)
        for view in views:
            hh = households[view.household_id]
            given = consents.get(hh.id, {})
            reachable = [c for c in given if (hh.email if c == "email" else hh.phone).strip()]
            statuses = reminders.get(view.id, [])
            if not given:
                reason = "no_consent"
            elif not reachable:
                reason = "no_contact"
            elif (
                statuses
                and "sent" not in statuses
                and all(st in ("failed", "interrupted") for st in statuses)
            ):
                reason = "reminder_failed"
            else:
                continue
            items.append(CallItem(view, hh.phone, reason))
        if items:
            audit.record(
                s, user, "call_list_viewed", "office", _office_for(user, office_id), f"rows={len(items)}"
            )
    return items


def failed_reminders(
    engine: Engine,
    user: dict,
    now: dt.datetime,
    *,
    counselor_id: int | None = None,
    office_id: int | None = None,
) -> list[FailedReminder]:
    """Reminders for upcoming appointments that failed or were interrupted, for the counselor to see."""
    user = _client_user(user)
    stmt = (
        _select_views()
        .add_columns(Reminder.channel, Reminder.status, Reminder.attempts, Reminder.last_error)
        .join(Reminder, Reminder.appointment_id == Appointment.id)
        .where(
            Appointment.office_id == _office_for(user, office_id),
            or_(
                Appointment.status == "booked",
                and_(Appointment.status == "cancelled", Reminder.offset_minutes == NOTICE_CANCELLED),
            ),
            Appointment.starts_at > now,
            Reminder.status.in_(("failed", "interrupted")),
        )
    )
    if counselor_id is not None:
        stmt = stmt.where(Appointment.counselor_id == counselor_id)
    with reading(engine) as s:
        return [
            FailedReminder(_view(a, n, lg, c), ch, st, at, err)
            for a, n, lg, c, ch, st, at, err in s.execute(stmt.order_by(Appointment.starts_at))
        ]
