"""Agency-set rule rows and notice texts, client agreements, and HUD client-level profiles and cases."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utcnow


class AgencyRuleRow(Base):
    """A rule row the agency set itself (a new limit, rate or amount, or a re-check of a shipped row).

    `fields` is the whole row as JSON (dates as ISO text), in the shipped table's format; the dates and
    source are also columns so the Program rules page can sort and the overlay can pick rows by date.
    Agency-wide, not office data: every office's calculators use it.
    """

    __tablename__ = "agency_rule_row"
    __table_args__ = (Index("ix_agency_rule_row_table", "rule_file", "rule_table", "effective_from"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    rule_file: Mapped[str] = mapped_column(String(80))
    rule_table: Mapped[str] = mapped_column(String(80))
    fields: Mapped[dict] = mapped_column(JSON)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    effective_to: Mapped[dt.date | None] = mapped_column(Date)
    source_url: Mapped[str] = mapped_column(String(500))
    verified_on: Mapped[dt.date] = mapped_column(Date)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

class HudClientProfile(Base):
    """The client fields HUD's client-level reporting asks for (issue 26; db/hud_client.py).

    One row per household, written only by db.hud_client. Empty text or NULL means "not asked yet":
    records from before these questions existed are never filled with a guess.
    """

    __tablename__ = "hud_client_profile"
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    street: Mapped[str] = mapped_column(String(50), default="")
    city: Mapped[str] = mapped_column(String(50), default="")
    state: Mapped[str] = mapped_column(String(2), default="")
    zip_code: Mapped[str] = mapped_column(String(10), default="")
    races: Mapped[str] = mapped_column(String(120), default="")  # every race chosen, comma-separated
    gender: Mapped[str] = mapped_column(String(20), default="")
    marital_status: Mapped[str] = mapped_column(String(20), default="")
    head_of_household: Mapped[str] = mapped_column(String(30), default="")
    education: Mapped[str] = mapped_column(String(20), default="")
    dependents: Mapped[int | None] = mapped_column(Integer)
    disabled: Mapped[str] = mapped_column(String(5), default="")
    farm_worker: Mapped[str] = mapped_column(String(5), default="")
    colonias_resident: Mapped[str] = mapped_column(String(5), default="")
    discrimination_victim: Mapped[str] = mapped_column(String(5), default="")
    hud_assistance: Mapped[str] = mapped_column(String(30), default="")
    referred_by: Mapped[str] = mapped_column(String(30), default="")
    spoken_language: Mapped[str] = mapped_column(String(10), default="")
    monthly_debt: Mapped[float | None] = mapped_column(Float)
    job_months: Mapped[int | None] = mapped_column(Integer)
    credit_score: Mapped[int | None] = mapped_column(Integer)
    credit_score_source: Mapped[str] = mapped_column(String(20), default="")
    no_credit_score_reason: Mapped[str] = mapped_column(String(30), default="")
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class HudCase(Base):
    """A HUD case: one per household and counseling purpose, with its number, activity type and end."""

    __tablename__ = "hud_case"
    __table_args__ = (UniqueConstraint("household_id", "purpose", name="uq_hud_case_household_purpose"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(30))
    case_number: Mapped[str] = mapped_column(String(18), unique=True)
    activity_type: Mapped[str] = mapped_column(String(30), default="all_counseling")
    hud_grant: Mapped[str] = mapped_column(String(30), default="")
    opened_on: Mapped[dt.date] = mapped_column(Date)
    terminated_on: Mapped[dt.date | None] = mapped_column(Date)
    termination: Mapped[str] = mapped_column(String(40), default="")  # '' while ongoing


class ClientAgreement(Base):
    """The agreement, disclosure or privacy notice given to a household: when, how, in which language.

    Rows are added, never changed: a household given a new version gets a new row (db/agreements.py).
    """

    __tablename__ = "client_agreement"
    __table_args__ = (Index("ix_client_agreement_household_kind", "household_id", "kind", "given_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # agreement | disclosure | privacy
    given_on: Mapped[dt.date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))  # paper | screen | verbal
    language: Mapped[str] = mapped_column(String(5))
    text_version: Mapped[int] = mapped_column(Integer, default=0)  # 0: Camino's default text
    attested_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AgencyText(Base):
    """The agency's own wording of a notice, per language; each save is a new version (admins only)."""

    __tablename__ = "agency_text"
    __table_args__ = (UniqueConstraint("kind", "language", "version", name="uq_agency_text_version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(5))
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
