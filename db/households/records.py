"""One household's record: create, read, update with conflict detection, members and derived fields."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy import update as sql_update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from calculators import InputError
from db import audit
from db.engine import reading, transaction
from db.households.intake import (
    INTAKE_FIELDS,
    ami_figures,
    normalize_name,
    validate_intake,
)
from db.local_time import today_local
from db.models import Household, HouseholdMember, User
from db.scope import AccessDenied, check_account, check_household
from db.text_guard import check as check_text


class EditConflict(Exception):
    """Someone else saved this household after the editor loaded it; nothing was written.

    `current` is the household as it is now (a dict), so the UI can show what changed and keep the
    editor's own input for a re-apply.
    """

    def __init__(self, current: dict):
        self.current = current
        super().__init__("edit_conflict")


def household_dict(hh: Household, counselor_name: str = "") -> dict:
    """Everything the client file shows about a household, as plain values."""
    data = {name: getattr(hh, name) for name in INTAKE_FIELDS}
    data.update(
        id=hh.id,
        office_id=hh.office_id,
        ami_percent=hh.ami_percent,
        income_band=hh.income_band,
        stage=hh.stage,
        stage_since=hh.stage_since,
        status=hh.status,
        opened_on=hh.opened_on,
        closed_on=hh.closed_on,
        close_reason=hh.close_reason,
        last_contact_on=hh.last_contact_on,
        given_plan_on=hh.given_plan_on,
        is_demo=hh.is_demo,
        version=hh.version,
        members_version=hh.members_version,
        counselor_name=counselor_name,
        members=[
            {
                "id": m.id,
                "name": m.name,
                "relationship_to_head": m.relationship_to_head,
                "birth_year": m.birth_year,
                "annual_income": m.annual_income,
            }
            for m in hh.members
        ],
    )
    return data


def changed_fields(before: dict, after: dict) -> list[str]:
    """Intake fields whose values differ between two versions of a household, in form order."""
    return [name for name in INTAKE_FIELDS if before.get(name) != after.get(name)]


def _check_counselor(session: Session, hh_office: int, counselor_id: int | None) -> None:
    if counselor_id is None:
        return
    user = session.get(User, counselor_id)
    if user is None or user.office_id != hh_office or user.role not in ("counselor", "lead", "admin"):
        raise InputError("invalid_choice", "counselor_id")


def derive_fields(hh: Household) -> None:
    hh.search_name = normalize_name(hh.display_name)
    # the median of the fiscal year the file was opened in (HUD-9902 counts income at intake)
    hh.ami_percent, hh.income_band = ami_figures(
        hh.jurisdiction, hh.household_size, hh.annual_income, hh.opened_on
    )


def create(engine: Engine, user: dict, data: dict, *, office_id: int | None = None, today=None) -> int:
    """Open a new household at intake in the user's office (admins may name another office)."""
    if not user or user.get("role") not in ("admin", "lead", "counselor"):
        raise AccessDenied("no access")
    clean = validate_intake(data)
    office = office_id if (office_id is not None and user["role"] == "admin") else user["office_id"]
    with transaction(engine) as s:
        check_account(s, user)
        clean.setdefault("counselor_id", user["id"] if user["role"] != "admin" else None)
        _check_counselor(s, office, clean["counselor_id"])
        hh = Household(office_id=office, opened_on=today or today_local(), **clean)
        derive_fields(hh)
        s.add(hh)
        s.flush()
        audit.record(s, user, "household_created", "household", hh.id)
        return hh.id


def _load(session: Session, user: dict, household_id: int) -> Household:
    return check_household(user, session.get(Household, household_id))


def current(engine: Engine, user: dict, household_id: int) -> dict:
    """The household as stored now, without an audit entry (used to build a conflict message)."""
    with reading(engine) as s:
        hh = _load(s, user, household_id)
        name = s.scalar(select(User.display_name).where(User.id == hh.counselor_id)) or ""
        return household_dict(hh, name)


def get(engine: Engine, user: dict, household_id: int) -> dict:
    """Open a client file: the household with its members; the view is audited."""
    with transaction(engine) as s:
        hh = _load(s, user, household_id)
        name = s.scalar(select(User.display_name).where(User.id == hh.counselor_id)) or ""
        data = household_dict(hh, name)
        audit.record(s, user, "household_viewed", "household", household_id)
        return data


def update(engine: Engine, user: dict, household_id: int, expected_version: int, changes: dict) -> int:
    """Save intake changes made on a copy loaded at `expected_version`; returns the new version.

    If anyone saved the household since, nothing is written and EditConflict carries the current record.
    """
    clean = validate_intake(changes, partial=True)
    try:
        with transaction(engine) as s:
            hh = _load(s, user, household_id)
            if hh.version != expected_version:
                raise EditConflict(household_dict(hh))
            if "counselor_id" in clean:
                _check_counselor(s, hh.office_id, clean["counselor_id"])
            changed = [k for k, v in clean.items() if getattr(hh, k) != v]
            if not changed:
                return hh.version
            for key in changed:
                setattr(hh, key, clean[key])
            derive_fields(hh)
            s.flush()  # the version check in the UPDATE's WHERE raises StaleDataError on a race
            audit.record(s, user, "household_updated", "household", household_id, ",".join(changed))
            return hh.version
    except StaleDataError as err:
        raise EditConflict(current(engine, user, household_id)) from err


def set_members(
    engine: Engine, user: dict, household_id: int, members: list[dict], expected_version: int | None = None
) -> int:
    """Replace the list of household members (name, relationship, birth year, income); returns its version.

    With `expected_version` (the members_version the editor loaded), a list someone else saved since is
    not overwritten: EditConflict carries the household as it is now, and nothing is written.
    """
    allowed = {"name", "relationship_to_head", "birth_year", "annual_income"}
    rows = []
    for member in members:
        if set(member) - allowed:
            raise InputError("unknown_field", sorted(set(member) - allowed)[0])
        name = " ".join(str(check_text(member.get("name") or "", "name")).split())
        if not name:
            raise InputError("missing_field", "name")
        year = member.get("birth_year")
        if year not in (None, ""):
            year = int(year)
            if not 1900 <= year <= today_local().year:
                raise InputError("out_of_range", "birth_year")
        else:
            year = None
        income = member.get("annual_income")
        income = None if income in (None, "") else float(income)
        if income is not None and income < 0:
            raise InputError("negative_amount", "annual_income")
        rows.append(
            HouseholdMember(
                name=name[:200],
                relationship_to_head=str(member.get("relationship_to_head") or "")[:30],
                birth_year=year,
                annual_income=income,
            )
        )
    with transaction(engine) as s:
        hh = _load(s, user, household_id)
        if expected_version is not None:
            # One conditional UPDATE: of two editors who loaded the same version, only the first lands.
            moved = s.execute(
                sql_update(Household)
                .where(Household.id == household_id, Household.members_version == expected_version)
                .values(members_version=Household.members_version + 1)
                .execution_options(synchronize_session=False)
            ).rowcount
            if moved != 1:
                s.refresh(hh)
                raise EditConflict(household_dict(hh))
        else:
            s.execute(
                sql_update(Household)
                .where(Household.id == household_id)
                .values(members_version=Household.members_version + 1)
                .execution_options(synchronize_session=False)
            )
        hh.members = rows
        audit.record(s, user, "members_updated", "household", household_id, str(len(rows)))
        s.flush()
        return s.scalar(select(Household.members_version).where(Household.id == household_id))
