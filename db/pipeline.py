"""Program-lead dashboard figures, aggregated by the database: funnel, time in stage, stuck files, outcomes,
caseloads, and the household ids behind any number (for click-through).

Scope: every query starts from db.scope.households_visible_to(user) (admins: all offices, leads: their
office); a counselor sees only their own caseload. Filters (all optional) narrow it further by office,
counselor, jurisdiction, preferred language, and intake quarter: `quarter=(fiscal_year, q)` keeps the
households *opened* in that fiscal quarter (1 Oct - 31 Dec is Q1), i.e. one intake cohort followed
through the funnel. Open and closed files are both counted (a purchase often closes the file);
"stuck", caseloads and follow-ups look at open files only.

Definitions:
* Funnel: households whose current stage is each of db.codes.STAGES; "reached" counts those at that
  stage or beyond (a running sum in SQL); conversion = reached(stage) / reached(previous stage).
* Days in stage: a stage starts on the day its milestones were all first recorded (intake: the day the
  file was opened) and ends when the next stage reached starts, else on the closing day, else today.
  Those days are kept on the household row (reached_<stage>_on, written by db.households.refresh_stage
  with every milestone change). Medians are computed in SQL from counts per distinct value and their
  running totals (SQLite has no percentile_cont).
* Stuck: open files not yet purchased whose current stage began more than 90 days ago.
* Outcomes: purchases (households with a "purchased" milestone), down-payment assistance dollars
  leveraged (sum of the "dpa_approved" milestone values), median savings growth and median credit-score
  change per household (last recorded value minus first, households with two or more values; kept on
  the household row as savings_change and credit_change), and the
  number of households reaching each asset milestone.

Nothing here loads rows into pandas; Python only reshapes the handful of grouped rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Date, Integer, case, cast, func, literal, or_, select, true, union_all
from sqlalchemy.engine import Engine

from calculators import InputError
from db import audit, codes
from db.engine import reading, transaction
from db.households import NO_CONTACT_DAYS, reached_column
from db.models import AuditEvent, Household, Milestone, Office, User
from db.scope import households_visible_to

STUCK_DAYS = 90
MAX_IDS = 2000  # a click-through list longer than this is cut (the number shown says how many in all)
DIMENSIONS = ("office", "counselor", "jurisdiction", "language", "quarter")
METRICS = (
    "all",
    "stage",
    "reached",
    "stuck",
    "purchased",
    "dpa",
    "asset",
    "caseload",
    "overdue",
    "no_contact",
)
# Audit actions that only read; they do not change what the dashboard shows, so they keep the cache.
READ_ACTIONS = frozenset(
    {
        "household_viewed",
        "households_listed",
        "login",
        "login_failed",
        "login_locked",
        "logout",
        "scenarios_viewed",
        "retention_listed",
        "plan_viewed",
        "plan_printed",
        "hud9902_viewed",
    }
)


@dataclass(frozen=True)
class Filters:
    """What the lead picked; frozen so it can key a cache."""

    office_id: int | None = None
    counselor_id: int | None = None
    jurisdiction: str | None = None
    language: str | None = None
    quarter: tuple[int, int] | None = None  # (fiscal year, quarter) of intake


def quarter_bounds(fiscal_year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of one fiscal quarter (not cumulative): FY2026 Q1 is 1 Oct - 31 Dec 2025."""
    if quarter not in (1, 2, 3, 4):
        raise InputError("bad_quarter", "quarter")
    start_year, start_month = (fiscal_year - 1, 10) if quarter == 1 else (fiscal_year, 3 * quarter - 5)
    start = dt.date(start_year, start_month, 1)
    end_month = start_month + 3
    end = (
        dt.date(start_year + 1, 1, 1) if end_month > 12 else dt.date(start_year, end_month, 1)
    ) - dt.timedelta(days=1)
    return start, end


def fiscal_quarter(day: dt.date) -> tuple[int, int]:
    return (day.year + 1, 1) if day.month >= 10 else (day.year, (day.month - 1) // 3 + 2)


def _scoped(user: dict, filters: Filters):
    """The visible households (db.scope), narrowed to a counselor's own caseload and the filters."""
    stmt = households_visible_to(user)
    if user and user.get("role") == "counselor":
        stmt = stmt.where(Household.counselor_id == user["id"])
    elif filters.counselor_id is not None:
        stmt = stmt.where(Household.counselor_id == filters.counselor_id)
    if filters.office_id is not None:
        stmt = stmt.where(Household.office_id == filters.office_id)
    if filters.jurisdiction:
        stmt = stmt.where(Household.jurisdiction == filters.jurisdiction)
    if filters.language:
        stmt = stmt.where(Household.preferred_language == filters.language)
    if filters.quarter:
        start, end = quarter_bounds(*filters.quarter)
        stmt = stmt.where(Household.opened_on.between(start, end))
    return stmt


def _ids(user: dict, filters: Filters):
    return _scoped(user, filters).with_only_columns(Household.id)


def _in_scope(column, user: dict, filters: Filters):
    """`column IN (visible household ids)`, or no condition at all when nothing is restricted (an admin)."""
    scoped = _scoped(user, filters)
    if scoped.whereclause is None:
        return true()
    return column.in_(scoped.with_only_columns(Household.id))


def _stage_index():
    return case({stage: i for i, stage in enumerate(codes.STAGES)}, value=Household.stage, else_=0)


def _days_between(engine: Engine, later, earlier):
    """Whole days from `earlier` to `later` (both dates), on SQLite or PostgreSQL."""
    if engine.dialect.name == "sqlite":
        return cast(func.julianday(later) - func.julianday(earlier), Integer)
    return later - earlier  # PostgreSQL: date - date is an integer number of days


def _not_negative(engine: Engine, days):
    """max(days, 0), computing `days` once (a CASE would compute its two julianday calls twice on SQLite)."""
    if engine.dialect.name == "sqlite":
        return func.max(days, 0)  # SQLite's two-argument max() is the scalar one, not the aggregate
    return func.greatest(days, 0)


def _median(values, group=None):
    """Median of `values.c.value` (optionally per `values.c.<group>`) and how many values, in SQL.

    Counts each distinct value first (a few thousand day counts instead of every household), then
    finds the middle rank in the running totals of those counts. SQLite has no percentile_cont.
    """
    part = [values.c[group]] if group else []
    counted = (
        select(*part, values.c.value, func.count().label("k")).group_by(*part, values.c.value).subquery()
    )
    by = [counted.c[group]] if group else []
    running = select(
        *by,
        counted.c.value,
        counted.c.k,
        cast(func.sum(counted.c.k).over(partition_by=by or None, order_by=counted.c.value), Integer).label(
            "upto"
        ),
        cast(func.sum(counted.c.k).over(partition_by=by or None), Integer).label("n"),
    ).subquery()

    def holds(rank):  # this value's ranks run from upto - k + 1 to upto
        return (running.c.upto - running.c.k < rank) & (rank <= running.c.upto)

    # Floor division (//) renders as integer division on both backends; '/' would be true division.
    middle = or_(holds((running.c.n + 1) // 2), holds((running.c.n + 2) // 2))
    stmt = select(
        *[running.c[group]] if group else [], func.avg(running.c.value), func.max(running.c.n)
    ).where(middle)
    if group:
        stmt = stmt.group_by(running.c[group])
    return stmt


def funnel(engine: Engine, user: dict, filters: Filters = Filters()) -> list[dict]:
    """[{stage, at_stage, reached, conversion}] in pipeline order; conversion is None for the first stage."""
    idx = _stage_index()
    scoped = _scoped(user, filters)
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
    today = today or dt.date.today()
    starts = [Household.opened_on] + [getattr(Household, reached_column(stage)) for stage in codes.STAGES[1:]]
    end_on = func.coalesce(Household.closed_on, literal(today, Date))
    last = len(codes.STAGES) - 1
    scoped = _scoped(user, filters)
    parts = []
    for i in range(last):
        # A stage ends when the next stage reached begins, else when the file closed, else today.
        ended = func.coalesce(*starts[i + 1 :], end_on)
        days = _days_between(engine, ended, starts[i])
        parts.append(
            scoped.with_only_columns(
                literal(i).label("idx"), _not_negative(engine, days).label("value")
            ).where(starts[i].is_not(None))
        )
    spans = union_all(*parts).subquery()
    with reading(engine) as s:
        found = {int(i): (float(m), int(n)) for i, m, n in s.execute(_median(spans, "idx"))}
    return {
        stage: {"median_days": found.get(i, (None, 0))[0], "households": found.get(i, (None, 0))[1]}
        for i, stage in enumerate(codes.STAGES[:-1])
    }


def _stuck_condition(today: dt.date, days: int = STUCK_DAYS):
    since = func.coalesce(Household.stage_since, Household.opened_on)
    return (
        (Household.status == "open")
        & (Household.stage != "purchased")
        & (since < today - dt.timedelta(days=days))
    )


def _overdue_condition(today: dt.date):
    return (Household.status == "open") & (Household.next_follow_up <= today)


def _silent_condition(today: dt.date):
    last = func.coalesce(Household.last_contact_on, Household.opened_on)
    return (Household.status == "open") & (last < today - dt.timedelta(days=NO_CONTACT_DAYS))


def _changes(user: dict, filters: Filters, column):
    """Per visible household with two or more values: the change kept in `column` (refresh_stage)."""
    return (
        _scoped(user, filters).with_only_columns(column.label("value")).where(column.is_not(None)).subquery()
    )


def outcomes(engine: Engine, user: dict, filters: Filters = Filters()) -> dict:
    """Purchases, DPA dollars, median savings growth and credit-score change, asset milestones reached."""
    in_scope = _in_scope(Milestone.household_id, user, filters)
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
            median, n = s.execute(_median(_changes(user, filters, column))).one()
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
    today = today or dt.date.today()
    stmt = _scoped(user, filters).with_only_columns(func.count()).where(_stuck_condition(today))
    with reading(engine) as s:
        return int(s.scalar(stmt) or 0)


def caseloads(
    engine: Engine, user: dict, filters: Filters = Filters(), today: dt.date | None = None
) -> list[dict]:
    """Per counselor: open files, follow-ups due, and files with no contact for 60 days (open files only)."""
    today = today or dt.date.today()

    def flag(condition):
        return func.sum(case((condition, 1), else_=0))

    scoped = _scoped(user, filters).where(Household.status == "open")
    grouped = (
        scoped.with_only_columns(
            Household.counselor_id,
            func.count().label("open_files"),
            flag(_overdue_condition(today)).label("overdue"),
            flag(_silent_condition(today)).label("no_contact"),
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
    scoped = _scoped(user, filters)
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


def households_behind(
    engine: Engine,
    user: dict,
    metric: str,
    value=None,
    filters: Filters = Filters(),
    today: dt.date | None = None,
) -> list[int]:
    """The household ids behind a number on the dashboard (first MAX_IDS, by id), for click-through.

    metric: all | stage (value=stage) | reached (value=stage) | stuck | purchased | dpa |
    asset (value=milestone code) | caseload, overdue, no_contact (value=counselor id, or None for all).
    """
    today = today or dt.date.today()
    stmt = _ids(user, filters)
    if metric not in METRICS:
        raise InputError("unknown_metric", "metric")
    if metric == "stage":
        stmt = stmt.where(Household.stage == value)
    elif metric == "reached":
        if value not in codes.STAGES:
            raise InputError("unknown_stage", "value")
        stmt = stmt.where(Household.stage.in_(codes.STAGES[codes.STAGES.index(value) :]))
    elif metric == "stuck":
        stmt = stmt.where(_stuck_condition(today))
    elif metric in ("purchased", "dpa", "asset"):
        code = {"purchased": "purchased", "dpa": "dpa_approved"}.get(metric, value)
        stmt = stmt.where(Household.id.in_(select(Milestone.household_id).where(Milestone.code == code)))
    elif metric in ("caseload", "overdue", "no_contact"):
        condition = {
            "caseload": Household.status == "open",
            "overdue": _overdue_condition(today),
            "no_contact": _silent_condition(today),
        }[metric]
        stmt = stmt.where(condition)
        if value is not None:
            stmt = stmt.where(Household.counselor_id == value)
    with reading(engine) as s:
        return list(s.scalars(stmt.order_by(Household.id).limit(MAX_IDS)))


def household_rows(engine: Engine, user: dict, ids: list[int]) -> list[dict]:
    """Name, stage, counselor and dates of the given households the user may see; the listing is audited."""
    ids = [int(i) for i in ids][:MAX_IDS]
    if not ids:
        return []
    scoped = _scoped(user, Filters()).where(Household.id.in_(ids))
    stmt = (
        scoped.add_columns(User.display_name)
        .outerjoin(User, User.id == Household.counselor_id)
        .order_by(Household.search_name, Household.id)
    )
    with transaction(engine) as s:
        rows = [
            {
                "id": hh.id,
                "display_name": hh.display_name,
                "stage": hh.stage,
                "stage_since": hh.stage_since,
                "counselor": name or "",
                "last_contact_on": hh.last_contact_on,
                "next_follow_up": hh.next_follow_up,
                "status": hh.status,
            }
            for hh, name in s.execute(stmt)
        ]
        audit.record(s, user, "households_listed", "household", None, f"pipeline shown={len(rows)}")
    return rows


def data_version(engine: Engine) -> int:
    """A number that changes whenever a record changes: the newest audited write (reads are skipped).

    Every change is audited in its own transaction, so a dashboard cache keyed by this is invalidated by
    any write, while page views (also audited) keep it. Looks at the newest 500 events only: cheap.
    """
    stmt = select(AuditEvent.id, AuditEvent.action).order_by(AuditEvent.id.desc()).limit(500)
    with reading(engine) as s:
        rows = s.execute(stmt).all()
        for event_id, action in rows:
            if action not in READ_ACTIONS:
                return int(event_id)
        if len(rows) == 500:  # 500 reads in a row: fall back to the newest event of all
            return int(rows[0][0])
    return 0
