"""Reading the audit trail (admins): newest first, with who did it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Engine

from db.engine import reading
from db.models import AuditEvent, User


def recent(engine: Engine, actor: dict, limit: int = 200, action: str | None = None) -> list[dict]:
    if not actor or actor.get("role") != "admin":
        raise PermissionError("admins only")
    stmt = (
        select(AuditEvent, User.username)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    with reading(engine) as s:
        return [
            {
                "at": e.at,
                "user": username or "",
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "detail": e.detail,
            }
            for e, username in s.execute(stmt)
        ]
