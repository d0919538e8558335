"""The dashboard's figures: funnel, days in stage, outcomes, stuck files, caseloads and breakdowns."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, case, func, literal, select, union_all
from sqlalchemy.engine import Engine

from calculators import InputError
from db import codes
from db.engine import reading
from db.households import reached_column
from db.local_time import today_local
from db.models import Household, Milestone, Office, User
from db.pipeline.filters import (
    DIMENSIONS,
    Filters,
    changes_of,
    days_between,
    fiscal_quarter,
    median_of,
    not_negative,
    overdue_condition,
    scoped_households,
    silent_condition,
    stage_index,
    stuck_condition,
    visible_condition,
)


def funnel(engine: Engine, user: dict, filters: Filters = Filters()) -> list[dict]:
    """[{stage, at_stage, reached, conversion}] in pipeline order; conversion is None for the first stage."""
    idx = stage_index()
    scoped = scoped_households(user, filters)
    grouped = scoped.with_only_columns(idx.label("idx"), func.count().label("n")).group_by(idx).subquery()
    stmt = select(
        grouped.c.idx,
        grouped.c.n,
        func.sum(grouped.c.n).over(order_by=grouped.c.idx.desc()).label("reached"),
    )
    with reading(engine) as s:
        found = {int(i): (int(n), int(r)) for i, n, r in s.execute(stmt)}
    rows, running = [], 0
    for i in reversed(range(len(codes.STAGES))):  # stages nobody is at still carry the running sum
        running = found.get(i, (0, running))[1]
        rows.append({"stage": codes.STAGES[i], "at_stage": found.get(i, (0, 0))[0], "reached": running})
    rows.reverse()
    for before, row in zip([None, *rows[:-1]], rows, strict=True):
        row["conversion"] = (
            row["reached"] / before["reached"] if before is not None and before["reached"] else None
        )
    return rows


def median_days_in_stage(
    engine: Engine, user: dict, filters: Filters = Filters(), today: dt.date | None = None
) -> dict[str, dict]:
    """{stage: {median_days, households}} for every stage but the last (a purchase is where the road ends).

    Reads the day each stage was reached from the household row (kept by db.households.refresh_stage),
    through a covering index: no milestone is read here.
    """
    today = today or today_local()
    starts = [Household.opened_on] + [getattr(Household, reached_column(stage)) for stage in codes.STAGES[1:]]
    end_on = func.coalesce(Household.closed_on, literal(today, Date))
    last = len(codes.STAGES) - 1
    scoped = scoped_households(user, filters)
    parts = []
    for i in range(last):
        # A stage ends when the next stage reached begins, else when the file closed, else today.
        ended = func.coalesce(*starts[i + 1 :], end_on)
        days = days_between(engine, ended, starts[i])
        parts.append(
            scoped.with_only_columns(
                literal(i).label("idx"), not_negative(engine, days).label("value")
            ).where(starts[i].is_not(None))
        )
    spans = union_all(*parts).subquery()
    with reading(engine) as s:
        found = {int(i): (float(m), int(n)) for i, m, n in s.execute(median_of(spans, "idx"))}
    return {
        stage: {"median_days": found.get(i, (None, 0))[0], "households": found.get(i, (None, 0))[1]}
        for i, stage in enumerate(codes.STAGES[:-1])
    }


def outcomes(engine: Engine, user: dict, filters: Filters = Filters()) -> dict:
    """Purchases, DPA dollars, median savings growth and credit-score change, asset milestones reached."""
    in_scope = visible_condition(Milestone.household_id, user, filters)
    with reading(engine) as s:
        purchases = s.scalar(
            select(func.count(func.distinct(Milestone.household_id))).where(
                Milestone.code == "purchased", in_scope
            )
        )
        dpa_households, dpa_dollars = s.execute(
            select(func.count(func.distinct(Milestone.household_id)), func.sum(Milestone.value)).where(
                Milestone.code == "dpa_approved", in_scope
            )
        ).one()
        medians = {}
        for name, column in (
            ("savings", Household.savings_change),
            ("credit_score", Household.credit_change),
        ):
            median, n = s.execute(median_of(changes_of(user, filters, column))).one()
            medians[name] = (None if median is None else float(median), int(n or 0))
        assets = dict(
            s.execute(
                select(Milestone.code, func.count(func.distinct(Milestone.household_id)))
                .where(Milestone.code.in_(codes.ASSET_MILESTONES), in_scope)
                .group_by(Milestone.code)
            ).all()
        )
    return {
        "purchases": int(purchases or 0),
        "dpa_households": int(dpa_households or 0),
        "dpa_dollars": float(dpa_dollars or 0.0),
        "median_savings_growth": medians["savings"][0],
        "savings_households": medians["savings"][1],
        "median_credit_change": medians["credit_score"][0],
        "credit_households": medians["credit_score"][1],
        "asset_milestones": {code: int(assets.get(code, 0)) for code in codes.ASSET_MILESTONES},
    }


def stuck_count(
    engine: Engine, user: dict, filters: Filters = Filters(), today: dt.date | None = None
) -> int:
    today = today or today_local()
    stmt = scoped_households(user, filters).with_only_columns(func.count()).where(stuck_condition(today))
    with reading(engine) as s:
        return int(s.scalar(stmt) or 0)


def caseloads(
    engine: Engine, user: dict, filters: Filters = Filters(), today: dt.date | None = None
) -> list[dict]:
    """Per counselor: open files, follow-ups due, and files with no contact for 60 days (open files only)."""
    today = today or today_local()

    def flag(condition):
        return func.sum(case((condition, 1), else_=0))

    scoped = scoped_households(user, filters).where(Household.status == "open")
    grouped = (
        scoped.with_only_columns(
            Household.counselor_id,
            func.count().label("open_files"),
            flag(overdue_condition(today)).label("overdue"),
            flag(silent_condition(today)).label("no_contact"),
        )
        .group_by(Household.counselor_id)
        .subquery()
    )
    stmt = (
        select(grouped, User.display_name)
        .outerjoin(User, User.id == grouped.c.counselor_id)
        .order_by(grouped.c.open_files.desc(), User.display_name)
    )
    with reading(engine) as s:
        return [
            {
                "counselor_id": row.counselor_id,
                "counselor": row.display_name or "",
                "open_files": int(row.open_files),
                "overdue": int(row.overdue or 0),
                "no_contact": int(row.no_contact or 0),
            }
            for row in s.execute(stmt)
        ]


def breakdown(engine: Engine, user: dict, by: str, filters: Filters = Filters()) -> list[dict]:
    """Households per stage grouped by office, counselor, jurisdiction, language or intake quarter.

    [{group, label, stage, households}]; `label` is a staff or office name (never a client's), or "".
    An intake quarter's group is (fiscal year, quarter): the page words it in the reader's language.
    """
    if by not in DIMENSIONS:
        raise InputError("unknown_dimension", "by")
    scoped = scoped_households(user, filters)
    if by == "quarter":
        # Group by intake month in SQL, then fold months into fiscal quarters (at most a few dozen rows).
        month = (
            func.strftime("%Y-%m", Household.opened_on)
            if engine.dialect.name == "sqlite"
            else func.to_char(Household.opened_on, "YYYY-MM")
        )
        stmt = scoped.with_only_columns(month, Household.stage, func.count()).group_by(month, Household.stage)
        totals: dict[tuple[tuple[int, int], str], int] = {}
        with reading(engine) as s:
            for ym, stage, n in s.execute(stmt):
                key = (fiscal_quarter(dt.date(int(ym[:4]), int(ym[5:7]), 1)), stage)
                totals[key] = totals.get(key, 0) + int(n)
        return [
            {"group": g, "label": "", "stage": stage, "households": n}
            for (g, stage), n in sorted(totals.items())
        ]
    column = {
        "office": Household.office_id,
        "counselor": Household.counselor_id,
        "jurisdiction": Household.jurisdiction,
        "language": Household.preferred_language,
    }[by]
    grouped = (
        scoped.with_only_columns(column.label("grp"), Household.stage, func.count().label("n"))
        .group_by(column, Household.stage)
        .subquery()
    )
    if by == "office":
        stmt = select(grouped, Office.name).outerjoin(Office, Office.id == grouped.c.grp)
    elif by == "counselor":
        stmt = select(grouped, User.display_name).outerjoin(User, User.id == grouped.c.grp)
    else:
        stmt = select(grouped, literal("").label("name"))
    with reading(engine) as s:
        rows = [
            {"group": grp, "label": name or "", "stage": stage, "households": int(n)}
            for grp, stage, n, name in s.execute(stmt)
        ]
    order = {stage: i for i, stage in enumerate(codes.STAGES)}
    return sorted(rows, key=lambda r: (str(r["label"] or r["group"]), order.get(r["stage"], 0)))
