"""Tamper evidence for the audit log: every row carries the hash of the row before it.

row_hash = SHA-256(prev_hash + "\\n" + the row's canonical content), prev_hash = the row_hash of the row
with the next lower id. Editing a row changes its hash; deleting a row leaves the next row pointing at a
hash nobody has. `verify` walks the log in id order and names the first row where that shows.

The head of the chain is read inside the writer's own transaction, so two writers never chain onto the
same row: SQLite writers already hold the database's write lock (BEGIN IMMEDIATE), and on PostgreSQL
the first audit row of a transaction takes a transaction-scoped advisory lock that is held to commit.

Rows written before the chain existed (empty hashes, at the start of the log) are counted as
"unchained" and not judged; an empty hash after the first chained row is a change.

The hash is not keyed: someone who can rewrite the whole table can also recompute the chain. Note the
head printed by `python -m db.manage verify-audit` somewhere else (a paper log, an email) to catch that.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.engine import reading
from db.models import AuditEvent

# pg_advisory_xact_lock key: "CAMI" in ASCII, unique to this lock in the application.
CHAIN_LOCK_KEY = 0x43414D49
_HEAD = "audit_chain_head"


def canonical(event: AuditEvent) -> str:
    """The row's content as one stable string (what the hash covers, apart from prev_hash)."""
    return json.dumps(
        [
            event.at.isoformat(timespec="microseconds"),
            event.user_id,
            event.office_id,
            event.action,
            event.entity or "",
            event.entity_id,
            event.detail or "",
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def hash_row(prev_hash: str, event: AuditEvent) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical(event)).encode("utf-8")).hexdigest()


def _head(session: Session) -> str:
    """The last row_hash, as this transaction sees it: locked on PostgreSQL, cached for the transaction."""
    txn = session.get_transaction()
    cached = session.info.get(_HEAD)
    if cached is not None and cached[0] is txn:
        return cached[1]
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})
    with session.no_autoflush:
        head = session.scalar(select(AuditEvent.row_hash).order_by(AuditEvent.id.desc()).limit(1))
    return head or ""


def link(session: Session, event: AuditEvent) -> None:
    """Fill prev_hash and row_hash of a new event, chained onto the last row (call before adding it)."""
    prev = _head(session)
    event.prev_hash = prev
    event.row_hash = hash_row(prev, event)
    session.info[_HEAD] = (session.get_transaction(), event.row_hash)


@dataclass(frozen=True)
class ChainReport:
    """What `verify` found. `broken_id` is the first row where the chain shows a change, else None."""

    checked: int
    unchained: int
    head: str
    broken_id: int | None = None
    # "edited": this row's content or hash changed. "link": it points at a hash no row has, because rows
    # after `after_id` were deleted or row `after_id` was rewritten along with its hash.
    problem: str = ""
    after_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify(engine: Engine) -> ChainReport:
    """Walk the whole audit log in id order and report the first edited row or broken link."""
    checked = unchained = 0
    prev, prev_id, started = "", None, False
    with reading(engine) as s:
        rows = s.scalars(select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=5000))
        for event in rows:
            if not started and not event.row_hash and not event.prev_hash:
                unchained += 1
                prev_id = event.id
                continue
            started = True
            checked += 1
            if event.prev_hash != prev:
                if event.row_hash and event.row_hash == hash_row(event.prev_hash, event):
                    return ChainReport(checked, unchained, prev, event.id, "link", prev_id)
                return ChainReport(checked, unchained, prev, event.id, "edited", prev_id)
            if event.row_hash != hash_row(prev, event):
                return ChainReport(checked, unchained, prev, event.id, "edited", prev_id)
            prev, prev_id = event.row_hash, event.id
    return ChainReport(checked, unchained, prev)
