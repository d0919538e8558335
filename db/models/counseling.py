"""Counseling sessions, education, action plans, referrals, milestones, scenarios, outcomes and the audit trail."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, utcnow


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
    # leading it, whose calendar it holds (db.appointments.workshop_plans). NULL times: recorded by date only.
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
    # Tamper evidence (db.audit.chain): the previous row's hash, and this row's over its fields and that.
    prev_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    row_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
