"""The households list: search, filters and paging in office scope, the list-view audit and counselors."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine

from db import audit
from db.engine import reading, transaction
from db.households.intake import (
    NO_CONTACT_DAYS,
    PAGE_SIZE,
    digits,
    normalize_name,
)
from db.local_time import today_local
from db.models import Household, User
from db.scope import households_visible_to


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
    today = today or today_local()
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
