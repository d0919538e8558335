"""The declarative base, naming convention, roles and sensitive columns every model shares."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    MetaData,
)
from sqlalchemy.orm import DeclarativeBase

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
