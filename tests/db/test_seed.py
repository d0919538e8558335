"""The demo seed on SQLite and PostgreSQL: what it fills, that it is repeatable, and what it refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db import accounts, second_factor, seed
from db.codes import stage_from_milestones
from db.engine import reading
from db.models import (
    ActionPlan,
    CounselingSession,
    EducationAttendance,
    Household,
    Milestone,
    Outcome,
    Referral,
    Scenario,
    User,
)
from tests.factories import make_office

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def seeded(engine):
    result = seed.generate(engine, households=240, seed=42, today=TODAY)
    return engine, result


def count(session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_caseload_covers_what_the_dashboard_and_reports_need(seeded):
    engine, result = seeded
    with reading(engine) as s:
        assert count(s, Household) == 240
        assert count(s, Household, Household.is_demo.is_(False)) == 0
        jurisdictions = set(s.scalars(select(Household.jurisdiction).distinct()))
        assert jurisdictions == {
            "dc",
            "montgomery_md",
            "prince_georges_md",
            "arlington_va",
            "fairfax_va",
            "alexandria_va",
        }
        assert len(set(s.scalars(select(Household.office_id).distinct()))) == 2
        roles = sorted(s.scalars(select(User.role)))
        assert roles.count("counselor") == 5 and roles.count("lead") == 1 and roles.count("trainer") == 1
        assert "admin" in roles
        # "Chose not to respond" appears, and a few households lack a counseling purpose on purpose.
        assert count(s, Household, Household.race == "not_reported") > 0
        assert count(s, Household, Household.ethnicity == "not_reported") > 0
        assert 0 < count(s, Household, Household.counseling_purpose == "") < 24
        bands = set(s.scalars(select(Household.income_band).distinct()))
        assert "not_reported" in bands and len(bands) >= 4  # AMI bands from calculators.assistance
        # Every approved assistance carries its amount, so "DPA dollars leveraged" is not $0 in a demo.
        dpa = Milestone.code == "dpa_approved"
        assert count(s, Milestone, dpa) > 0
        assert count(s, Milestone, dpa, Milestone.value.is_(None)) == 0
        assert count(s, Milestone, dpa, Milestone.value < 1000) == 0
        for model in (CounselingSession, Milestone, ActionPlan, Referral, Outcome, EducationAttendance):
            assert count(s, model) > 0, model.__name__
        kinds = set(s.scalars(select(Scenario.kind).distinct()))
        assert {"budget", "affordability"} <= kinds
        first, last = s.execute(
            select(func.min(CounselingSession.session_date), func.max(CounselingSession.session_date))
        ).one()
        assert TODAY - dt.timedelta(days=731) <= first and last <= TODAY
        assert count(s, Household, Household.status == "closed") > 0
        assert "555-01" in s.scalar(select(Household.phone).limit(1))
    assert result["counts"]["households"] == 240


def test_stage_matches_the_milestones(seeded):
    engine, _ = seeded
    with reading(engine) as s:
        achieved: dict[int, dict] = {}
        for hid, code, on in s.execute(select(Milestone.household_id, Milestone.code, Milestone.achieved_on)):
            achieved.setdefault(hid, {}).setdefault(code, on)
            achieved[hid][code] = min(achieved[hid][code], on)
        for hid, stage, since in s.execute(select(Household.id, Household.stage, Household.stage_since)):
            assert (stage, since) == stage_from_milestones(achieved.get(hid, {}))


def test_demo_logins_work(seeded):
    engine, result = seeded
    for username, password, role in result["accounts"]:
        if role == "admin":  # administrators have a second factor: the demo's is public, as its passwords
            with pytest.raises(accounts.SecondFactorNeeded) as step:
                accounts.authenticate(engine, username, password)
            user = second_factor.complete_login(engine, step.value.pending, seed.demo_admin_code())
        else:
            user = accounts.authenticate(engine, username, password)
        assert user["role"] == role
    assert ("consejera1", "demo-password-1", "counselor") in result["accounts"]


def test_same_seed_same_data(tmp_path):
    from db import migrate
    from db.engine import make_engine

    def names(path):
        eng = make_engine(f"sqlite:///{path}")
        migrate.upgrade(eng)
        seed.generate(eng, households=60, seed=7, today=TODAY)
        with reading(eng) as s:
            rows = list(s.execute(select(Household.display_name, Household.stage).order_by(Household.id)))
            sessions = count(s, CounselingSession)
        eng.dispose()
        return rows, sessions

    assert names(tmp_path / "a.db") == names(tmp_path / "b.db")


def test_refuses_a_database_with_real_records(engine):
    make_office(engine, "Oficina real", "real")
    with pytest.raises(seed.SeedRefused):
        seed.generate(engine, households=5, today=TODAY)
    with reading(engine) as s:
        assert count(s, Household) == 0


def test_refuses_to_seed_twice(seeded):
    engine, _ = seeded
    with pytest.raises(seed.SeedRefused):
        seed.generate(engine, households=5, today=TODAY)


def test_cli_prints_the_demo_logins(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert seed.main(["--demo", "--households", "20"]) == 0
    out = capsys.readouterr().out
    assert "20 households" in out and "consejera1" in out and "demo-password-1" in out
    assert seed.main(["--demo", "--households", "20"]) == 1


def test_demo_purposes_match_each_household_story(seeded):
    """Wrong purposes go straight into the 9902: only owners get post-purchase or delinquency
    counseling, homeless assistance only goes to families without a home, and the homebuyer
    pipeline is pre-purchase."""
    engine, _ = seeded
    owner_only = ("post_purchase", "forward_delinquency", "reverse_mortgage", "reverse_delinquency")
    with reading(engine) as s:
        rows = s.execute(
            select(Household.housing_status, CounselingSession.purpose, Household.stage)
            .join(CounselingSession, CounselingSession.household_id == Household.id)
            .distinct()
        ).all()
        purchased = s.execute(
            select(CounselingSession.purpose)
            .join(Milestone, Milestone.household_id == CounselingSession.household_id)
            .where(Milestone.code.in_(("pre_approval", "under_contract", "purchased")))
            .distinct()
        ).scalars()
        assert set(purchased) == {"prepurchase"}
    assert rows
    for housing, purpose, stage in rows:
        if purpose in owner_only:
            assert housing == "owner", (housing, purpose)
        if purpose == "homeless":
            assert housing == "homeless", (housing, purpose)
        if housing != "owner":
            assert purpose in ("prepurchase", "rental", "homeless"), (housing, purpose)
        if purpose != "prepurchase":
            assert stage == "intake", (purpose, stage)  # the homebuyer pipeline is pre-purchase
    assert {p for _h, p, _s in rows} >= {"prepurchase", "rental", "post_purchase"}


def test_demo_passwords_pass_the_password_rule():
    for username, name, _role, _office, password in seed.DEMO_ACCOUNTS:
        accounts.check_new_password(password, username, name)


def test_demo_workshops_have_titles_that_fit_their_type(seeded):
    """A certificate prints the workshop's name: every demo workshop has one, and a module matches its type."""
    from curricula.workshops import modules
    from db.models import EducationEvent

    by_id = {m.id: m for m in modules()}
    engine, _ = seeded
    with reading(engine) as s:
        rows = s.execute(select(EducationEvent.module_id, EducationEvent.education_type).distinct()).all()
    assert rows
    for module_id, education_type in rows:
        assert module_id.strip(), education_type
        if module_id in by_id:
            assert by_id[module_id].hud_education_type == education_type, module_id
    assert {t for _m, t in rows} >= {"prepurchase", "rental", "fair_housing"}
