"""The core records of a counseling agency, one module per area. Schema changes go through Alembic only.

Never stored: SSN or ITIN numbers, bank or card account numbers. Eligibility needs only the *kind*
of ID (`id_type`) and the residency category, and those two columns are marked sensitive.
Importing this package puts every table in Base.metadata, which Alembic's drift check reads.
"""

from db.models.agency import AgencyRuleRow, AgencyText, ClientAgreement, HudCase, HudClientProfile
from db.models.base import NAMING, ROLES, SENSITIVE_COLUMNS, Base, demographic_key_sql, utcnow
from db.models.counseling import (
    ActionPlan,
    AuditEvent,
    CounselingSession,
    EducationAttendance,
    EducationEvent,
    Milestone,
    Outcome,
    PlanGoal,
    PlanStep,
    Referral,
    Scenario,
    SessionService,
)
from db.models.people import Household, HouseholdMember, LeadOffice, Office, User
from db.models.reporting import fiscal_year_of, refresh_services, session_services

# isort: split
# Tables of their own modules, imported here so Alembic's drift check sees them in Base.metadata:
# appointments and reminders (issue 27, migrations 0012 and 0017), documents and admin notes (0015),
# follow-up contacts, funding sources and the fee schedule (0016).
from db.models import appointments, documents, followup  # noqa: F401

__all__ = [
    "NAMING",
    "ROLES",
    "SENSITIVE_COLUMNS",
    "ActionPlan",
    "AgencyRuleRow",
    "AgencyText",
    "AuditEvent",
    "Base",
    "ClientAgreement",
    "CounselingSession",
    "EducationAttendance",
    "EducationEvent",
    "Household",
    "HouseholdMember",
    "HudCase",
    "HudClientProfile",
    "LeadOffice",
    "Milestone",
    "Office",
    "Outcome",
    "PlanGoal",
    "PlanStep",
    "Referral",
    "Scenario",
    "SessionService",
    "User",
    "demographic_key_sql",
    "fiscal_year_of",
    "refresh_services",
    "session_services",
    "utcnow",
]
