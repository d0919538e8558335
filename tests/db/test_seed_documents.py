"""The demo caseload has notices given (some missing) and a few documents in the store (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from db import agreements, documents, seed
from db.accounts import user_dict
from db.documents.store import detect
from db.engine import reading
from db.models import ClientAgreement, Household, HudClientProfile, User
from db.seed import documents as seed_documents

TODAY = dt.date(2026, 11, 27)


def test_demo_notices_and_documents(engine):
    result = seed.generate(engine, households=120, seed=42, today=TODAY)
    with reading(engine) as s:
        admin = user_dict(s.scalars(select(User).where(User.role == "admin").order_by(User.id)).first())
        households = s.scalar(select(func.count()).select_from(Household))
        given = s.scalar(select(func.count(func.distinct(ClientAgreement.household_id))))
        verbal = s.scalars(select(ClientAgreement.attested_by).where(ClientAgreement.method == "verbal")).all()
        with_docs = s.scalars(select(Household.id).where(Household.status == "open").limit(400)).all()
    assert households * 0.8 < given < households  # most files have notices, a few still lack them
    assert verbal and all(verbal)  # read aloud always names who attested it
    missing = [hid for hid in with_docs if agreements.missing(engine, admin, hid)]
    assert missing
    listed = [d for hid in with_docs for d in documents.list_for(engine, admin, hid)]
    assert result["counts"]["documents"] == len(listed) > 0
    assert {d.kind for d in listed} == {"pay_stub", "letter"}
    opened = documents.open_document(engine, admin, listed[0].id)
    assert detect(opened.data) in ("application/pdf", "image/png")


def test_demo_files_are_what_their_names_say():
    assert detect(seed_documents.pay_stub_pdf("Núñez", TODAY)) == "application/pdf"
    assert detect(seed_documents.letter_png()) == "image/png"


def test_demo_hud_answers_fit_each_household(engine):
    seed.generate(engine, households=60, seed=11, today=TODAY)
    with reading(engine) as s:
        pairs = s.execute(select(Household, HudClientProfile).join(HudClientProfile)).all()
    assert pairs
    for hh, profile in pairs:
        married = profile.marital_status == "married"
        assert profile.dependents <= hh.household_size - (2 if married else 1) or hh.household_size == 1
        assert married == profile.head_of_household.startswith("married")
        assert profile.state == {"dc": "DC", "montgomery_md": "MD", "prince_georges_md": "MD"}.get(hh.jurisdiction, "VA")
        if hh.preferred_language == "es":
            assert profile.spoken_language == "es"
        assert (profile.credit_score is None) == bool(profile.no_credit_score_reason)
