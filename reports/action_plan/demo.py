"""Plans for the command line: a real household's, read as an account, or a fictional demo household."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import select
from sqlalchemy.engine import Engine

from calculators import clock
from db import scenario_schemas as schemas
from db.engine import transaction
from db.households import refresh_stage
from db.models import ActionPlan, Household, Milestone, Office, Referral, Scenario, User
from reports.action_plan.data import load_plan


def session_user(person: User) -> dict:
    """The dict the app keeps for a logged-in user, built from an account row."""
    return {
        "id": person.id,
        "name": person.display_name,
        "username": person.username,
        "role": person.role,
        "office_id": person.office_id,
        "language": person.language,
    }


def plan_from_database(household_id: int, username: str = "", engine: Engine | None = None) -> dict:
    """Load a plan for the command line, acting as `username` (default: the first active administrator)."""
    from db.engine import make_engine, reading

    engine = engine or make_engine()
    with reading(engine) as s:
        stmt = select(User).where(User.is_active.is_(True))
        stmt = stmt.where(User.username == username.lower()) if username else stmt.where(User.role == "admin")
        person = s.scalars(stmt.order_by(User.id)).first()
    if person is None:
        raise LookupError("no such active user (create an administrator first)")
    from db.scope import AccessDenied

    try:
        return load_plan(engine, session_user(person), household_id, action="plan_printed")
    except AccessDenied as err:
        raise LookupError("household not found or not visible to that user") from err


def add_demo_household(
    engine: Engine, today: dt.date | None = None, office_id: int | None = None
) -> tuple[dict, int]:
    """A fictional, fully filled-in household (every section of the plan has something) and its counselor.

    It goes into a new demo office unless `office_id` names an existing one.
    """
    today = today or clock.today()
    day = dt.timedelta(days=1)
    with transaction(engine) as s:
        office = s.get(Office, office_id) if office_id else None
        if office is None:
            office = Office(
                name="Oficina Columbia Heights",
                code=f"demo-{today.isoformat()}",
                agency_name="Camino Housing Counseling (demo)",
                phone="(202) 555-0100",
                address="3000 14th St NW, Washington, DC",
                is_demo=True,
            )
            s.add(office)
            s.flush()
        counselor = User(
            office_id=office.id,
            username=f"demo.counselor.{office.id}.{secrets.token_hex(3)}",
            display_name="Ana Lucía Peña",
            role="counselor",
            hud_counselor_id="HUD-1234567",
            password_hash="!",  # cannot log in: a demo account only signs printouts
            language="es",
            is_demo=True,
        )
        s.add(counselor)
        s.flush()
        hh = Household(
            office_id=office.id,
            counselor_id=counselor.id,
            display_name="María José Núñez Pérez",
            search_name="maria jose nunez perez",
            preferred_language="es",
            household_size=4,
            annual_income=58000,
            jurisdiction="dc",
            housing_status="renter",
            stage="budget",
            next_follow_up=today + 21 * day,
            is_demo=True,
        )
        s.add(hh)
        s.flush()
        plan = ActionPlan(
            household_id=hh.id,
            summary=(
                "La familia alquila un apartamento de dos cuartos en Columbia Heights. Quieren comprar "
                "una casa en DC en unos dos años. Parte del ingreso es en efectivo."
            ),
        )
        s.add(plan)
        s.flush()
        from db.models import PlanGoal, PlanStep

        for i, text in enumerate(
            [
                "Comprar una casa o condominio en DC en 2 años",
                "Ahorrar $6,000 para el enganche y los gastos de cierre",
                "Subir el puntaje de crédito a 640 o más",
            ]
        ):
            s.add(PlanGoal(plan_id=plan.id, text=text, position=i))
        for i, (text, owner, due, status) in enumerate(
            [
                (
                    "Abrir una cuenta de ahorros y depositar $250 cada quincena",
                    "client",
                    today + 14 * day,
                    "open",
                ),
                (
                    "Pedir el reporte de crédito gratis y revisarlo juntos",
                    "counselor",
                    today + 7 * day,
                    "done",
                ),
                (
                    "Guardar los recibos de pago en efectivo y pedir cartas del empleador",
                    "client",
                    today + 30 * day,
                    "open",
                ),
                (
                    "Inscribir a la familia en el taller de compradores de vivienda",
                    "counselor",
                    today + 21 * day,
                    "open",
                ),
            ]
        ):
            s.add(PlanStep(plan_id=plan.id, text=text, owner=owner, due_date=due, status=status, position=i))
        s.add_all(
            [
                Milestone(household_id=hh.id, code="budget_completed", achieved_on=today - 30 * day),
                Milestone(household_id=hh.id, code="bank_account_opened", achieved_on=today - 10 * day),
                Referral(
                    household_id=hh.id,
                    agency="Clínica legal para inquilinos (demo)",
                    contact="(202) 555-0142",
                    reason="Revisar la cláusula del contrato sobre reparaciones",
                    referred_on=today - 5 * day,
                    follow_up_on=today + 10 * day,
                ),
                *(
                    Scenario(
                        household_id=hh.id,
                        kind=typed.kind,
                        inputs=typed.inputs(),
                        summary=typed.summary(),
                        schema_version=schemas.SCHEMA_VERSION,
                        created_by=counselor.id,
                    )
                    for typed in _demo_scenarios()
                ),
            ]
        )
        s.flush()
        refresh_stage(s, hh.id)  # stage dates and changes, as every milestone write keeps them
        return session_user(counselor), hh.id


def _demo_scenarios() -> list:
    """The demo household's saved calculators, as the pages save them: codes and numbers only."""
    return [
        schemas.Budget(
            monthly_income=4830,
            monthly_spending=4310,
            left_over=520,
            total_debt=3200,
            savings=900,
            categories={
                "housing": 1850,
                "utilities": 210,
                "groceries": 700,
                "eating_out": 200,
                "transportation": 380,
                "phone_internet": 120,
                "health_care": 100,
                "remittances": 400,
                "debt_payments": 250,
                "other": 100,
            },
        ),
        schemas.Affordability(
            price=285000, monthly_total=1980, down_payment=9975, cash_to_close=4200, loan_type="fha"
        ),
        schemas.Assistance(
            programs=(schemas.ProgramAmount("dc_hpap", 202000), schemas.ProgramAmount("dc_open_doors", 8550)),
            total_assistance=210550,
        ),
        schemas.TenantChecklist(
            place="dc",
            topic="all",
            answers={
                "dc-sign-bill-of-rights": "no",
                "dc-movein-inspection": "no",
                "dc-deposit-cap": "not_sure",
            },
            red_flags=("dc-sign-bill-of-rights", "dc-movein-inspection"),
            to_check=("dc-deposit-cap",),
        ),
    ]


def demo_plan(today: dt.date | None = None) -> dict:
    """The plan of the demo household, built on a temporary, freshly migrated SQLite database."""
    import tempfile
    from pathlib import Path

    from db import migrate
    from db.engine import make_engine

    with tempfile.TemporaryDirectory(prefix="camino-demo-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'demo.db'}")
        try:
            migrate.upgrade(engine)
            user, household_id = add_demo_household(engine, today)
            return load_plan(engine, user, household_id, action="plan_printed", today=today)
        finally:
            engine.dispose()
