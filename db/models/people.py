"""Offices, users, lead offices and households with their members: who the agency serves and who serves."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, demographic_key_sql, utcnow


class Office(Base):
    __tablename__ = "office"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    agency_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class User(Base):
    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint("role in ('admin','lead','counselor','trainer')", name="role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    hud_counselor_id: Mapped[str] = mapped_column(String(40), default="")
    hud_certified_on: Mapped[dt.date | None] = mapped_column(Date)  # HUD counselor certification (0015)
    counseling_languages: Mapped[str] = mapped_column(String(120), default="", server_default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5), default="en")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # Bumped by a disable, password reset, role or office change: open sessions end on their next run.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    totp_secret: Mapped[str] = mapped_column(String(64), default="", server_default="")
    recovery_codes: Mapped[list | None] = mapped_column(JSON)  # argon2 hashes of unused codes
    # The 30-second step of the last accepted TOTP code: a code is accepted once (0 = none yet).
    totp_last_step: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")

    office: Mapped[Office] = relationship()


class LeadOffice(Base):
    """An office a program lead reports on (assigned by an admin); no office means every office."""

    __tablename__ = "lead_office"
    __table_args__ = (UniqueConstraint("user_id", "office_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Household(Base):
    """A client household: intake, HUD-9902 demographics, and where it stands."""

    __tablename__ = "household"
    __table_args__ = (
        Index("ix_household_office_stage", "office_id", "stage"),
        Index("ix_household_office_name", "office_id", "search_name"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    counselor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    display_name: Mapped[str] = mapped_column(String(200))
    search_name: Mapped[str] = mapped_column(String(200), default="")  # lower-cased, accents removed
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    contact_preference: Mapped[str] = mapped_column(String(20), default="phone")
    preferred_language: Mapped[str] = mapped_column(String(5), default="es")
    household_size: Mapped[int] = mapped_column(Integer, default=1)
    annual_income: Mapped[float | None] = mapped_column(Float)
    ami_percent: Mapped[float | None] = mapped_column(Float)
    income_band: Mapped[str] = mapped_column(String(20), default="not_reported")
    jurisdiction: Mapped[str] = mapped_column(String(30), default="dc")
    housing_status: Mapped[str] = mapped_column(String(20), default="renter")
    ethnicity: Mapped[str] = mapped_column(String(30), default="not_reported")
    race: Mapped[str] = mapped_column(String(40), default="not_reported")
    rural: Mapped[str] = mapped_column(String(20), default="not_reported")
    limited_english: Mapped[str] = mapped_column(String(20), default="not_reported")
    # Computed by the database from the five columns above (migration 0006), so no write can leave it
    # stale: the HUD-9902 groups served households on this one integer without reading the text columns.
    demo_key: Mapped[int] = mapped_column(Integer, Computed(demographic_key_sql(), persisted=True))
    counseling_purpose: Mapped[str] = mapped_column(String(30), default="")
    id_type: Mapped[str] = mapped_column(String(20), default="")  # sensitive: kind only, never a number
    residency: Mapped[str] = mapped_column(String(30), default="")  # sensitive
    consent_date: Mapped[dt.date | None] = mapped_column(Date)
    first_time_buyer: Mapped[bool] = mapped_column(Boolean, default=True)
    stage: Mapped[str] = mapped_column(String(30), default="intake")  # derived from milestones
    stage_since: Mapped[dt.date | None] = mapped_column(Date)
    # Derived from the milestones by db.households.refresh_stage in the same transaction as every
    # milestone write (and by the seed), so the dashboard reads one row per household (migration 0004).
    # The day each stage was reached (all its milestones first recorded); NULL if not reached.
    reached_budget_on: Mapped[dt.date | None] = mapped_column(Date)
    reached_education_on: Mapped[dt.date | None] = mapped_column(Date)
    reached_mortgage_ready_on: Mapped[dt.date | None] = mapped_column(Date)
    reached_pre_approved_on: Mapped[dt.date | None] = mapped_column(Date)
    reached_under_contract_on: Mapped[dt.date | None] = mapped_column(Date)
    reached_purchased_on: Mapped[dt.date | None] = mapped_column(Date)
    # Last recorded savings / credit-score value minus the first; NULL with fewer than two values.
    savings_change: Mapped[float | None] = mapped_column(Float)
    credit_change: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20), default="open")
    opened_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    close_reason: Mapped[str] = mapped_column(String(40), default="")
    last_contact_on: Mapped[dt.date | None] = mapped_column(Date)
    next_follow_up: Mapped[dt.date | None] = mapped_column(Date)
    given_plan_on: Mapped[dt.date | None] = mapped_column(Date)
    # Kept from the calculators with the counselor's confirmation (db.household_facts, migration 0008).
    monthly_debts: Mapped[float | None] = mapped_column(Float)
    savings: Mapped[float | None] = mapped_column(Float)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The members list's own version (migration 0007): two editors adding members see a conflict.
    members_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    members: Mapped[list[HouseholdMember]] = relationship(
        back_populates="household", cascade="all, delete-orphan", order_by="HouseholdMember.id"
    )


class HouseholdMember(Base):
    __tablename__ = "household_member"
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    relationship_to_head: Mapped[str] = mapped_column(String(30), default="")
    birth_year: Mapped[int | None] = mapped_column(Integer)
    annual_income: Mapped[float | None] = mapped_column(Float)

    household: Mapped[Household] = relationship(back_populates="members")
