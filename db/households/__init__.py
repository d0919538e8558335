"""Household repository: search and paging, intake create/update with conflict detection, members, stage.

Every function takes the acting user and goes through db.scope, and every view or change is audited
(ids and action names only, never names or phones). Callers use `from db import households`; the
modules here hold one area each.
"""

from db.households.intake import (
    CHOICE_FIELDS,
    CREDIT_CODES,
    DATE_FIELDS,
    INTAKE_FIELDS,
    LANGUAGES,
    MAX_HOUSEHOLD_SIZE,
    MAX_INCOME,
    NO_CONTACT_DAYS,
    OPTIONAL_CHOICE_FIELDS,
    PAGE_SIZE,
    SAVINGS_CODES,
    STATUSES,
    TEXT_FIELDS,
    ami_figures,
    digits,
    normalize_name,
    validate_intake,
)
from db.households.records import (
    EditConflict,
    changed_fields,
    create,
    current,
    derive_fields,
    get,
    household_dict,
    set_members,
    update,
)
from db.households.search import Page, counselors, record_list_view, search
from db.households.stage import DERIVED_COLUMNS, reached_column, refresh_stage, stage_facts
from db.scope import AccessDenied

__all__ = [
    "AccessDenied",
    "CHOICE_FIELDS",
    "CREDIT_CODES",
    "DATE_FIELDS",
    "DERIVED_COLUMNS",
    "EditConflict",
    "INTAKE_FIELDS",
    "LANGUAGES",
    "MAX_HOUSEHOLD_SIZE",
    "MAX_INCOME",
    "NO_CONTACT_DAYS",
    "OPTIONAL_CHOICE_FIELDS",
    "PAGE_SIZE",
    "Page",
    "SAVINGS_CODES",
    "STATUSES",
    "TEXT_FIELDS",
    "ami_figures",
    "changed_fields",
    "counselors",
    "create",
    "current",
    "derive_fields",
    "digits",
    "get",
    "household_dict",
    "normalize_name",
    "reached_column",
    "record_list_view",
    "refresh_stage",
    "search",
    "set_members",
    "stage_facts",
    "update",
    "validate_intake",
]
