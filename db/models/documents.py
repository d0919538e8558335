"""The tables of migration 0015 (issue 26): household_document, one row per uploaded file, and
admin_note, a note by staff that is not a counseling session (not counted in the HUD-9902).

The file itself lives under the data folder with a random name (db/documents/); the row keeps the
name the client's file had only to show it back to staff, as plain text.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, utcnow

DOCUMENT_KINDS = ("pay_stub", "id", "letter", "credit_report", "other")


class HouseholdDocument(Base):
    __tablename__ = "household_document"
    __table_args__ = (
        CheckConstraint("kind in ('pay_stub','id','letter','credit_report','other')", name="kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    kind: Mapped[str] = mapped_column(String(20))
    original_name: Mapped[str] = mapped_column(String(200))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(40))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    added_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AdminNote(Base):
    __tablename__ = "admin_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    noted_on: Mapped[dt.date] = mapped_column(Date)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
