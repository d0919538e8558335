"""Follow-up attempts and letters, funding sources and the fee schedule (issue 26, migration 0016).

Imported at the end of db.models, so Base.metadata (and Alembic's drift check) holds these tables.
The new columns on counseling_session, education_event and outcome live in db.models itself.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utcnow


class FollowUpContact(Base):
    """One follow-up try: a call, text, e-mail or visit that did not reach the family, or the letter.

    Rows are added, never changed. kind 'attempt' or 'letter'; a letter carries the day the family
    is asked to answer by (HUD's guide: 30 days) and the language it was printed in.
    """

    __tablename__ = "follow_up_contact"
    __table_args__ = (Index("ix_follow_up_contact_household_on", "household_id", "made_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))  # attempt | letter
    method: Mapped[str] = mapped_column(String(20))  # phone | text | email | in_person | mail
    result: Mapped[str] = mapped_column(String(20), default="")  # attempts: no_answer | left_message | ...
    made_on: Mapped[dt.date] = mapped_column(Date)
    answer_by: Mapped[dt.date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(5), default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class FundingSource(Base):
    """A grant or other funder the admin lists; `hud_grant` is HUD's grant type when HUD pays ('' if not)."""

    __tablename__ = "funding_source"
    id: Mapped[int] = mapped_column(primary_key=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_es: Mapped[str] = mapped_column(String(120))
    hud_grant: Mapped[str] = mapped_column(String(30), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class FeeSchedule(Base):
    """The agency's fee schedule from a day on (each save is a new dated row; the newest in force wins).

    `lines` is a list of {"en", "es", "amount"}: a service in both languages and its fee in dollars.
    """

    __tablename__ = "fee_schedule"
    __table_args__ = (Index("ix_fee_schedule_effective_from", "effective_from"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    lines: Mapped[list] = mapped_column(JSON)
    note_en: Mapped[str] = mapped_column(Text, default="")
    note_es: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
