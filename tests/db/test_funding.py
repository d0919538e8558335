"""Funding and fees: sources the admin lists, each session's and workshop's funding and fee, the dated
fee schedule, and the HUD-9902's HUD-grant column (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from calculators import InputError
from db import activity, education, funding
from db.engine import reading
from db.models import CounselingSession, EducationEvent
from reports.hud9902 import counting, writers
from tests.factories import make_household

D = dt.date


@pytest.fixture
def grants(agency):
    eng, admin = agency["engine"], agency["users"]["admin"]
    hud = funding.add_source(eng, admin, name_en="HUD comprehensive grant FY2026", name_es="Subvención de HUD",
                             hud_grant="comprehensive")
    other = funding.add_source(eng, admin, name_en="County housing fund", name_es="Fondo del condado")
    return {"hud": hud, "other": other}


def test_only_admins_list_sources_and_schedules(agency):
    with pytest.raises(PermissionError):
        funding.add_source(agency["engine"], agency["users"]["counselor"], name_en="Bank grant")
    with pytest.raises(PermissionError):
        funding.save_schedule(agency["engine"], agency["users"]["lead"], effective_from=D(2026, 1, 1),
                              lines=[{"en": "Counseling", "amount": 0}])


@pytest.mark.parametrize(
    ("choice", "source", "fee", "expected"),
    [
        ("none", None, 0, ("none", None, 0.0)),
        ("none", None, "25.5", ("none", None, 25.5)),
        ("hud", None, None, ("hud", None, None)),
        ("hud", "hud", 0, ("hud", "hud", 0.0)),
        ("grant", "other", 40, ("grant", "other", 40.0)),
        ("", None, None, ("", None, None)),
        ("grant", None, 0, "funding"),  # another grant must say which
        ("grant", "hud", 0, "funding"),  # a HUD grant is not "another grant"
        ("hud", "other", 0, "funding"),
        ("lottery", None, 0, "funding"),
        ("none", None, -1, "fee"),
        ("none", None, "abc", "fee"),
        ("none", None, float("nan"), "fee"),
        ("none", None, 1_000_000, "fee"),
    ],
)
def test_session_funding_and_fee_rules(agency, grants, choice, source, fee, expected):
    eng, user = agency["engine"], agency["users"]["counselor"]
    hid = agency["households"]["north"]
    args = dict(session_date=D(2026, 2, 1), purpose="prepurchase", funding=choice,
                funding_source_id=grants.get(source), fee=fee)
    if isinstance(expected, str):
        with pytest.raises(InputError) as err:
            activity.add_session(eng, user, hid, **args)
        assert err.value.field == expected
        assert activity.sessions_for(eng, user, hid) == []  # nothing half-saved
        return
    activity.add_session(eng, user, hid, **args)
    row = activity.sessions_for(eng, user, hid)[0]
    kind, src, amount = expected
    assert (row["funding"], row["funding_source_id"], row["fee"]) == (kind, grants.get(src), amount)


def test_workshop_records_funding_and_fee(agency, grants):
    eng, trainer = agency["engine"], agency["users"]["trainer"]
    event = education.record_event(eng, trainer, event_date=D(2026, 2, 3), education_type="prepurchase",
                                   title="Comprar casa", household_ids=[agency["households"]["north"]],
                                   funding="grant", funding_source_id=grants["other"], fee=15)
    with reading(eng) as s:
        row = s.get(EducationEvent, event)
        assert (row.funding, row.funding_source_id, row.fee) == ("grant", grants["other"], 15.0)
    with pytest.raises(InputError):
        education.record_event(eng, trainer, event_date=D(2026, 2, 3), education_type="prepurchase",
                               title="X", household_ids=[agency["households"]["north"]], funding="none", fee=-5)


def test_retired_source_leaves_the_list_but_old_sessions_keep_it(agency, grants):
    eng, admin = agency["engine"], agency["users"]["admin"]
    activity.add_session(eng, agency["users"]["counselor"], agency["households"]["north"],
                         session_date=D(2026, 2, 1), purpose="rental", funding="grant",
                         funding_source_id=grants["other"], fee=0)
    funding.set_active(eng, admin, grants["other"], False)
    assert [s.id for s in funding.sources(eng)] == [grants["hud"]]
    assert {s.id for s in funding.sources(eng, active_only=False)} == set(grants.values())
    with reading(eng) as s:
        assert s.scalar(select(CounselingSession.funding_source_id)) == grants["other"]


def test_fee_schedule_is_dated_and_bilingual(agency):
    eng, admin = agency["engine"], agency["users"]["admin"]
    assert funding.schedule_on(eng, D(2026, 1, 1)) is None
    funding.save_schedule(eng, admin, effective_from=D(2025, 10, 1),
                          lines=[{"en": "Homebuyer counseling", "es": "Consejería para comprar", "amount": 0},
                                 {"en": "", "es": "", "amount": None}],
                          note_en="Free if you cannot pay.", note_es="Gratis si no puede pagar.")
    funding.save_schedule(eng, admin, effective_from=D(2026, 7, 1),
                          lines=[{"en": "Credit report", "es": "Informe de crédito", "amount": 12.5}])
    first = funding.schedule_on(eng, D(2026, 3, 1))
    assert [(x.service("es"), x.amount) for x in first.lines] == [("Consejería para comprar", 0.0)]
    assert first.note("es") == "Gratis si no puede pagar."
    assert funding.schedule_on(eng, D(2026, 7, 1)).lines[0].service("en") == "Credit report"
    with pytest.raises(InputError) as err:
        funding.save_schedule(eng, admin, effective_from=D(2026, 8, 1), lines=[{"en": "X", "amount": -1}])
    assert err.value.field == "lines"


def test_9902_hud_grant_column_counts_only_hud_funded_services(agency, grants):
    """Three households counseled in FY2026 Q2: one HUD-funded, one by the county, one not recorded.

    The all-counseling column counts all three; the HUD-grant column only the first, in every section.
    A HUD-funded workshop counts in section 8's HUD column; the county one does not.
    """
    eng, user, trainer = agency["engine"], agency["users"]["counselor"], agency["users"]["trainer"]
    north = agency["offices"]["north"]
    demo = dict(ethnicity="hispanic", race="white", income_band="50_79", rural="not_rural", limited_english="lep")
    ids = [make_household(eng, north, f"Familia {n}", opened_on=D(2025, 10, 1), **demo) for n in "ABC"]
    paid = [("hud", grants["hud"]), ("grant", grants["other"]), ("", None)]
    for hid, (kind, source) in zip(ids, paid, strict=True):
        activity.add_session(eng, user, hid, session_date=D(2026, 1, 15), purpose="prepurchase",
                             funding=kind, funding_source_id=source, fee=0)
    education.record_event(eng, trainer, event_date=D(2026, 2, 1), education_type="prepurchase", title="Taller",
                           household_ids=ids[:1], funding="hud", fee=0)
    education.record_event(eng, trainer, event_date=D(2026, 2, 2), education_type="fair_housing", title="Otro",
                           household_ids=ids[1:2], funding="grant", funding_source_id=grants["other"])
    report = counting.build_with_hud_column(eng, 2026, 2)
    assert report.sections["9"].counts["prepurchase"] == 3
    hud = report.hud_sections
    assert hud["9"].counts == {"prepurchase": 1}
    assert hud["8"].counts == {"prepurchase": 1}
    assert hud["3"].counts == {"hispanic": 2}  # the HUD household's two services, by its demographics
    assert hud["10"].counts == {"also_education": 1}
    rows = writers.table_rows(report)
    assert rows[0] == ["section", "row", "count", "hud_grant"]
    assert ["9", "c. Prepurchase/homebuying", 3, 1] in rows
    assert report.as_dict()["hud_grant"]["9"]["total"] == 1
    # The plain report (and its CSV) keeps its shape.
    assert writers.table_rows(counting.build(eng, 2026, 2))[0] == ["section", "row", "count"]
