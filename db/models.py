"""The core records of a counseling agency. Schema changes go through Alembic migrations only.

Never stored: SSN or ITIN numbers, bank or card account numbers. Eligibility needs only the *kind*
of ID (`id_type`) and the residency category, and those two columns are marked sensitive.
"""

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
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    delete,
    event,
    false,
    insert,
    inspect,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.orm import Session as OrmSession

from db import codes

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("admin", "lead", "counselor", "trainer")
SENSITIVE_COLUMNS = frozenset({"id_type", "residency", "phone", "email", "notes", "birth_year"})


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def demographic_key_sql() -> str:
    """SQL for household.demo_key: one decimal digit per HUD-9902 demographic (codes.DEMOGRAPHIC_CODES).

    Digit k from the right is the 1-based position of the k-th demographic's code, or 0 when it is
    blank or not one of HUD's codes. A migration holds a copy of this text: changing a code list means
    a migration that changes the column.
    """
    terms = []
    for k, (column, allowed) in enumerate(codes.DEMOGRAPHIC_CODES.items()):
        choices = " ".join(f"WHEN '{code}' THEN {i}" for i, code in enumerate(allowed, start=1))
        terms.append(f"{10**k} * CASE {column} {choices} ELSE 0 END")
    return " + ".join(terms)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict: JSON, list: JSON}


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


class CounselingSession(Base):
    """One-on-one counseling (HUD-9902 section 9) — group education lives in EducationEvent."""

    __tablename__ = "counseling_session"
    __table_args__ = (Index("ix_session_household_date", "household_id", "session_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    counselor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    session_date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    mode: Mapped[str] = mapped_column(String(20), default="in_person")
    purpose: Mapped[str] = mapped_column(String(30))  # 9902 section 9 purpose code
    notes: Mapped[str] = mapped_column(Text, default="")
    # Who paid (migration 0016): '' not recorded yet, 'none', or 'source' with funding_source_id.
    funding: Mapped[str] = mapped_column(String(10), default="", server_default="")
    funding_source_id: Mapped[int | None] = mapped_column(ForeignKey("funding_source.id"))
    fee: Mapped[float | None] = mapped_column(Float)  # dollars charged; NULL = not recorded
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SessionService(Base):
    """Derived: each household's one-on-one services (session purposes) per fiscal year, with the first day.

    One row per (household, fiscal year, purpose): the HUD-9902 counts a household once per purpose,
    and its periods all start on 1 October, so a purpose was received in a period exactly when its first
    session of that fiscal year is on or before the period's last day. The report reads these rows
    (about 45,000 for a year at 50,000 households) instead of de-duplicating every session (about
    190,000). Kept in step with counseling_session by refresh_services on every ORM flush that touches a
    session (below) and by the seed's bulk path (session_services); migration 0005 filled it.
    """

    __tablename__ = "session_service"
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), primary_key=True
    )
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    purpose: Mapped[str] = mapped_column(String(30), primary_key=True)
    first_on: Mapped[dt.date] = mapped_column(Date)


class EducationEvent(Base):
    """A group workshop (HUD-9902 section 8)."""

    __tablename__ = "education_event"
    __table_args__ = (Index("ix_education_event_leader_starts", "leader_id", "starts_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    event_date: Mapped[dt.date] = mapped_column(Date, index=True)
    education_type: Mapped[str] = mapped_column(String(40))  # 9902 section 8 code
    module_id: Mapped[str] = mapped_column(String(60), default="")
    language: Mapped[str] = mapped_column(String(5), default="es")
    duration_minutes: Mapped[int] = mapped_column(Integer, default=120)
    # Who paid and the fee each attendee was charged (migration 0016), as on counseling_session.
    funding: Mapped[str] = mapped_column(String(10), default="", server_default="")
    funding_source_id: Mapped[int | None] = mapped_column(ForeignKey("funding_source.id"))
    fee: Mapped[float | None] = mapped_column(Float)
    # A workshop planned for a time (migration 0017): UTC start and end, where, and the staff member
    # leading it, whose calendar it holds (db.workshop_schedule). NULL times: recorded by date only.
    starts_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ends_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(String(300), default="", server_default="")
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class EducationAttendance(Base):
    __tablename__ = "education_attendance"
    __table_args__ = (UniqueConstraint("event_id", "household_id", name="uq_attendance_event_household"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("education_event.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    completed: Mapped[bool] = mapped_column(Boolean, default=True)


class ActionPlan(Base):
    """The written plan agreed with the household (24 CFR 214.300); one current plan per household."""

    __tablename__ = "action_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), unique=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    goals: Mapped[list[PlanGoal]] = relationship(cascade="all, delete-orphan", order_by="PlanGoal.position")
    steps: Mapped[list[PlanStep]] = relationship(cascade="all, delete-orphan", order_by="PlanStep.position")


class PlanGoal(Base):
    __tablename__ = "plan_goal"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plan.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class PlanStep(Base):
    __tablename__ = "plan_step"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plan.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(20), default="client")  # client | counselor
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | done | dropped
    position: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Referral(Base):
    __tablename__ = "referral"
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    agency: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(300), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    referred_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Milestone(Base):
    """A homeownership or asset milestone from the catalog in db.milestones; drives the pipeline stage."""

    __tablename__ = "milestone"
    __table_args__ = (Index("ix_milestone_household_code", "household_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    achieved_on: Mapped[dt.date] = mapped_column(Date, index=True)
    value: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Scenario(Base):
    """A saved calculator result (affordability, assistance, budget snapshot, tenant checklist)."""

    __tablename__ = "scenario"
    __table_args__ = (Index("ix_scenario_household_kind", "household_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    inputs: Mapped[dict] = mapped_column(JSON, default=dict)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)
    # db.scenario_schemas version of inputs/summary; 0 = saved before the typed schemas (read via upgrade_legacy).
    schema_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Outcome(Base):
    """A HUD-9902 section 10 outcome the counselor confirmed for a household."""

    __tablename__ = "outcome"
    __table_args__ = (Index("ix_outcome_household_code", "household_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    achieved_on: Mapped[dt.date] = mapped_column(Date, index=True)
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    # Confirmed at a follow-up (migration 0016): counts in the period it is dated for a household
    # counseled one-on-one before it, not only in the fiscal year of the counseling.
    at_follow_up: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditEvent(Base):
    """Who did what to which record, when. Holds ids and action names only, never personal data."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id"))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(String(300), default="")
    # Tamper evidence (db.audit_chain): the previous row's hash, and this row's over its fields and that.
    prev_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    row_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")


# Indexes behind the households list and follow-up filters (fast at 50,000 households); migration 0002.
Index("ix_household_office_status_contact", Household.office_id, Household.status, Household.last_contact_on)
Index("ix_household_office_follow_up", Household.office_id, Household.next_follow_up)
Index("ix_household_office_jurisdiction", Household.office_id, Household.jurisdiction)
Index("ix_household_office_language", Household.office_id, Household.preferred_language)

# Covering indexes for the HUD-9902 and pipeline aggregates (db/pipeline.py, reports/hud9902/counting.py); migration 0003.
Index(
    "ix_session_date_household_purpose",
    CounselingSession.session_date,
    CounselingSession.household_id,
    CounselingSession.purpose,
)
Index(
    "ix_milestone_household_code_on",
    Milestone.household_id,
    Milestone.code,
    Milestone.achieved_on,
    Milestone.value,
)
Index("ix_outcome_on_household_code", Outcome.achieved_on, Outcome.household_id, Outcome.code)

# The dashboard's derived columns (migration 0004): days in stage read this covering index instead of
# the wide household rows; the medians read the changes in order; outcomes count milestones by code.
Index(
    "ix_household_stage_dates",
    Household.office_id,
    Household.opened_on,
    Household.closed_on,
    Household.reached_budget_on,
    Household.reached_education_on,
    Household.reached_mortgage_ready_on,
    Household.reached_pre_approved_on,
    Household.reached_under_contract_on,
    Household.reached_purchased_on,
)
Index("ix_household_savings_change", Household.savings_change)
Index("ix_household_credit_change", Household.credit_change)
Index("ix_milestone_code_household_value", Milestone.code, Milestone.household_id, Milestone.value)

# The HUD-9902 reads a fiscal year's session services in household order, beside each household's
# demographic key in the same order: PostgreSQL merges the two without hashing either (migration 0006).
Index(
    "ix_session_service_year_household",
    SessionService.fiscal_year,
    SessionService.household_id,
    SessionService.first_on,
    SessionService.purpose,
)
Index("ix_household_id_demo_key", Household.id, Household.demo_key, Household.office_id)
# Covering indexes for the dashboard's open files (migration 0005): caseloads group the open files by
# counselor in index order, and the stuck count reads stage and dates, without touching the wide rows.
Index(
    "ix_household_status_counselor",
    Household.status,
    Household.counselor_id,
    Household.office_id,
    Household.next_follow_up,
    Household.last_contact_on,
    Household.opened_on,
)
Index(
    "ix_household_status_stage",
    Household.status,
    Household.stage,
    Household.office_id,
    Household.stage_since,
    Household.opened_on,
)


def fiscal_year_of(day: dt.date) -> int:
    """The federal fiscal year a day falls in (FY2026 runs 1 October 2025 - 30 September 2026)."""
    return day.year + 1 if day.month >= 10 else day.year


def session_services(sessions) -> list[dict]:
    """One household's session_service rows (without household_id) from its (session_date, purpose) rows.

    Pure, so refresh_services and the seed's bulk path compute exactly the same thing.
    """
    first: dict[tuple[int, str], dt.date] = {}
    for on, purpose in sessions:
        key = (fiscal_year_of(on), purpose)
        if key not in first or on < first[key]:
            first[key] = on
    return [
        {"fiscal_year": fy, "purpose": purpose, "first_on": on} for (fy, purpose), on in sorted(first.items())
    ]


def refresh_services(connection, household_ids) -> None:
    """Rewrite the session_service rows of these households from their sessions, on this connection."""
    ids = sorted({int(i) for i in household_ids if i is not None})
    if not ids:
        return
    services, sessions = SessionService.__table__, CounselingSession.__table__
    connection.execute(delete(services).where(services.c.household_id.in_(ids)))
    found: dict[int, list] = {}
    for household_id, on, purpose in connection.execute(
        select(sessions.c.household_id, sessions.c.session_date, sessions.c.purpose).where(
            sessions.c.household_id.in_(ids)
        )
    ):
        found.setdefault(household_id, []).append((on, purpose))
    rows = [
        {"household_id": household_id, **row}
        for household_id, rows in found.items()
        for row in session_services(rows)
    ]
    if rows:
        connection.execute(insert(services), rows)


@event.listens_for(OrmSession, "before_flush")
def _note_session_households(session, _context, _instances) -> None:
    """Before a flush: the households whose sessions are added, changed or deleted (old household too)."""
    touched = session.info.setdefault("session_households", set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, CounselingSession):
            touched.add(obj.household_id)
            touched.update(inspect(obj).attrs.household_id.history.deleted or ())


@event.listens_for(OrmSession, "after_flush")
def _keep_session_services(session, _context) -> None:
    """After the flush, in the same transaction: their session_service rows follow the sessions."""
    touched = session.info.pop("session_households", None)
    if touched:
        refresh_services(session.connection(), touched)


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

# Appointments and reminders (issue 27, migration 0012) live in their own module; importing it here
# puts their tables in Base.metadata for Alembic's drift check.
from db import appointment_models as _appointment_models  # noqa: E402, F401
from db import document_models as _document_models  # noqa: E402, F401  (issue 26, 0015)

# Follow-up contacts, funding sources and the fee schedule (issue 26, migration 0016).
from db import followup_funding_models as _followup_funding_models  # noqa: E402, F401
