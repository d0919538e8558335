"""The audit trail: every login, view and change of a client record, by id only (no personal data)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.audit import chain as audit_chain
from db.models import AuditEvent, utcnow


def record(
    session: Session,
    user: dict | None,
    action: str,
    entity: str = "",
    entity_id: int | None = None,
    detail: str = "",
) -> None:
    """Add an audit event to the caller's transaction, so it commits (or not) with the change itself.

    The event is chained onto the last one (db.audit.chain), inside this same transaction.
    """
    event = AuditEvent(
        at=utcnow(),
        user_id=(user or {}).get("id"),
        office_id=(user or {}).get("office_id"),
        action=action,
        entity=entity or "",
        entity_id=entity_id,
        detail=detail[:300],
    )
    audit_chain.link(session, event)
    session.add(event)


def events_for(session: Session, entity: str, entity_id: int) -> list[AuditEvent]:
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return list(session.scalars(stmt))
