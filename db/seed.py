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
from functools import cache

from sqlalchemy import bindparam, exists, insert, or_, select
from sqlalchemy.engine import Engine

from db import audit, codes, seed_documents, seed_followup, seed_hud
from db import scenario_schemas as schemas
from db.accounts import hash_password
from db.engine import transaction
from db.households import DERIVED_COLUMNS, ami_figures, normalize_name, stage_facts
from db.models import (
    ActionPlan,
    CounselingSession,
    EducationAttendance,
    EducationEvent,
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
    session_services,
    utcnow,
)

DEFAULT_HOUSEHOLDS = 240
CHUNK = 2000
HISTORY_DAYS = 730  # the 24 months before today

# The demo administrator's second factor (administrators must have one). Public like the demo
# passwords: add it to an authenticator app, or print the current code with
# `python -m db.seed --demo-code`. Never on a real account.
DEMO_ADMIN_TOTP_SECRET = "CAMINODEMOADMINXCAMINODEMOADMINX"
# Demo accounts: obviously demo usernames and passwords, printed at the end of a seed.
DEMO_ACCOUNTS = (
    ("demo_admin", "Admin Demo", "admin", "north", "demo-admin-password"),
    ("demo_lead", "Lucía Líder (demo)", "lead", "north", "demo-lead-password"),
    ("consejera1", "Consejera Uno (demo)", "counselor", "north", "demo-password-1"),
    ("consejera2", "Consejera Dos (demo)", "counselor", "north", "demo-password-2"),
    ("consejera3", "Consejera Tres (demo)", "counselor", "north", "demo-password-3"),
    ("consejera4", "Consejera Cuatro (demo)", "counselor", "south", "demo-password-4"),
    ("consejera5", "Consejera Cinco (demo)", "counselor", "south", "demo-password-5"),
    ("demo_trainer", "Tomás Talleres (demo)", "trainer", "north", "demo-trainer-password"),
)
OFFICES = {
    "north": ("Oficina DC y Maryland (demo)", "demo-north", ("dc", "montgomery_md", "prince_georges_md")),
    "south": ("Oficina Virginia (demo)", "demo-south", ("arlington_va", "fairfax_va", "alexandria_va")),
}
# Printed under "Address and phone" on every plan (fictional street numbers).
OFFICE_ADDRESSES = {
    "north": "3000 14th St NW, Washington, DC 20009",
    "south": "2000 Columbia Pike, Arlington, VA 22204",
}
AREA_CODES = {
    "dc": "202",
    "montgomery_md": "301",
    "prince_georges_md": "240",
    "arlington_va": "703",
    "fairfax_va": "571",
    "alexandria_va": "703",
}
FIRST = (
    "María", "José", "Ana", "Carlos", "Rosa", "Luis", "Carmen", "Jorge", "Marta", "Pedro", "Lucía",
    "Juan", "Gloria", "Miguel", "Sofía", "Óscar", "Reina", "Santos", "Yesenia", "Wilfredo", "Dolores",
    "Nelson", "Xiomara", "Héctor", "Iris", "Edwin", "Blanca", "René", "Patricia", "Julio",
)  # fmt: skip
LAST = (
    "Hernández", "Martínez", "López", "García", "Rodríguez", "Pérez", "Flores", "Ramírez", "Cruz",
    "Reyes", "Morales", "Ortiz", "Guzmán", "Chávez", "Portillo", "Escobar", "Alvarado", "Mejía",
    "Quintanilla", "Argueta", "Batres", "Villatoro", "Núñez", "Zelaya", "Ayala", "Peña",
)  # fmt: skip
# A household's HUD purpose follows its story: only owners get post-purchase or delinquency
# counseling, homeless assistance goes to families without a home, the rest buy or rent.
PURPOSES_BY_HOUSING = {
    "renter": {"prepurchase": 64, "rental": 33, "": 3},
    "living_with_family": {"prepurchase": 60, "rental": 37, "": 3},
    "owner": {"post_purchase": 50, "forward_delinquency": 50},
    "homeless": {"homeless": 75, "rental": 25},
}
_FOLLOW_UP = "Llamada de seguimiento; todo va bien / Follow-up call; on track."
_BUDGET = "Revisamos el presupuesto mensual / Reviewed the monthly budget."
# What a session of each purpose was about (the demo's notes match the purpose coded on it).
SESSION_NOTES = {
    "prepurchase": (
        _BUDGET,
        "Leímos juntos el reporte de crédito / Read the credit report together.",
        "Hablamos de la asistencia para el pago inicial / Talked about down-payment assistance.",
        "Plan de ahorro: $150 cada quincena / Savings plan: $150 every payday.",
        _FOLLOW_UP,
        "Preparamos documentos para el prestamista / Prepared documents for the lender.",
        "Carta de precalificación recibida / Pre-qualification letter received.",
    ),
    "rental": (
        _BUDGET,
        "Dudas sobre el contrato de alquiler / Questions about the lease.",
        "Revisamos el aviso de aumento de renta / Reviewed the rent increase notice.",
        "Plan para pagar la renta atrasada / Plan to pay the back rent.",
        _FOLLOW_UP,
    ),
    "homeless": (
        "Referido a un albergue familiar / Referred to a family shelter.",
        "Buscamos vivienda de transición / Looked for transitional housing.",
        _FOLLOW_UP,
    ),
    "post_purchase": (
        "Revisamos el impuesto a la propiedad y el seguro / Reviewed property tax and insurance.",
        "Plan para reparaciones de la casa / Plan for home repairs.",
        _FOLLOW_UP,
    ),
    "forward_delinquency": (
        "Llamamos juntos al administrador del préstamo / Called the loan servicer together.",
        "Preparamos la solicitud de modificación / Prepared the loan modification request.",
        _FOLLOW_UP,
    ),
}
GOALS = (
    "Comprar una casa en los próximos 2 años / Buy a home within 2 years",
    "Subir el puntaje de crédito a 640 / Raise the credit score to 640",
    "Ahorrar un fondo de emergencia de $1,000 / Save a $1,000 emergency fund",
    "Mantener la vivienda y evitar el desalojo / Keep the home and avoid eviction",
)
STEPS = (
    ("Pedir el reporte de crédito gratis / Request the free credit report", "client"),
    ("Abrir una cuenta de ahorro / Open a savings account", "client"),
    ("Juntar talones de pago y W-2 / Gather pay stubs and W-2s", "client"),
    ("Enviar lista de prestamistas ITIN / Send list of ITIN lenders", "counselor"),
    ("Revisar programas de asistencia / Check assistance programs", "counselor"),
    ("Inscribirse al taller de compradores / Sign up for the homebuyer class", "client"),
    ("Pagar a tiempo la tarjeta / Pay the card on time", "client"),
)
REFERRAL_AGENCIES = (
    ("Clínica Legal Comunitaria (demo)", "Aviso del propietario / Notice from landlord"),
    ("Cooperativa de Crédito Vecinal (demo)", "Cuenta de ahorro y préstamo de crédito / Savings account"),
    ("Programa de Asistencia para Alquiler (demo)", "Renta atrasada / Back rent"),
    ("Círculo de Préstamo Familiar (demo)", "Construir crédito / Build credit"),
)
# How far along a homebuyer household gets, as (milestones reached in order) with weights.
PURCHASE_PATH = (
    "budget_completed",
    "credit_report_reviewed",
    "emergency_fund",
    "credit_score_at_target",
    "down_payment_saved",
    "education_certificate",
    "pre_approval",
    "dpa_approved",
    "under_contract",
    "purchased",
)
PURCHASE_DEPTH_WEIGHTS = (8, 14, 12, 10, 9, 9, 10, 8, 6, 5, 9)  # index = how many path milestones
ASSET_PATH = ("bank_account_opened", "lending_circle_joined", "lending_circle_completed", "debt_reduced")


class SeedRefused(RuntimeError):
    """The database holds real (non-demo) records, or demo data is already there."""


def _choice(rng: random.Random, options: dict):
    return rng.choices(list(options), weights=list(options.values()))[0]


@cache
def _ami_per_dollar(jurisdiction: str, size: int, opened: dt.date) -> float | None:
    """AMI percent is income over a size-adjusted median, so one lookup per (area, size, day) is enough."""
    percent, _band = ami_figures(jurisdiction, size, 100_000.0, opened)
    return None if percent is None else percent / 100_000.0


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


def _typed(scenario) -> dict:
    """A scenario row's columns in the typed schema every page saves (db.scenario_schemas)."""
    return {
        "inputs": scenario.inputs(),
        "summary": scenario.summary(),
        "schema_version": schemas.SCHEMA_VERSION,
    }


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


def _days(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    span = (end - start).days
    return start + dt.timedelta(days=rng.randint(0, max(0, span)))


def _household_row(rng: random.Random, n: int, office_key: str, staff: dict, today: dt.date) -> dict:
    jurisdiction = rng.choice(OFFICES[office_key][2])
    first, last1, last2 = rng.choice(FIRST), rng.choice(LAST), rng.choice(LAST)
    name = f"{first} {last1} {last2}"
    size = rng.choices(range(1, 8), weights=(12, 18, 22, 22, 14, 8, 4))[0]
    income = round(rng.uniform(16_000, 135_000), -2)
    reported_income = rng.random() > 0.04
    language = "es" if rng.random() < 0.82 else "en"
    housing = _choice(rng, {"renter": 80, "living_with_family": 12, "owner": 6, "homeless": 2})
    purpose = _choice(rng, PURPOSES_BY_HOUSING[housing])
    id_type = _choice(rng, {"ssn": 55, "itin": 30, "none": 10, codes.NOT_REPORTED: 5})
    if id_type == "ssn":
        residency = _choice(rng, {"citizen": 45, "permanent_resident": 40, "non_permanent_resident": 15})
    else:
        residency = _choice(rng, {"non_permanent_resident": 35, "undocumented": 30, codes.NOT_REPORTED: 35})
    opened = today - dt.timedelta(days=rng.randint(0, HISTORY_DAYS))
    per_dollar = _ami_per_dollar(jurisdiction, size, opened)
    ami = None if per_dollar is None else income * per_dollar
    return {
        "office_id": staff["offices"][office_key],
        "counselor_id": rng.choice(staff["users"][office_key]),
        "display_name": name,
        "search_name": normalize_name(name),
        "phone": f"({AREA_CODES[jurisdiction]}) 555-01{n % 100:02d}",
        "email": f"familia{n}@example.org" if rng.random() < 0.4 else "",
        "contact_preference": _choice(rng, {"phone": 45, "text": 40, "email": 8, "in_person": 7}),
        "preferred_language": language,
        "household_size": size,
        "annual_income": income if reported_income else None,
        "ami_percent": ami if reported_income else None,
        "income_band": codes.income_band(ami) if reported_income and ami is not None else codes.NOT_REPORTED,
        "jurisdiction": jurisdiction,
        "housing_status": housing,
        "ethnicity": _choice(rng, {"hispanic": 88, "not_hispanic": 7, codes.NOT_REPORTED: 5}),
        "race": _choice(
            rng,
            {
                "white": 30,
                "multiple": 20,
                "black": 8,
                "american_indian": 6,
                "asian": 2,
                codes.NOT_REPORTED: 34,
            },
        ),
        "rural": _choice(rng, {"not_rural": 93, "rural": 2, codes.NOT_REPORTED: 5}),
        "limited_english": _choice(
            rng,
            {"lep": 70, "not_lep": 25, codes.NOT_REPORTED: 5}
            if language == "es"
            else {"not_lep": 95, "lep": 5},
        ),
        "counseling_purpose": purpose,
        "id_type": id_type,
        "residency": residency,
        "consent_date": opened if rng.random() < 0.95 else None,
        "first_time_buyer": housing != "owner" and rng.random() < 0.9,
        "stage": "intake",
        "stage_since": None,
        "status": "open",
        "opened_on": opened,
        "closed_on": None,
        "close_reason": "",
        "last_contact_on": None,
        "next_follow_up": None,
        "given_plan_on": None,
        "is_demo": True,
        "created_at": utcnow(),
        "updated_at": utcnow(),
        "version": 1,
    }


def _activity(rng, hid: int, hh: dict, staff: dict, today: dt.date, out: dict) -> None:
    """Sessions, milestones, plan, referrals, outcomes and scenarios for one household (appended to out)."""
    opened = hh["opened_on"]
    counselor = hh["counselor_id"]
    purpose = hh["session_purpose"]
    n_sessions = rng.choices(range(2, 13), weights=(9, 11, 12, 12, 12, 11, 9, 8, 7, 5, 4))[0]
    dates = sorted(_days(rng, opened, today) for _ in range(n_sessions))
    dates[0] = opened
    for on in dates:
        out["sessions"].append(
            {
                "household_id": hid,
                "office_id": hh["office_id"],
                "counselor_id": counselor,
                "session_date": on,
                "start_time": dt.time(rng.choice((9, 10, 11, 13, 14, 15, 16, 17)), rng.choice((0, 30))),
                "duration_minutes": rng.choice((30, 45, 60, 60, 90)),
                "mode": _choice(rng, {"in_person": 50, "phone": 35, "video": 15}),
                "purpose": purpose,
                "notes": rng.choice(SESSION_NOTES[purpose]),
                "created_at": utcnow(),
            }
        )
    # The same session_service rows the ORM keeps on every session write (db.models.refresh_services).
    out["services"] += [
        {"household_id": hid, **row} for row in session_services((on, purpose) for on in dates)
    ]
    achieved: dict[str, dt.date] = {}
    milestones: list[tuple[str, dt.date, float | None]] = []
    if purpose == "prepurchase":
        depth = rng.choices(range(len(PURCHASE_PATH) + 1), weights=PURCHASE_DEPTH_WEIGHTS)[0]
        on = opened
        score = rng.randint(560, 630)
        for code in PURCHASE_PATH[:depth]:
            on = min(today, on + dt.timedelta(days=rng.randint(7, 75)))
            value = None
            if code == "emergency_fund":
                value = float(rng.choice((500, 800, 1000, 1500, 2000)))
            elif code == "credit_score_at_target":
                value = float(score + rng.randint(20, 60))
            elif code == "down_payment_saved":
                value = float(rng.randrange(6000, 30000, 500))
            elif code == "dpa_approved":  # the amount approved: the dashboard sums it as DPA leveraged
                value = float(rng.randrange(5000, 40000, 500))
            milestones.append((code, on, value))
    if rng.random() < 0.45:
        on = opened
        for code in ASSET_PATH[: rng.randint(1, len(ASSET_PATH))]:
            on = min(today, on + dt.timedelta(days=rng.randint(20, 120)))
            value = float(rng.randrange(500, 9000, 100)) if code == "debt_reduced" else None
            milestones.append((code, on, value))
        if rng.random() < 0.5:
            on = min(today, on + dt.timedelta(days=rng.randint(30, 120)))
            milestones.append(("credit_score_gain", on, float(rng.randint(600, 720))))
    for code, on, value in milestones:
        achieved.setdefault(code, on)
        out["milestones"].append(
            {
                "household_id": hid,
                "code": code,
                "achieved_on": on,
                "value": value,
                "evidence": "Documento revisado en la oficina / Document seen at the office",
                "recorded_by": counselor,
                "created_at": utcnow(),
            }
        )
    last = max([dates[-1], *achieved.values()])
    # The same derived columns refresh_stage writes (stage, stage dates, savings and credit changes).
    update = {**stage_facts(milestones), "last_contact_on": dates[-1], "given_plan_on": None}
    if "purchased" in achieved:
        update.update(
            status="closed", closed_on=min(today, last + dt.timedelta(days=30)), close_reason="goal_reached"
        )
    elif rng.random() < 0.12 and (today - last).days > 90:
        reason = _choice(
            rng, {"no_contact": 50, "client_withdrew": 25, "referred_elsewhere": 15, "not_eligible": 10}
        )
        update.update(
            status="closed",
            closed_on=min(today, last + dt.timedelta(days=rng.randint(60, 90))),
            close_reason=reason,
        )
    elif rng.random() < 0.6:
        update["next_follow_up"] = dates[-1] + dt.timedelta(days=rng.choice((14, 30, 45, 60)))
    out["updates"].append((hid, update))

    if rng.random() < 0.75:
        update["given_plan_on"] = dates[0]
        out["plans"].append(
            {
                "household_id": hid,
                "summary": "Plan acordado con la familia / Plan agreed with the family",
                "goals": rng.sample(GOALS, rng.randint(1, 2)),
                "steps": [
                    (
                        text,
                        owner,
                        dates[0] + dt.timedelta(days=rng.randint(7, 120)),
                        _choice(rng, {"open": 5, "done": 4, "dropped": 1}),
                    )
                    for text, owner in rng.sample(STEPS, rng.randint(2, 4))
                ],
            }
        )
    if rng.random() < 0.25:
        agency, reason = rng.choice(REFERRAL_AGENCIES)
        referred = _days(rng, opened, today)
        out["referrals"].append(
            {
                "household_id": hid,
                "agency": agency,
                "contact": "(202) 555-0150",
                "reason": reason,
                "referred_on": referred,
                "follow_up_on": referred + dt.timedelta(days=21),
                "status": _choice(rng, {"open": 4, "completed": 5, "not_completed": 1}),
            }
        )
    outcomes = []
    if "budget_completed" in achieved:
        outcomes.append(("budget_developed", achieved["budget_completed"]))
        income = (hh["annual_income"] or 36_000) / 12
        expenses = income * rng.uniform(0.7, 1.02)
        out["scenarios"].append(
            {
                "household_id": hid,
                "kind": "budget",
                **_typed(
                    schemas.Budget(
                        monthly_income=round(income, 2),
                        monthly_spending=round(expenses, 2),
                        left_over=round(income - expenses, 2),
                    )
                ),
                "created_by": counselor,
                "created_at": dt.datetime.combine(achieved["budget_completed"], dt.time(12)),
            }
        )
    if "pre_approval" in achieved:
        price = float(rng.randrange(250_000, 520_000, 5000))
        loan_type = rng.choice(("fha", "conventional", "itin"))
        out["scenarios"].append(
            {
                "household_id": hid,
                "kind": "affordability",
                **_typed(
                    schemas.Affordability(
                        price=price,
                        loan_type=loan_type,
                        binding_constraint=rng.choice(("back_dti", "cash", "front_dti")),
                    )
                ),
                "created_by": counselor,
                "created_at": dt.datetime.combine(achieved["pre_approval"], dt.time(12)),
            }
        )
    if "purchased" in achieved:
        outcomes.append(("purchased_housing", achieved["purchased"]))
    if "debt_reduced" in achieved or "credit_score_gain" in achieved:
        outcomes.append(
            ("improved_financial_capacity", achieved.get("debt_reduced") or achieved["credit_score_gain"])
        )
    if "dpa_approved" in achieved:
        outcomes.append(("housing_resources", achieved["dpa_approved"]))
    if purpose == "rental" and rng.random() < 0.3:
        outcomes.append(("avoided_eviction", dates[-1]))
    if rng.random() < 0.3:
        outcomes.append(("fair_housing_info", dates[0]))
    for code, on in outcomes:
        out["outcomes"].append(
            {
                "household_id": hid,
                "code": code,
                "achieved_on": on,
                "confirmed_by": counselor,
                "created_at": utcnow(),
            }
        )
    if "education_certificate" in achieved:
        out["attendance_wanted"].append(
            (hid, hh["office_id"], achieved["education_certificate"], "prepurchase")
        )
        out["outcomes"].append(
            {
                "household_id": hid,
                "code": "also_education",
                "achieved_on": achieved["education_certificate"],
                "confirmed_by": counselor,
                "created_at": utcnow(),
            }
        )
    elif rng.random() < 0.2:
        kind = "rental" if purpose == "rental" else "financial_literacy"
        out["attendance_wanted"].append((hid, hh["office_id"], _days(rng, opened, today), kind))


def _events(session, rng, staff: dict, today: dt.date) -> dict:
    """Workshops every other Saturday per office for 24 months; returns {(office, type): [(date, id)]}."""
    rows = []
    start = today - dt.timedelta(days=HISTORY_DAYS)
    saturday = start + dt.timedelta(days=(5 - start.weekday()) % 7)
    kinds = (
        "prepurchase",
        "financial_literacy",
        "prepurchase",
        "rental",
        "fair_housing",
        "predatory_lending",
    )
    i = 0
    while saturday <= today:
        for office in staff["offices"].values():
            rows.append(
                {
                    "office_id": office,
                    "trainer_id": staff["users"]["trainer"],
                    "event_date": saturday,
                    "education_type": kinds[i % len(kinds)],
                    "module_id": "",
                    "language": "es" if i % 4 else "en",
                    "duration_minutes": 480 if kinds[i % len(kinds)] == "prepurchase" else 120,
                    "created_at": utcnow(),
                }
            )
        saturday += dt.timedelta(days=14)
        i += 1
    ids = session.scalars(
        insert(EducationEvent).returning(EducationEvent.id, sort_by_parameter_order=True), rows
    ).all()
    by_key: dict = {}
    for row, event_id in zip(rows, ids, strict=True):
        by_key.setdefault((row["office_id"], row["education_type"]), []).append((row["event_date"], event_id))
    return by_key


def _attendance(events: dict, wanted: list) -> list[dict]:
    """Put each household in the latest matching workshop of its office on or before the wanted date."""
    rows, seen = [], set()
    for hid, office, on, kind in wanted:
        options = events.get((office, kind)) or events.get((office, "financial_literacy")) or []
        best = None
        for event_date, event_id in options:
            if event_date <= on:
                best = event_id
        if best is None and options:
            best = options[0][1]
        if best is not None and (best, hid) not in seen:
            seen.add((best, hid))
            rows.append({"event_id": best, "household_id": hid, "completed": True})
    return rows


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
    today = today or dt.date.today()
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
        events = _events(s, rng, staff, today)
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
                rows.append(_household_row(rng, made + i, office, staff, today))
            ids = s.scalars(
                insert(Household).returning(Household.id, sort_by_parameter_order=True), rows
            ).all()
            for hid, row in zip(ids, rows, strict=True):
                row["session_purpose"] = row["counseling_purpose"] or "rental"
                _activity(rng, hid, row, staff, today, out)
            seed_hud.write(s, seed, ids, rows, out["sessions"])  # HUD answers and cases (issue 26)
            seed_followup.write(s, seed, ids, rows, out, sources, today)  # funding, follow-up stages
            seed_documents.write(s, seed, ids, rows)  # agreement, disclosure, privacy notice given
            wanted += out["attendance_wanted"]
            for key in counts:
                counts[key] += len(out.get(key, ()))
            _flush_chunk(s, out)
            made += batch
        counts["households"] = made
        attendance = _attendance(events, wanted)
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


if __name__ == "__main__":
    sys.exit(main())
