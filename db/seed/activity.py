"""A demo household's history (sessions, milestones, plan, referrals, outcomes, scenarios) and its workshops."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from db import scenario_schemas as schemas
from db.households import stage_facts
from db.models import (
    EducationEvent,
    session_services,
    utcnow,
)
from db.seed.households import choice, day_between
from db.seed.story import (
    ASSET_PATH,
    GOALS,
    HISTORY_DAYS,
    PURCHASE_DEPTH_WEIGHTS,
    PURCHASE_PATH,
    REFERRAL_AGENCIES,
    SESSION_NOTES,
    STEPS,
)


def _typed(scenario) -> dict:
    """A scenario row's columns in the typed schema every page saves (db.scenario_schemas)."""
    return {
        "inputs": scenario.inputs(),
        "summary": scenario.summary(),
        "schema_version": schemas.SCHEMA_VERSION,
    }


def household_activity(rng, hid: int, hh: dict, staff: dict, today: dt.date, out: dict) -> None:
    """Sessions, milestones, plan, referrals, outcomes and scenarios for one household (appended to out)."""
    opened = hh["opened_on"]
    counselor = hh["counselor_id"]
    purpose = hh["session_purpose"]
    n_sessions = rng.choices(range(2, 13), weights=(9, 11, 12, 12, 12, 11, 9, 8, 7, 5, 4))[0]
    dates = sorted(day_between(rng, opened, today) for _ in range(n_sessions))
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
                "mode": choice(rng, {"in_person": 50, "phone": 35, "video": 15}),
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
        reason = choice(
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
                        choice(rng, {"open": 5, "done": 4, "dropped": 1}),
                    )
                    for text, owner in rng.sample(STEPS, rng.randint(2, 4))
                ],
            }
        )
    if rng.random() < 0.25:
        agency, reason = rng.choice(REFERRAL_AGENCIES)
        referred = day_between(rng, opened, today)
        out["referrals"].append(
            {
                "household_id": hid,
                "agency": agency,
                "contact": "(202) 555-0150",
                "reason": reason,
                "referred_on": referred,
                "follow_up_on": referred + dt.timedelta(days=21),
                "status": choice(rng, {"open": 4, "completed": 5, "not_completed": 1}),
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
        out["attendance_wanted"].append((hid, hh["office_id"], day_between(rng, opened, today), kind))


def workshop_events(session, rng, staff: dict, today: dt.date) -> dict:
    """Workshops every other Saturday per office for 24 months; returns {(office, type): [(date, id)]}."""
    rows = []
    start = today - dt.timedelta(days=HISTORY_DAYS)
    saturday = start + dt.timedelta(days=(5 - start.weekday()) % 7)
    kinds = (  # (HUD-9902 education type, curriculum module or, as a trainer would type it, a title per language)
        ("prepurchase", "preparing"),
        ("financial_literacy", "money_goals"),
        ("prepurchase", "financing"),
        ("rental", "renter"),
        ("fair_housing", {"es": "Vivienda justa: sus derechos", "en": "Fair housing: your rights"}),
        ("predatory_lending", "scams"),
    )
    i = 0
    while saturday <= today:
        kind, module = kinds[i % len(kinds)]
        language = "es" if i % 4 else "en"
        for office in staff["offices"].values():
            rows.append(
                {
                    "office_id": office,
                    "trainer_id": staff["users"]["trainer"],
                    "event_date": saturday,
                    "education_type": kind,
                    "module_id": module if isinstance(module, str) else module[language],
                    "language": language,
                    "duration_minutes": 480 if kind == "prepurchase" else 120,
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


def attendance_rows(events: dict, wanted: list) -> list[dict]:
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
