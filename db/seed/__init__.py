"""A plainly fictional, bilingual demo caseload: `python -m db.seed --demo [--households N]`.

Every record is flagged `is_demo`; phones are in the 555-01xx range reserved for fiction and emails
use example.org. `generate(engine, households=N, seed=42, today=...)` is deterministic for a given
seed and date, and writes with bulk INSERTs so the bench can make 50,000 households quickly.
It refuses to touch a database that already holds records that are not demo records.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys

from sqlalchemy import bindparam, exists, insert, or_, select
from sqlalchemy.engine import Engine

from db import audit
from db.accounts import hash_password
from db.engine import transaction
from db.households import DERIVED_COLUMNS
from db.local_time import today_local
from db.models import (
    ActionPlan,
    CounselingSession,
    EducationAttendance,
    Household,
    Milestone,
    Office,
    Outcome,
    PlanGoal,
    PlanStep,
    Referral,
    Scenario,
    SessionService,
    User,
    utcnow,
)
from db.seed import documents as seed_documents
from db.seed import followup as seed_followup
from db.seed import hud as seed_hud
from db.seed.activity import attendance_rows, household_activity, workshop_events
from db.seed.households import household_row
from db.seed.story import DEMO_ACCOUNTS, DEMO_ADMIN_TOTP_SECRET, OFFICE_ADDRESSES, OFFICES

DEFAULT_HOUSEHOLDS = 240
CHUNK = 2000


class SeedRefused(RuntimeError):
    """The database holds real (non-demo) records, or demo data is already there."""


def _refuse_unless_empty_or_demo(session) -> None:
    real = (
        session.scalar(select(exists().where(Household.is_demo.is_(False))))
        or session.scalar(select(exists().where(User.is_demo.is_(False))))
        or session.scalar(select(exists().where(Office.is_demo.is_(False))))
    )
    if real:
        raise SeedRefused("this database holds records that are not demo data; refusing to seed")
    if session.scalar(select(exists().where(Office.code.in_([c for _n, c, _j in OFFICES.values()])))):
        raise SeedRefused("demo data is already here")


def _staff(session) -> dict:
    offices = {}
    for key, (name, code, _jur) in OFFICES.items():
        office = Office(
            name=name,
            code=code,
            agency_name="Camino Demo",
            phone="(202) 555-0100",
            address=OFFICE_ADDRESSES[key],
            is_demo=True,
        )
        session.add(office)
        session.flush()
        offices[key] = office.id
    users: dict = {"north": [], "south": [], "trainer": None, "lead": None, "admin": None}
    hashes = {}
    for i, (username, name, role, office, password) in enumerate(DEMO_ACCOUNTS, start=1):
        hashes[password] = hashes.get(password) or hash_password(password)
        user = User(
            username=username,
            display_name=name,
            role=role,
            office_id=offices[office],
            password_hash=hashes[password],
            hud_counselor_id=f"DEMO-{i:04d}" if role in ("counselor", "lead") else "",
            hud_certified_on=dt.date(2021, 5, 3 + i) if role in ("counselor", "lead") else None,
            counseling_languages="es,en" if role in ("counselor", "lead") else "",
            language="es" if role == "counselor" else "en",
            is_demo=True,
            totp_secret=DEMO_ADMIN_TOTP_SECRET if role == "admin" else "",
        )
        session.add(user)
        session.flush()
        if role == "counselor":
            users[office].append(user.id)
        else:
            users[role] = user.id
    users["north"].append(users["lead"])  # the lead carries a small caseload too
    return {"offices": offices, "users": users}


def _bulk(session, model, rows: list[dict]) -> None:
    """Plain executemany INSERT (no ORM bookkeeping, no RETURNING): the fast path for child rows."""
    if rows:
        session.connection().execute(model.__table__.insert(), rows)


def _flush_chunk(session, out: dict) -> None:
    if out["sessions"]:
        _bulk(session, CounselingSession, out["sessions"])
    if out["services"]:
        _bulk(session, SessionService, out["services"])
    if out["milestones"]:
        _bulk(session, Milestone, out["milestones"])
    if out["referrals"]:
        _bulk(session, Referral, out["referrals"])
    if out["outcomes"]:
        _bulk(session, Outcome, out["outcomes"])
    if out["scenarios"]:
        _bulk(session, Scenario, out["scenarios"])
    if out["plans"]:
        plan_rows = [
            {"household_id": p["household_id"], "summary": p["summary"], "updated_at": utcnow(), "version": 1}
            for p in out["plans"]
        ]
        plan_ids = session.scalars(
            insert(ActionPlan).returning(ActionPlan.id, sort_by_parameter_order=True), plan_rows
        ).all()
        goals, steps = [], []
        for plan, plan_id in zip(out["plans"], plan_ids, strict=True):
            goals += [{"plan_id": plan_id, "text": t, "position": i} for i, t in enumerate(plan["goals"])]
            steps += [
                {"plan_id": plan_id, "text": t, "owner": o, "due_date": d, "status": st, "position": i}
                for i, (t, o, d, st) in enumerate(plan["steps"])
            ]
        _bulk(session, PlanGoal, goals)
        _bulk(session, PlanStep, steps)
    if out["updates"]:
        keys = (
            *DERIVED_COLUMNS,
            "last_contact_on",
            "next_follow_up",
            "status",
            "closed_on",
            "close_reason",
            "given_plan_on",
        )
        # One bulk UPDATE by primary key (ORM bulk update mode); missing keys keep the insert's values.
        rows = []
        for hid, values in out["updates"]:
            row = {"id": hid}
            row.update({k: values[k] for k in keys if k in values})
            rows.append(row)
        for shape in {tuple(sorted(r)) for r in rows}:
            same = [r for r in rows if tuple(sorted(r)) == shape]
            session.execute(
                Household.__table__.update()
                .where(Household.__table__.c.id == bindparam("b_id"))
                .values({k: bindparam(f"b_{k}") for k in shape if k != "id"}),
                [{f"b_{k}": v for k, v in r.items()} for r in same],
            )
    for key in out:
        out[key] = []


def generate(
    engine: Engine, households: int = DEFAULT_HOUSEHOLDS, seed: int = 42, today: dt.date | None = None
) -> dict:
    """Fill the database with a fictional agency and `households` households; returns counts and logins.

    Deterministic for (households, seed, today). Refuses (SeedRefused) when non-demo records exist.
    """
    today = today or today_local()
    rng = random.Random(seed)
    counts = {
        "households": 0,
        "sessions": 0,
        "milestones": 0,
        "plans": 0,
        "referrals": 0,
        "outcomes": 0,
        "scenarios": 0,
    }
    wanted: list = []
    with transaction(engine) as s:
        _refuse_unless_empty_or_demo(s)
        staff = _staff(s)
        events = workshop_events(s, rng, staff, today)
        sources = seed_followup.setup(s, today)  # demo funders, fee schedule, workshop funding (issue 26)
        out = {
            k: []
            for k in (
                "sessions",
                "services",
                "milestones",
                "plans",
                "referrals",
                "outcomes",
                "scenarios",
                "updates",
                "attendance_wanted",
            )
        }
        made = 0
        while made < households:
            batch = min(CHUNK, households - made)
            rows = []
            for i in range(batch):
                office = "north" if rng.random() < 0.55 else "south"
                rows.append(household_row(rng, made + i, office, staff, today))
            ids = s.scalars(
                insert(Household).returning(Household.id, sort_by_parameter_order=True), rows
            ).all()
            for hid, row in zip(ids, rows, strict=True):
                row["session_purpose"] = row["counseling_purpose"] or "rental"
                household_activity(rng, hid, row, staff, today, out)
            seed_hud.write(s, seed, ids, rows, out["sessions"])  # HUD answers and cases (issue 26)
            seed_followup.write(s, seed, ids, rows, out, sources, today)  # funding, follow-up stages
            seed_documents.write(s, seed, ids, rows)  # agreement, disclosure, privacy notice given
            wanted += out["attendance_wanted"]
            for key in counts:
                counts[key] += len(out.get(key, ()))
            _flush_chunk(s, out)
            made += batch
        counts["households"] = made
        attendance = attendance_rows(events, wanted)
        if attendance:
            _bulk(s, EducationAttendance, attendance)
        counts["education_events"] = sum(len(v) for v in events.values())
        counts["attendance"] = len(attendance)
        audit.record(s, None, "demo_seeded", "", None, f"households={made}")
    counts["documents"] = seed_documents.add_documents(engine, today)  # a few files in the document store
    return {"counts": counts, "accounts": [(u, p, r) for u, _n, r, _o, p in DEMO_ACCOUNTS]}


def demo_present(engine: Engine) -> bool:
    with transaction(engine) as s:
        return bool(
            s.scalar(select(exists().where(or_(Office.is_demo.is_(True), Household.is_demo.is_(True)))))
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.seed", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--demo", action="store_true", help="fill the database with the fictional demo caseload"
    )
    parser.add_argument("--households", type=int, default=DEFAULT_HOUSEHOLDS)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--demo-code",
        action="store_true",
        help="print demo_admin's current second-factor code (from the public demo secret)",
    )
    args = parser.parse_args(argv)
    if args.demo_code:
        print(demo_admin_code())
        return 0
    if not args.demo:
        parser.print_help()
        return 2
    from db import migrate
    from db.engine import make_engine

    engine = make_engine()
    migrate.upgrade(engine)
    try:
        result = generate(engine, households=args.households, seed=args.seed)
    except SeedRefused as err:
        print(f"Not seeded: {err}.", file=sys.stderr)
        return 1
    counts = result["counts"]
    print(", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    print("Demo logins (fictional data only):")
    for username, password, role in result["accounts"]:
        print(f"  {username:<14} {password:<24} {role}")
    print(
        f"demo_admin also asks for a code: add the key {DEMO_ADMIN_TOTP_SECRET} to an authenticator app,\n"
        "or print the current code with: python -m db.seed --demo-code"
    )
    return 0


def demo_admin_code(now: dt.datetime | None = None) -> str:
    """The demo administrator's current TOTP code, from the public demo secret (never a real account's)."""
    import pyotp

    return pyotp.TOTP(DEMO_ADMIN_TOTP_SECRET).at(now or dt.datetime.now(dt.UTC))

