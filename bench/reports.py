"""Printed action plan: one PDF, and a batch of 200 plans read from the database and printed."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from bench.timing import failed, figure, median_ms

PDF_TARGET_MS = 300.0
BATCH = 200
BATCH_TARGET_S = BATCH * PDF_TARGET_MS / 1000  # our reading: the batch is no slower than 200 single PDFs


def one_pdf_figure() -> dict:
    """The demo household's plan (goals, steps, budget chart, referrals) in Spanish, median of 10."""
    from reports.action_plan.build import build_pdf
    from reports.action_plan.demo import demo_plan

    plan = demo_plan()
    return figure(median_ms(lambda: build_pdf(plan, "es"), runs=10), "ms", PDF_TARGET_MS, "target")


def batch_figure() -> dict:
    """200 households of a generated caseload printed as a program lead would: one print run
    (reports.action_plan.build.build_batch) that loads every plan (scoped, audited) and prints each, in seconds."""
    from db import migrate, seed
    from db.engine import make_engine, reading
    from db.models import Household, User
    from reports.action_plan.build import build_batch
    from reports.action_plan.demo import session_user

    with tempfile.TemporaryDirectory(prefix="camino-bench-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'plans.db'}")
        try:
            migrate.upgrade(engine)
            seed.generate(engine, households=BATCH, seed=42, today=dt.date.today())
            with engine.connect() as conn:
                ids = list(conn.scalars(select(Household.id).order_by(Household.id).limit(BATCH)))
            with reading(engine) as s:
                admin = session_user(s.scalars(select(User).where(User.role == "admin")).first())
            start = time.perf_counter()
            printed = build_batch(engine, admin, ids)
            elapsed = time.perf_counter() - start
            sizes = sum(len(data) for _, data in printed)
        finally:
            engine.dispose()
    print(f"bench: printed {len(printed)} plans, {sizes / 1e6:.1f} MB of PDF", file=sys.stderr)
    return figure(elapsed, "s", BATCH_TARGET_S, "target (200 x one PDF)")


def figures() -> dict:
    """action_plan_pdf_ms and action_plan_batch_200_s."""
    out = {}
    for name, make in (("action_plan_pdf_ms", one_pdf_figure), ("action_plan_batch_200_s", batch_figure)):
        try:
            out[name] = make()
        except Exception as err:  # one broken report must not hide the other figure
            out[name] = failed(err)
    return out
