"""Dashboard figures at scale: the pipeline and the HUD-9902 on a generated caseload, SQLite and PostgreSQL.

The caseload is generated once (db.seed.generate on SQLite) and copied row for row into a throwaway
PostgreSQL (db.pgserver, as the tests start it) with COPY, so both backends hold the same records and
must give the same answers. Each figure is beside a naive baseline measured in the same run: read
every row of the tables involved into pandas and compute the same numbers there.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from sqlalchemy import MetaData, create_engine, select, text
from sqlalchemy.engine import make_url

from bench.timing import failed, figure, median_ms

STUCK_DAYS = 90
NO_CONTACT_DAYS = 60
SQL_RUNS = 5
PANDAS_RUNS = 3


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def warn(message: str) -> None:
    print(f"bench warning: {message}", file=sys.stderr, flush=True)


# --- the caseload ---------------------------------------------------------------------------------


CACHE = Path(tempfile.gettempdir()) / "camino-bench-cache"
MIGRATIONS = Path(__file__).resolve().parent.parent / "db" / "migrations" / "versions"


def cached_caseload(households: int, today: dt.date) -> Path:
    """Where --reuse-caseload keeps a generated file: same size, same day, same newest migration."""
    newest = max((p.stem for p in MIGRATIONS.glob("*.py")), default="none")
    return CACHE / f"caseload-{households}-{today.isoformat()}-{newest}.db"


def generate_sqlite(folder: Path, households: int, today: dt.date, reuse: bool = False):
    """A migrated SQLite file filled by db.seed.generate (or a copy of a kept one); returns (engine, path)."""
    from db import migrate, seed
    from db.engine import make_engine

    path = folder / "caseload.db"
    kept = cached_caseload(households, today)
    if reuse and kept.exists():
        shutil.copyfile(kept, path)
        log(f"reusing the caseload kept in {kept}")
        return make_engine(f"sqlite:///{path}"), path
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    start = time.perf_counter()
    counts = seed.generate(engine, households=households, seed=42, today=today)["counts"]
    log(
        f"generated {counts['households']:,} households, {counts['sessions']:,} sessions and "
        f"{counts['milestones']:,} milestones in {time.perf_counter() - start:.1f} s (SQLite)"
    )
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file
    if reuse:
        CACHE.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, kept)
    return engine, path


def copy_to_postgres(sqlite_path: Path, pg_engine) -> None:
    """Copy every table of the SQLite caseload into the migrated PostgreSQL database with COPY."""
    start = time.perf_counter()
    source = MetaData()
    source.reflect(create_engine(f"sqlite:///{sqlite_path}"))
    target = MetaData()
    target.reflect(pg_engine)
    lite = sqlite3.connect(sqlite_path)
    raw = pg_engine.raw_connection()
    try:
        pg = raw.driver_connection
        with pg.cursor() as cur:
            for table in source.sorted_tables:  # parents before children (foreign keys)
                if table.name not in target.tables or table.name == "alembic_version":
                    continue
                # Columns the database computes itself (household.demo_key) cannot be written.
                wanted = {c.name for c in target.tables[table.name].columns if c.computed is None}
                columns = [c.name for c in table.columns if c.name in wanted]
                listed = ", ".join(f'"{c}"' for c in columns)
                with cur.copy(f'COPY "{table.name}" ({listed}) FROM STDIN') as copy:
                    for row in lite.execute(f'SELECT {listed} FROM "{table.name}"'):
                        copy.write_row(row)
                if "id" in columns:
                    cur.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                        f'COALESCE(MAX(id), 1)) FROM "{table.name}"'
                    )
        pg.commit()
        with pg.cursor() as cur:
            pg.autocommit = True
            # What autovacuum does after a bulk load: planner statistics, and the visibility map that
            # lets PostgreSQL answer from an index alone.
            cur.execute("VACUUM ANALYZE")
    finally:
        raw.close()
        lite.close()
    log(f"copied the caseload into PostgreSQL in {time.perf_counter() - start:.1f} s")


def admin_user(engine) -> dict:
    """The session-user dict of the demo administrator (sees every office: the largest scope)."""
    from db.models import User

    with engine.connect() as conn:
        row = conn.execute(
            select(User.id, User.office_id).where(User.role == "admin").order_by(User.id).limit(1)
        ).one()
    return {"id": row.id, "role": "admin", "office_id": row.office_id, "username": "demo_admin", "name": ""}


# --- pipeline -------------------------------------------------------------------------------------


def pipeline_sql(engine, user: dict, today: dt.date) -> dict:
    """Exactly what the dashboard page computes (ui.dashboard_data), straight from db.pipeline."""
    from db import pipeline

    return {
        "funnel": pipeline.funnel(engine, user),
        "days": pipeline.median_days_in_stage(engine, user, today=today),
        "stuck": pipeline.stuck_count(engine, user, today=today),
        "outcomes": pipeline.outcomes(engine, user),
        "caseloads": pipeline.caseloads(engine, user, today=today),
    }


def _read(engine, table: str) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql(text(f'SELECT * FROM "{table}"'), conn)


def _dates(frame: pd.DataFrame, *columns: str) -> None:
    for column in columns:
        frame[column] = pd.to_datetime(frame[column])


def _first_last_change(ms: pd.DataFrame, measure_codes: tuple) -> pd.Series:
    picked = ms[ms["code"].isin(measure_codes) & ms["value"].notna()].sort_values(
        ["household_id", "achieved_on", "id"]
    )
    grouped = picked.groupby("household_id")["value"]
    summary = pd.DataFrame({"first": grouped.first(), "last": grouped.last(), "n": grouped.size()})
    summary = summary[summary["n"] >= 2]
    return summary["last"] - summary["first"]


def pipeline_pandas(engine, today: dt.date) -> dict:
    """The naive way: every household, milestone and user row into pandas, then the same figures."""
    from db import codes

    hh = _read(engine, "household")
    ms = _read(engine, "milestone")
    users = _read(engine, "app_user")
    _dates(hh, "opened_on", "closed_on", "stage_since", "next_follow_up", "last_contact_on")
    _dates(ms, "achieved_on")
    now = pd.Timestamp(today)

    at_stage = hh["stage"].value_counts()
    funnel, reached = [], 0
    for stage in reversed(codes.STAGES):
        reached += int(at_stage.get(stage, 0))
        funnel.append({"stage": stage, "at_stage": int(at_stage.get(stage, 0)), "reached": reached})
    funnel.reverse()

    firsts = ms.groupby(["household_id", "code"], as_index=False)["achieved_on"].min()
    starts = [hh[["id", "opened_on"]].rename(columns={"id": "household_id", "opened_on": "started_on"})]
    starts[0]["idx"] = 0
    for i, stage in enumerate(codes.STAGES[1:], start=1):
        needed = codes.STAGE_REQUIRES[stage]
        got = firsts[firsts["code"].isin(needed)].groupby("household_id")["achieved_on"].agg(["max", "size"])
        got = got[got["size"] == len(needed)]
        starts.append(pd.DataFrame({"household_id": got.index, "started_on": got["max"].values, "idx": i}))
    spans = pd.concat(starts, ignore_index=True).sort_values(["household_id", "idx"])
    spans["next_on"] = spans.groupby("household_id")["started_on"].shift(-1)
    spans = spans.merge(hh[["id", "closed_on"]], left_on="household_id", right_on="id")
    end = spans["next_on"].fillna(spans["closed_on"]).fillna(now)
    spans["days"] = (end - spans["started_on"]).dt.days.clip(lower=0)
    spans = spans[spans["idx"] < len(codes.STAGES) - 1]
    medians = spans.groupby("idx")["days"].agg(["median", "size"])
    days = {
        stage: {
            "median_days": float(medians["median"][i]) if i in medians.index else None,
            "households": int(medians["size"][i]) if i in medians.index else 0,
        }
        for i, stage in enumerate(codes.STAGES[:-1])
    }

    open_files = hh[hh["status"] == "open"]
    since = open_files["stage_since"].fillna(open_files["opened_on"])
    stuck = int(((open_files["stage"] != "purchased") & (since < now - pd.Timedelta(days=STUCK_DAYS))).sum())

    dpa = ms[ms["code"] == "dpa_approved"]
    savings = _first_last_change(ms, ("emergency_fund", "down_payment_saved", "savings_reached"))
    credit = _first_last_change(ms, ("credit_score_at_target", "credit_score_gain"))
    assets = ms[ms["code"].isin(codes.ASSET_MILESTONES)].groupby("code")["household_id"].nunique()
    outcomes = {
        "purchases": int(ms.loc[ms["code"] == "purchased", "household_id"].nunique()),
        "dpa_households": int(dpa["household_id"].nunique()),
        "dpa_dollars": float(dpa["value"].sum()),
        "median_savings_growth": float(savings.median()) if len(savings) else None,
        "median_credit_change": float(credit.median()) if len(credit) else None,
        "asset_milestones": {code: int(assets.get(code, 0)) for code in codes.ASSET_MILESTONES},
    }

    last = open_files["last_contact_on"].fillna(open_files["opened_on"])
    flags = pd.DataFrame(
        {
            "counselor_id": open_files["counselor_id"],
            "overdue": open_files["next_follow_up"] <= now,
            "no_contact": last < now - pd.Timedelta(days=NO_CONTACT_DAYS),
        }
    )
    per = flags.groupby("counselor_id").agg(
        open_files=("overdue", "size"), overdue=("overdue", "sum"), no_contact=("no_contact", "sum")
    )
    per = per.join(users.set_index("id")["display_name"])
    caseloads = [
        {"counselor_id": int(cid), "open_files": int(r.open_files), "overdue": int(r.overdue)}
        for cid, r in per.sort_values("open_files", ascending=False).iterrows()
    ]
    return {"funnel": funnel, "days": days, "stuck": stuck, "outcomes": outcomes, "caseloads": caseloads}


def compare_pipeline(sql: dict, naive: dict, backend: str) -> None:
    """Spot-check a few numbers: the SQL and the pandas answers must agree."""
    checks = {
        "funnel": ([r["at_stage"] for r in sql["funnel"]], [r["at_stage"] for r in naive["funnel"]]),
        "stuck": (sql["stuck"], naive["stuck"]),
        "purchases": (sql["outcomes"]["purchases"], naive["outcomes"]["purchases"]),
        "dpa_dollars": (round(sql["outcomes"]["dpa_dollars"], 2), round(naive["outcomes"]["dpa_dollars"], 2)),
        "median_savings_growth": (
            sql["outcomes"]["median_savings_growth"],
            naive["outcomes"]["median_savings_growth"],
        ),
        "median_days": (
            [v["median_days"] for v in sql["days"].values()],
            [v["median_days"] for v in naive["days"].values()],
        ),
        "open_files": (
            sorted(r["open_files"] for r in sql["caseloads"]),
            sorted(r["open_files"] for r in naive["caseloads"]),
        ),
    }
    for name, (a, b) in checks.items():
        if a != b:
            warn(f"pipeline on {backend}: SQL and pandas disagree on {name}: {a} vs {b}")


# --- HUD-9902 -------------------------------------------------------------------------------------


def hud_period(today: dt.date) -> tuple[int, int]:
    """The last complete fiscal year (Q4 is cumulative: the whole year, the heaviest report)."""
    fiscal_year = today.year + 1 if today.month >= 10 else today.year
    return fiscal_year - 1, 4


def hud9902_pandas(engine, fiscal_year: int, quarter: int) -> dict:
    """The naive way: read sessions, workshops, attendance, outcomes and households, count in pandas."""
    from db import codes
    from reports.hud9902.form import DEMOGRAPHICS, period

    start, end = (pd.Timestamp(d) for d in period(fiscal_year, quarter))
    sessions = _read(engine, "counseling_session")
    events = _read(engine, "education_event")
    attendance = _read(engine, "education_attendance")
    outcomes = _read(engine, "outcome")
    hh = _read(engine, "household")
    _dates(sessions, "session_date")
    _dates(events, "event_date")
    _dates(outcomes, "achieved_on")

    in_period = sessions[sessions["session_date"].between(start, end)]
    one = in_period[in_period["purpose"].isin(codes.COUNSELING_PURPOSE)][["household_id", "purpose"]]
    one = one.drop_duplicates().rename(columns={"purpose": "service"}).assign(section="9")
    went = attendance.merge(events, left_on="event_id", right_on="id", suffixes=("", "_event"))
    went = went[went["event_date"].between(start, end) & went["completed"].astype(bool)]
    edu = went[went["education_type"].isin(codes.EDUCATION_TYPE)][["household_id", "education_type"]]
    edu = edu.drop_duplicates().rename(columns={"education_type": "service"}).assign(section="8")
    services = pd.concat([one, edu], ignore_index=True).merge(hh, left_on="household_id", right_on="id")

    totals = {"8": int((services["section"] == "8").sum()), "9": int((services["section"] == "9").sum())}
    for key, (column, _title, allowed) in DEMOGRAPHICS.items():
        totals[key] = int(services[column].isin(allowed).sum())
    counseled = set(one["household_id"])
    typed = outcomes[
        outcomes["achieved_on"].between(start, end)
        & outcomes["code"].isin(codes.OUTCOME)
        & outcomes["household_id"].isin(counseled)
    ][["household_id", "code"]].drop_duplicates()
    computed = pd.DataFrame(
        {"household_id": sorted(counseled & set(edu["household_id"])), "code": "also_education"}
    )
    pairs = pd.concat([typed, computed], ignore_index=True).drop_duplicates()
    per_code = pairs.groupby("code")["household_id"].nunique()
    totals["10"] = int(per_code.sum())

    bad_purpose = set(
        in_period.loc[
            in_period["purpose"].isna() | ~in_period["purpose"].isin(codes.COUNSELING_PURPOSE), "household_id"
        ]
    )
    served = set(in_period["household_id"]) | set(went["household_id"])
    blank = pd.Series(False, index=hh.index)
    for column, _title, allowed in DEMOGRAPHICS.values():
        blank |= ~hh[column].isin(allowed)
    dropped = set(hh.loc[blank & hh["id"].isin(served), "id"]) | bad_purpose
    return {"totals": totals, "drop_offs": len(dropped)}


def compare_hud(report, naive: dict, backend: str) -> None:
    for key, expected in naive["totals"].items():
        if report.sections[key].total != expected:
            warn(f"9902 on {backend}: section {key} total {report.sections[key].total} vs pandas {expected}")
    if len(report.would_drop_off) != naive["drop_offs"]:
        warn(f"9902 on {backend}: {len(report.would_drop_off)} drop-offs vs pandas {naive['drop_offs']}")


# --- figures --------------------------------------------------------------------------------------


def backend_figures(engine, backend: str, today: dt.date) -> dict:
    """pipeline_<backend>_ms and hud9902_<backend>_ms, each against its pandas baseline."""
    out = {}
    user = admin_user(engine)
    try:
        compare_pipeline(pipeline_sql(engine, user, today), pipeline_pandas(engine, today), backend)
        value = median_ms(lambda: pipeline_sql(engine, user, today), runs=SQL_RUNS, warmup=1)
        baseline = median_ms(lambda: pipeline_pandas(engine, today), runs=PANDAS_RUNS, warmup=0)
        out[f"pipeline_{backend}_ms"] = figure(value, "ms", baseline, "every row into pandas")
    except Exception as err:
        out[f"pipeline_{backend}_ms"] = failed(err)
    try:
        from reports.hud9902 import counting

        fy, q = hud_period(today)
        compare_hud(counting.build(engine, fy, q), hud9902_pandas(engine, fy, q), backend)
        value = median_ms(lambda: counting.build(engine, fy, q), runs=SQL_RUNS, warmup=1)
        baseline = median_ms(lambda: hud9902_pandas(engine, fy, q), runs=PANDAS_RUNS, warmup=0)
        out[f"hud9902_{backend}_ms"] = figure(value, "ms", baseline, "every row into pandas")
    except Exception as err:
        out[f"hud9902_{backend}_ms"] = failed(err)
    return out


def figures(households: int = 50_000, reuse: bool = False) -> dict:
    """Generate the caseload once, measure on SQLite, copy it to a throwaway PostgreSQL, measure there."""
    from db import migrate
    from db.engine import make_engine
    from db.pgserver import PostgresServer

    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="camino-bench-") as tmp:
        lite, path = generate_sqlite(Path(tmp), households, today, reuse)
        try:
            out = backend_figures(lite, "sqlite", today)
        finally:
            lite.dispose()
        server = PostgresServer()
        try:
            admin_url = server.start()
            admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text('CREATE DATABASE "camino_bench"'))
            admin.dispose()
            pg = make_engine(make_url(admin_url).set(database="camino_bench").render_as_string(False))
            migrate.upgrade(pg)
            copy_to_postgres(path, pg)
            out.update(backend_figures(pg, "postgres", today))
            pg.dispose()
        except Exception as err:
            for name in ("pipeline_postgres_ms", "hud9902_postgres_ms"):
                out.setdefault(name, failed(err))
        finally:
            server.stop()
    return out
