"""The demo caseload shows follow-up stages and funding (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from db import follow_up, funding, seed
from db.engine import reading
from db.models import CounselingSession, EducationEvent, User
from reports.hud9902 import counting

TODAY = dt.date(2026, 11, 27)


def test_demo_has_every_follow_up_stage_and_funded_sessions(engine):
    seed.generate(engine, households=240, seed=42, today=TODAY)
    with reading(engine) as s:
        admin = s.scalars(select(User).where(User.role == "admin").order_by(User.id)).first()
        user = {"id": admin.id, "role": "admin", "office_id": admin.office_id,
                "session_version": admin.session_version}
    stages = {r.stage for r in follow_up.follow_up_list(engine, user, today=TODAY)}
    assert stages == set(follow_up.STAGES)
    with reading(engine) as s:
        kinds = set(s.scalars(select(CounselingSession.funding).distinct()))
        assert kinds == {"hud", "grant", "none"}
        assert s.scalar(select(func.count()).where(EducationEvent.funding == "")) == 0
    assert funding.schedule_on(engine, TODAY) is not None
    assert {s.hud_grant for s in funding.sources(engine)} == {"comprehensive", ""}
    report = counting.build_with_hud_column(engine, 2026, 4)
    assert 0 < report.hud_sections["9"].total < report.sections["9"].total

