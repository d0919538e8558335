"""A process killed (SIGKILL) in the middle of a write leaves the database consistent: all or nothing.

The child process is real and runs the real import; a cursor event only tells the parent *when*
the transaction is half done (it prints MID and waits), so the kill lands mid-transaction.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from db.engine import reading
from db.models import AuditEvent, Household
from tests.factories import small_agency

ROOT = Path(__file__).resolve().parents[2]
ROWS = 3000

CHILD = r"""
import json, sys, time
from sqlalchemy import event
from db.engine import make_engine
from db import transfer

url, user, path = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
engine = make_engine(url)
inserts = {"n": 0}

@event.listens_for(engine, "after_cursor_execute")
def pause_midway(conn, cursor, statement, params, context, executemany):
    if statement.lstrip().upper().startswith("INSERT INTO HOUSEHOLD"):
        inserts["n"] += 1
        if inserts["n"] == 2:
            print("MID", flush=True)
            time.sleep(120)

transfer.commit(engine, user, open(path, "rb").read())
print("DONE", flush=True)
"""


def big_csv(path: Path) -> Path:
    lines = ["display_name,phone,household_size,jurisdiction,preferred_language"]
    lines += [f"Familia Importada {i},202-555-{i % 10000:04d},3,dc,es" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n")
    return path


def kill_midway(url: str, user: dict, csv_path: Path) -> str:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, json.dumps(user), str(csv_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = proc.stdout.readline().strip()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return first or proc.stderr.read()[-500:]


def counts(engine) -> tuple[int, int]:
    with reading(engine) as s:
        households = s.scalar(select(func.count()).select_from(Household))
        imports = s.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "households_imported")
        )
        return households, imports


@pytest.mark.serial
def test_import_killed_midway_writes_nothing_and_the_database_stays_usable(engine, tmp_path):
    from db import transfer

    agency = small_agency(engine)
    user = agency["users"]["counselor"]
    url = engine.url.render_as_string(hide_password=False)
    before = counts(engine)
    csv_path = big_csv(tmp_path / "import.csv")

    assert kill_midway(url, user, csv_path) == "MID"
    engine.dispose()
    assert counts(engine) == before  # nothing half-imported, no audit entry for an import that did not happen
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    # The lock died with the process: the same import now goes through whole.
    assert transfer.commit(engine, user, csv_path.read_bytes()) == ROWS
    assert counts(engine) == (before[0] + ROWS, before[1] + 1)


PLAN_CHILD = r"""
import json, sys, time
from sqlalchemy import event
from db.engine import make_engine
from db import activity

url, user, household_id = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])
engine = make_engine(url)
inserts = {"n": 0}

@event.listens_for(engine, "after_cursor_execute")
def pause_midway(conn, cursor, statement, params, context, executemany):
    if statement.lstrip().upper().startswith("INSERT INTO PLAN_STEP"):
        inserts["n"] += 1
        if inserts["n"] == 2:
            print("MID", flush=True)
            time.sleep(120)

steps = [{"text": f"Paso nuevo {i}", "owner": "client"} for i in range(2500)]
activity.save_plan(engine, user, household_id, "Plan nuevo", ["Meta nueva"], steps)
print("DONE", flush=True)
"""


@pytest.mark.serial
def test_plan_save_killed_midway_keeps_the_old_plan_whole(engine):
    from db import activity

    agency = small_agency(engine)
    user, household_id = agency["users"]["counselor"], agency["households"]["north"]
    activity.save_plan(
        engine,
        user,
        household_id,
        "Plan original",
        ["Ahorrar para el pago inicial"],
        [
            {"text": "Abrir una cuenta de ahorro", "owner": "client", "due_date": "2027-01-15"},
            {"text": "Revisar el crédito", "owner": "counselor"},
        ],
    )
    before = activity.plan_for(engine, user, household_id)
    url = engine.url.render_as_string(hide_password=False)
    proc = subprocess.Popen(
        [sys.executable, "-c", PLAN_CHILD, url, json.dumps(user), str(household_id)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = proc.stdout.readline().strip()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert first == "MID", proc.stderr.read()[-500:]
    engine.dispose()
    after = activity.plan_for(engine, user, household_id)
    assert after == before
