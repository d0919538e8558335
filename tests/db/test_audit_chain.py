"""The audit log is a hash chain: an edited or deleted row is found, and parallel writers keep one chain."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text

from db import audit
from db.audit import chain as audit_chain
from db.engine import reading, transaction
from db.models import AuditEvent
from tests.factories import small_agency


def write_events(engine, user, n: int) -> list[int]:
    for i in range(n):
        with transaction(engine) as s:
            audit.record(s, user, "household_viewed", "household", i + 1, f"n={i}")
    with reading(engine) as s:
        return list(s.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))


@pytest.fixture
def chained(engine):
    agency = small_agency(engine)
    ids = write_events(engine, agency["users"]["counselor"], 6)
    return engine, ids


def test_every_row_is_chained_onto_the_one_before(chained):
    engine, ids = chained
    with reading(engine) as s:
        rows = list(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    assert rows[0].prev_hash == ""
    for before, row in zip(rows, rows[1:], strict=False):
        assert row.prev_hash == before.row_hash and len(row.row_hash) == 64
    report = audit_chain.verify(engine)
    assert report.ok and report.checked == len(ids) and report.head == rows[-1].row_hash


def test_several_events_in_one_transaction_chain_in_order(engine):
    user = small_agency(engine)["users"]["lead"]
    with transaction(engine) as s:
        for household_id in (3, 1, 2):
            audit.record(s, user, "retention_purged", "household", household_id)
    assert audit_chain.verify(engine).ok


def test_a_rolled_back_event_leaves_no_trace_in_the_chain(engine):
    user = small_agency(engine)["users"]["counselor"]
    with pytest.raises(RuntimeError), transaction(engine) as s:
        audit.record(s, user, "household_updated", "household", 1)
        raise RuntimeError("validation failed after the audit row")
    write_events(engine, user, 2)
    assert audit_chain.verify(engine).ok


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_event SET detail = 'nothing to see' WHERE id = :id",
        "UPDATE audit_event SET action = 'login' WHERE id = :id",
        "UPDATE audit_event SET user_id = NULL WHERE id = :id",
        "UPDATE audit_event SET at = at + INTERVAL '1 hour' WHERE id = :id",
        "UPDATE audit_event SET row_hash = '' , prev_hash = '' WHERE id = :id",
    ],
)
def test_an_edited_row_is_named(chained, tamper):
    engine, ids = chained
    victim = ids[-3]  # one of the counselor's views (the agency's set-up rows come first)
    if engine.dialect.name == "sqlite":
        tamper = tamper.replace("at + INTERVAL '1 hour'", "datetime(at, '+1 hour')")
    with engine.begin() as conn:
        assert conn.execute(text(tamper), {"id": victim}).rowcount == 1
    report = audit_chain.verify(engine)
    assert (report.broken_id, report.problem) == (victim, "edited")


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(chained):
    engine, ids = chained
    victim = ids[-3]
    with transaction(engine) as s:
        row = s.get(AuditEvent, victim)
        row.detail = "rewritten"
        row.row_hash = audit_chain.hash_row(row.prev_hash, row)
    report = audit_chain.verify(engine)
    assert (report.broken_id, report.problem, report.after_id) == (ids[-2], "link", victim)


@pytest.mark.parametrize("position", [0, 7])
def test_a_deleted_row_is_found(chained, position):
    engine, ids = chained
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": ids[position]})
    report = audit_chain.verify(engine)
    assert (report.broken_id, report.problem) == (ids[position + 1], "link")
    assert report.after_id == (ids[position - 1] if position else None)


def test_rows_from_before_the_chain_are_counted_not_judged(engine):
    with engine.begin() as conn:
        for action in ("login", "household_viewed"):
            conn.execute(
                text("INSERT INTO audit_event (at, action, entity, detail) VALUES (:at, :a, '', '')"),
                {"at": "2025-01-02 03:04:05", "a": action},
            )
    write_events(engine, None, 3)
    report = audit_chain.verify(engine)
    assert report.ok and (report.unchained, report.checked) == (2, 3)
    with engine.begin() as conn:  # an empty hash after the chain started is an edit, not an old row
        conn.execute(text("UPDATE audit_event SET prev_hash = '', row_hash = '' WHERE id = 4"))
    assert (audit_chain.verify(engine).broken_id, audit_chain.verify(engine).problem) == (4, "edited")


def test_parallel_writers_keep_one_chain(engine):
    """Eight threads, each writing 12 transactions of two events: every row links to the one before."""
    user = small_agency(engine)["users"]["counselor"]
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def writer(worker: int) -> None:
        try:
            barrier.wait()
            for i in range(12):
                with transaction(engine) as s:
                    audit.record(s, user, "household_viewed", "household", worker, f"i={i}")
                    audit.record(s, user, "household_updated", "household", worker, f"i={i}")
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with reading(engine) as s:
        total = s.scalar(select(func.count()).select_from(AuditEvent))
        distinct_prev = s.scalar(select(func.count(func.distinct(AuditEvent.prev_hash))))
    report = audit_chain.verify(engine)
    assert report.ok and report.checked == total and distinct_prev == total
