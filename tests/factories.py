"""Small, known records for tests: two offices, one user per role, and households in each office."""

from __future__ import annotations

import datetime as dt

from db import accounts, audit
from db.engine import reading, transaction
from db.households import normalize_name
from db.models import Household, Office, User

PASSWORD = "correct horse battery"  # 21 characters, zxcvbn score 4: passes the password rule
# The test administrator's TOTP secret (administrators must have a second factor). Tests compute its
# codes with pyotp, as the person's phone would.
ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
CERTIFIED_ON = dt.date(2021, 3, 15)  # counselors are HUD-certified (sessions need it); others are not


def make_office(engine, name: str, code: str) -> int:
    with transaction(engine) as s:
        office = Office(name=name, code=code, agency_name="Camino Test Agency")
        s.add(office)
        s.flush()
        return office.id


def make_household(engine, office_id: int, name: str, **fields) -> int:
    with transaction(engine) as s:
        hh = Household(
            office_id=office_id,
            display_name=name,
            search_name=normalize_name(name),
            opened_on=fields.pop("opened_on", dt.date(2026, 1, 5)),
            **fields,
        )
        s.add(hh)
        s.flush()
        return hh.id


def small_agency(engine) -> dict:
    """Two offices with staff and households; returns the ids and session-user dicts by role."""
    north = make_office(engine, "Oficina Norte", "north")
    south = make_office(engine, "Oficina Sur", "south")
    users = {}
    for username, role, office in [
        ("admin", "admin", north),
        ("lead", "lead", north),
        ("counselor", "counselor", north),
        ("counselor_south", "counselor", south),
        ("trainer", "trainer", north),
    ]:
        uid = accounts.create_user(
            engine,
            username=username,
            display_name=f"Test {username}",
            password=PASSWORD,
            role=role,
            office_id=office,
            hud_counselor_id="HUD-12345" if role == "counselor" else "",
            hud_certified_on=CERTIFIED_ON if role == "counselor" else None,
        )
        users[username] = {
            "id": uid,
            "name": f"Test {username}",
            "username": username,
            "role": role,
            "office_id": office,
            "language": "en",
            "session_version": 0,
            "second_factor": role == "admin",
        }
    with transaction(engine) as s:  # the administrator has set up a second factor, as required
        s.get(User, users["admin"]["id"]).totp_secret = ADMIN_TOTP_SECRET
    households = {
        "north": make_household(
            engine,
            north,
            "María José Núñez Pérez",
            counselor_id=users["counselor"]["id"],
            phone="202-555-0101",
            jurisdiction="dc",
            household_size=4,
            annual_income=62000,
        ),
        "south": make_household(
            engine,
            south,
            "Nguyễn Thị Ngọc",
            counselor_id=users["counselor_south"]["id"],
            phone="301-555-0199",
            jurisdiction="montgomery_md",
            household_size=2,
            annual_income=48000,
        ),
    }
    return {"offices": {"north": north, "south": south}, "users": users, "households": households}


def audit_actions(engine, household_id: int) -> list[str]:
    """The audit trail of one household, oldest first: what tests expect a change to have recorded."""
    with reading(engine) as s:
        return [e.action for e in audit.events_for(s, "household", household_id)]


def workshop_held_yesterday(engine, trainer: dict) -> int:
    """A workshop planned (a week ahead, as trainers do) for yesterday at 18:00, led by `trainer`; its id."""
    from db.appointments import workshop_plans
    from db.local_time import today_local

    held = today_local() - dt.timedelta(days=1)
    return workshop_plans.plan(
        engine, trainer, day=held, start_time=dt.time(18, 0), minutes=120, place="Biblioteca",
        leader_id=trainer["id"], education_type="prepurchase", title="Comprar casa", language="es",
        now=dt.datetime.combine(held, dt.time(0)) - dt.timedelta(days=1),
    )  # fmt: skip
