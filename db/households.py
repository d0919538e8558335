"""Household repository: search and paging, intake create/update with conflict detection, members, stage.

Every function takes the acting user and goes through db.scope, and every view or change is audited
(ids and action names only, never names or phones).
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from calculators import InputError
from db import audit, codes
from db.engine import reading, transaction
from db.models import Household, HouseholdMember, Milestone, User
from db.scope import AccessDenied, check_account, check_household, households_visible_to
from db.text_guard import check as check_text

PAGE_SIZE = 50
NO_CONTACT_DAYS = 60
# Milestones whose values measure savings and credit (the dashboard's median changes).
SAVINGS_CODES = ("emergency_fund", "down_payment_saved", "savings_reached")
CREDIT_CODES = ("credit_score_at_target", "credit_score_gain")
LANGUAGES = ("es", "en")
STATUSES = ("open", "closed")

# What a counselor types at intake: field -> (kind, allowed codes or limits).
CHOICE_FIELDS = {
    "contact_preference": codes.CONTACT_PREFERENCE,
    "preferred_language": LANGUAGES,
    "jurisdiction": codes.JURISDICTION,
    "housing_status": codes.HOUSING_STATUS,
    "ethnicity": codes.ETHNICITY,
    "race": codes.RACE,
    "rural": codes.RURAL,
    "limited_english": codes.LIMITED_ENGLISH,
}
# Optional choices: an empty string means "not asked yet" (the HUD report flags those households).
OPTIONAL_CHOICE_FIELDS = {
    "counseling_purpose": codes.COUNSELING_PURPOSE,
    "id_type": codes.ID_TYPE,
    "residency": codes.RESIDENCY,
}
TEXT_FIELDS = {"display_name": 200, "phone": 40, "email": 200}
DATE_FIELDS = ("consent_date", "next_follow_up")
INTAKE_FIELDS = (
    "display_name",
    "phone",
    "email",
    "contact_preference",
    "preferred_language",
    "household_size",
    "annual_income",
    "jurisdiction",
    "housing_status",
    "ethnicity",
    "race",
    "rural",
    "limited_english",
    "counseling_purpose",
    "id_type",
    "residency",
    "consent_date",
    "first_time_buyer",
    "counselor_id",
    "next_follow_up",
)
MAX_HOUSEHOLD_SIZE = 20
MAX_INCOME = 10_000_000.0


class EditConflict(Exception):
    """Someone else saved this household after the editor loaded it; nothing was written.

    `current` is the household as it is now (a dict), so the UI can show what changed and keep the
    editor's own input for a re-apply.
    """

    def __init__(self, current: dict):
        self.current = current
        super().__init__("edit_conflict")


@dataclass
class Page:
    """One page of a household search: the rows shown and how many match in all."""

    rows: list[dict]
    total: int
    page: int
    per_page: int
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        self.pages = max(1, math.ceil(self.total / self.per_page))


def normalize_name(text: str) -> str:
    """Lower-case without accents, so 'Núñez' is found by typing 'nunez' (and Vietnamese names too)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("đ", "d").replace("Đ", "D")
    return " ".join(plain.lower().split())


def digits(text: str) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())


def ami_figures(jurisdiction: str, household_size: int, annual_income: float | None, as_of=None) -> tuple:
    """(AMI percent, HUD-9902 income band) with HUD's median in force on `as_of` (default today); an
    unknown figure (no income, or no median on file for that fiscal year) leaves the band 'not_reported'."""
    if annual_income is None:
        return None, codes.NOT_REPORTED
    try:
        from calculators.ami import ami_percent
    except ImportError:  # the assistance calculator is optional for the tracker
        return None, codes.NOT_REPORTED
    try:
        percent = float(ami_percent(jurisdiction, household_size, annual_income, as_of))
    except (InputError, LookupError, ValueError, TypeError):
        return None, codes.NOT_REPORTED
    if math.isnan(percent) or math.isinf(percent):
        return None, codes.NOT_REPORTED
    return percent, codes.income_band(percent)


def _as_date(value, key: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as err:
        raise InputError("bad_date", key) from err


def _whole_number(value, key: str) -> int:
    """An integer from an int, a whole float (spreadsheets) or a digit string; anything else is an error."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InputError("not_a_number", key)


def validate_intake(data: dict, *, partial: bool = False) -> dict:
    """Check and clean intake fields; unknown keys and bad codes are errors with the field named."""
    unknown = set(data) - set(INTAKE_FIELDS)
    if unknown:
        raise InputError("unknown_field", sorted(unknown)[0])
    if not partial and "display_name" not in data:
        raise InputError("missing_field", "display_name")
    clean: dict = {}
    for key, value in data.items():
        if key in TEXT_FIELDS:
            text = " ".join(str(check_text(value or "", key)).split())
            if key == "display_name" and not text:
                raise InputError("missing_field", key)
            if len(text) > TEXT_FIELDS[key]:
                raise InputError("too_long", key)
            clean[key] = text
        elif key in CHOICE_FIELDS:
            if value not in CHOICE_FIELDS[key]:
                raise InputError("invalid_choice", key)
            clean[key] = value
        elif key in OPTIONAL_CHOICE_FIELDS:
            value = value or ""
            if value and value not in OPTIONAL_CHOICE_FIELDS[key]:
                raise InputError("invalid_choice", key)
            clean[key] = value
        elif key == "household_size":
            clean[key] = _whole_number(value, key)
            if not 1 <= clean[key] <= MAX_HOUSEHOLD_SIZE:
                raise InputError("out_of_range", key)
        elif key == "annual_income":
            if value in (None, ""):
                clean[key] = None
                continue
            try:
                income = float(value)
            except (TypeError, ValueError) as err:
                raise InputError("not_a_number", key) from err
            if math.isnan(income) or math.isinf(income):
                raise InputError("not_a_number", key)
            if income < 0:
                raise InputError("negative_amount", key)
            if income > MAX_INCOME:
                raise InputError("out_of_range", key)
            clean[key] = income
        elif key in DATE_FIELDS:
            clean[key] = _as_date(value, key)
        elif key == "first_time_buyer":
            if not isinstance(value, bool):
                raise InputError("invalid_choice", key)
            clean[key] = value
        elif key == "counselor_id":
            clean[key] = _whole_number(value, key) if value not in (None, "") else None
    return clean


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
        hh = Household(office_id=office, opened_on=today or dt.date.today(), **clean)
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
            if not 1900 <= year <= dt.date.today().year:
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


def reached_column(stage: str) -> str:
    """The household column holding the day a stage was reached (e.g. reached_budget_on)."""
    return f"reached_{stage}_on"


DERIVED_COLUMNS = (
    "stage",
    "stage_since",
    *(reached_column(stage) for stage in codes.STAGES[1:]),
    "savings_change",
    "credit_change",
)


def stage_facts(milestones) -> dict:
    """The household's derived columns from its milestones, given as (code, achieved_on, value) rows
    in recording order (achieved_on, then id): stage and stage_since, the day each stage was reached,
    and the savings and credit-score changes (last value minus first, with two or more values).

    Pure, so refresh_stage and the seed's bulk path compute exactly the same thing.
    """
    rows = sorted(milestones, key=lambda row: row[1])  # stable: ties keep their recording order
    achieved: dict[str, dt.date] = {}
    for code, on, _value in rows:
        achieved.setdefault(code, on)
    stage, since = codes.stage_from_milestones(achieved)
    facts = {"stage": stage, "stage_since": since}
    for later in codes.STAGES[1:]:
        needed = codes.STAGE_REQUIRES[later]
        reached = all(code in achieved for code in needed)
        facts[reached_column(later)] = max(achieved[code] for code in needed) if reached else None
    for column, measure in (("savings_change", SAVINGS_CODES), ("credit_change", CREDIT_CODES)):
        values = [value for code, _on, value in rows if code in measure and value is not None]
        facts[column] = values[-1] - values[0] if len(values) >= 2 else None
    return facts


def refresh_stage(session: Session, household_id: int) -> str:
    """Recompute a household's pipeline stage and derived columns from its milestones (never typed).

    Called in the same transaction as every milestone write. Written with a plain UPDATE so it does
    not bump the version a counselor's intake form relies on.
    """
    rows = session.execute(
        select(Milestone.code, Milestone.achieved_on, Milestone.value)
        .where(Milestone.household_id == household_id)
        .order_by(Milestone.achieved_on, Milestone.id)
    ).all()
    facts = stage_facts(rows)
    session.execute(
        sql_update(Household)
        .where(Household.id == household_id)
        .values(**facts)
        .execution_options(synchronize_session=False)
    )
    return facts["stage"]


def _due_condition(today: dt.date):
    """Open files whose follow-up date has come, or with no contact for 60 days."""
    cutoff = today - dt.timedelta(days=NO_CONTACT_DAYS)
    return (Household.status == "open") & or_(
        Household.next_follow_up <= today,
        func.coalesce(Household.last_contact_on, Household.opened_on) < cutoff,
    )


def search(
    engine: Engine,
    user: dict,
    *,
    text: str = "",
    counselor_id: int | None = None,
    stage: str | None = None,
    jurisdiction: str | None = None,
    language: str | None = None,
    follow_up_due: bool = False,
    status: str | None = "open",
    ids: list[int] | None = None,
    today: dt.date | None = None,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> Page:
    """One page of the households this user may see, filtered in SQL (fast at 50,000 households)."""
    today = today or dt.date.today()
    per_page = max(1, min(int(per_page), 500))
    base = households_visible_to(user)
    conditions = []
    text = (text or "").strip()
    if text:
        number = digits(text)
        if number and len(number) >= 3 and not any(ch.isalpha() for ch in text):
            plain_phone = func.replace(
                func.replace(func.replace(func.replace(Household.phone, "-", ""), " ", ""), "(", ""), ")", ""
            )
            conditions.append(plain_phone.contains(number, autoescape=True))
        else:
            name = normalize_name(text)
            conditions.append(
                or_(
                    Household.search_name.contains(name, autoescape=True),
                    Household.search_name.contains(text.lower(), autoescape=True),
                )
            )
    if counselor_id is not None:
        conditions.append(Household.counselor_id == counselor_id)
    if stage:
        conditions.append(Household.stage == stage)
    if jurisdiction:
        conditions.append(Household.jurisdiction == jurisdiction)
    if language:
        conditions.append(Household.preferred_language == language)
    if status:
        conditions.append(Household.status == status)
    if follow_up_due:
        conditions.append(_due_condition(today))
    if ids is not None:  # the households behind a dashboard number
        conditions.append(Household.id.in_(ids))
    filtered = base.where(*conditions)
    with reading(engine) as s:
        total = s.scalar(select(func.count()).select_from(filtered.order_by(None).subquery())) or 0
        pages = max(1, math.ceil(total / per_page))
        page = max(1, min(int(page), pages))
        stmt = (
            filtered.add_columns(User.display_name)
            .outerjoin(User, User.id == Household.counselor_id)
            .order_by(Household.search_name, Household.id)
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
        rows = [
            {
                "id": hh.id,
                "display_name": hh.display_name,
                "phone": hh.phone,
                "stage": hh.stage,
                "jurisdiction": hh.jurisdiction,
                "preferred_language": hh.preferred_language,
                "counselor_name": name or "",
                "last_contact_on": hh.last_contact_on,
                "next_follow_up": hh.next_follow_up,
                "status": hh.status,
            }
            for hh, name in s.execute(stmt)
        ]
    return Page(rows=rows, total=total, page=page, per_page=per_page)


def record_list_view(engine: Engine, user: dict, shown: int) -> None:
    """Audit that a list of households was shown (how many, never the search text: it may be a name)."""
    with transaction(engine) as s:
        audit.record(s, user, "households_listed", "household", None, f"shown={shown}")


def counselors(engine: Engine, user: dict) -> list[dict]:
    """Staff who can carry a caseload in the user's office (all offices for an admin)."""
    stmt = select(User.id, User.display_name, User.office_id).where(
        User.role.in_(("counselor", "lead")), User.is_active.is_(True)
    )
    if user.get("role") != "admin":
        stmt = stmt.where(User.office_id == user["office_id"])
    with reading(engine) as s:
        return [
            {"id": i, "name": n, "office_id": o} for i, n, o in s.execute(stmt.order_by(User.display_name))
        ]
