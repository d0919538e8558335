"""HUD client fields and cases on SQLite and PostgreSQL: not asked yet, races kept, scope, audit, export."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from calculators import InputError
from db import activity, households, hud_client
from db.scope import AccessDenied
from reports import hud_arm
from reports.hud9902 import counting
from reports.hud_arm import serializer
from tests.factories import audit_actions

NS = {"tns": "http://gov.hud.arm/client_profile_databag_5_0"}
ANSWERS = {
    "street": "1400 Columbia Rd NW",
    "city": "Washington",
    "state": "dc",
    "zip_code": "20009",
    "races": ["white", "asian"],
    "gender": "female",
    "marital_status": "married",
    "head_of_household": "married_with_dependents",
    "education": "high_school",
    "dependents": 2,
    "disabled": "no",
    "farm_worker": "no",
    "colonias_resident": "no",
    "discrimination_victim": "no",
    "hud_assistance": "none",
    "referred_by": "agency_outreach",
    "spoken_language": "es",
    "monthly_debt": 350,
    "job_months": 26,
    "credit_score": None,
    "no_credit_score_reason": "refused_pull",
}


def test_old_records_are_not_asked_yet_never_guessed(agency):
    profile = hud_client.get_profile(
        agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    )
    assert profile.version == 0
    assert profile.marital_status == "" and profile.dependents is None and profile.races == []


def test_save_keeps_every_race_sets_hud_race_and_audits(agency):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    version = hud_client.save_profile(eng, user, hid, 0, ANSWERS)
    profile = hud_client.get_profile(eng, user, hid)
    assert profile.version == version == 1
    assert profile.races == ["asian", "white"]  # HUD's order, both kept
    assert profile.state == "DC" and profile.monthly_debt == 350.0
    assert households.current(eng, user, hid)["race"] == "multiple"  # the 9902's "more than one race"
    assert "hud_profile_updated" in audit_actions(eng, hid)
    hud_client.save_profile(eng, user, hid, version, {"races": ["black"]})
    assert households.current(eng, user, hid)["race"] == "black"


def test_a_stale_copy_is_refused_and_nothing_is_written(agency):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    hud_client.save_profile(eng, user, hid, 0, {"city": "Washington"})
    with pytest.raises(hud_client.ProfileConflict) as conflict:
        hud_client.save_profile(eng, user, hid, 0, {"city": "Hyattsville"})
    assert conflict.value.current.city == "Washington"
    assert hud_client.get_profile(eng, user, hid).city == "Washington"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"zip_code": "2000"}, "bad_zip", "zip_code"),
        ({"state": "ZZ"}, "invalid_choice", "state"),
        ({"marital_status": "engaged"}, "invalid_choice", "marital_status"),
        ({"races": ["white", "not_reported"]}, "races_with_not_reported", "races"),
        ({"races": ["martian"]}, "invalid_choice", "races"),
        ({"dependents": 21}, "out_of_range", "dependents"),
        ({"credit_score": 900}, "out_of_range", "credit_score"),
        ({"monthly_debt": -5}, "negative_amount", "monthly_debt"),
        ({"city": "x" * 51}, "too_long", "city"),
        (
            {"credit_score": 700, "no_credit_score_reason": "other"},
            "score_and_reason",
            "no_credit_score_reason",
        ),
        ({"ssn": "123"}, "unknown_field", "ssn"),
    ],
)
def test_bad_answers_name_the_field_and_save_nothing(agency, changes, code, field):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    with pytest.raises(InputError) as err:
        hud_client.save_profile(eng, user, hid, 0, {"city": "Washington", **changes})
    assert (err.value.code, err.value.field) == (code, field)
    assert hud_client.get_profile(eng, user, hid).version == 0


def test_other_offices_and_trainers_cannot_read_or_write(agency):
    eng, hid = agency["engine"], agency["households"]["north"]
    for user in (agency["users"]["counselor_south"], agency["users"]["trainer"]):
        with pytest.raises(AccessDenied):
            hud_client.get_profile(eng, user, hid)
        with pytest.raises(AccessDenied):
            hud_client.save_profile(eng, user, hid, 0, {"city": "Washington"})


def test_a_case_per_purpose_with_number_and_the_file_s_termination(agency):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.add_session(eng, user, hid, session_date=dt.date(2026, 10, 6), purpose="prepurchase")
    activity.add_session(eng, user, hid, session_date=dt.date(2026, 10, 20), purpose="rental")
    activity.add_session(eng, user, hid, session_date=dt.date(2026, 11, 3), purpose="prepurchase")
    cases = hud_client.cases_for(eng, user, hid)
    assert [(c.purpose, c.case_number, c.opened_on, c.termination) for c in cases] == [
        ("prepurchase", f"{hid}03", dt.date(2026, 10, 6), ""),
        ("rental", f"{hid}02", dt.date(2026, 10, 20), ""),
    ]
    hud_client.set_case(
        eng,
        user,
        cases[1].id,
        termination="referred_elsewhere",
        terminated_on=dt.date(2026, 11, 1),
        hud_grant="none",
    )
    activity.close(eng, user, hid, "goal_reached", dt.date(2026, 11, 20))
    after = {c.purpose: c for c in hud_client.cases_for(eng, user, hid)}
    assert (after["rental"].termination, after["rental"].hud_grant) == ("referred_elsewhere", "none")
    assert (after["prepurchase"].termination, after["prepurchase"].terminated_on) == (
        "goal_reached",
        dt.date(2026, 11, 20),
    )
    with pytest.raises(InputError):
        hud_client.set_case(eng, user, cases[0].id, termination="done", terminated_on=None, hud_grant="")


def test_readiness_lists_what_is_missing_then_nothing(agency):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    assert [g.source for g in hud_arm.household_gaps(eng, user, hid)] == ["purpose"]
    activity.add_session(
        eng, user, hid, session_date=dt.date(2026, 10, 6), purpose="prepurchase", start_time=dt.time(10, 0)
    )
    missing = {g.source for g in hud_arm.household_gaps(eng, user, hid)}
    assert {"city", "marital_status", "hud_grant", "credit_score", "dependents"} <= missing
    hud_client.save_profile(eng, user, hid, 0, ANSWERS)
    households.update(
        eng, user, hid, households.current(eng, user, hid)["version"], {"ethnicity": "hispanic"}
    )
    case = hud_client.cases_for(eng, user, hid)[0]
    hud_client.set_case(eng, user, case.id, termination="", terminated_on=None, hud_grant="comprehensive")
    assert hud_arm.household_gaps(eng, user, hid) == []


def test_export_is_valid_xml_for_ready_households_lists_the_rest_and_is_scoped(agency):
    eng, user = agency["engine"], agency["users"]["counselor"]
    ready, unready = (
        agency["households"]["north"],
        households.create(eng, user, {"display_name": "Otra Familia", "counseling_purpose": "rental"}),
    )
    for hid in (ready, unready):
        activity.add_session(
            eng,
            user,
            hid,
            session_date=dt.date(2026, 10, 6),
            purpose="prepurchase",
            start_time=dt.time(10, 0),
        )
    hud_client.save_profile(eng, user, ready, 0, ANSWERS)
    households.update(
        eng, user, ready, households.current(eng, user, ready)["version"], {"ethnicity": "hispanic"}
    )
    case = hud_client.cases_for(eng, user, ready)[0]
    hud_client.set_case(eng, user, case.id, termination="", terminated_on=None, hud_grant="comprehensive")
    result = hud_arm.client_export(eng, user, 2027, 1)
    schema = etree.XMLSchema(etree.parse(str(serializer.load_layout().schema_path)))
    tree = etree.fromstring(result.xml)
    assert schema.validate(tree), schema.error_log
    assert [e.text for e in tree.findall(".//tns:Client_ID_Num", NS)] == [str(ready)]
    assert tree.find(".//tns:Client_Race_ID", NS).text == "8"  # Asian and White, both kept
    assert set(result.left_out) == {unready}
    assert "city" in {g.source for g in result.left_out[unready]}
    south = hud_arm.client_export(eng, agency["users"]["counselor_south"], 2027, 1)
    assert south.included == 0 and not south.left_out
    report = counting.build(eng, 2027, 1)
    assert report.sections["4"].counts.get("multiple") == 1


def test_demo_caseload_has_hud_answers_some_not_asked_and_a_valid_export(engine):
    from sqlalchemy import select

    from db import accounts, seed
    from db.engine import reading
    from db.models import Household, HudCase, HudClientProfile, User

    seed.generate(engine, households=60, seed=7, today=dt.date(2026, 12, 1))
    with reading(engine) as s:
        races = {hid: race for hid, race in s.execute(select(Household.id, Household.race))}
        profiles = {p.household_id: p for p in s.scalars(select(HudClientProfile))}
        grants = set(s.scalars(select(HudCase.hud_grant)))
    assert 0 < len(profiles) < len(races)  # some households were never asked: they stay so
    for hid, profile in profiles.items():
        chosen = [r for r in profile.races.split(",") if r]
        assert not chosen or hud_client.race_summary(chosen) == races[hid]
    assert grants == {"comprehensive", ""}
    with reading(engine) as s:  # the demo's own administrator: every query checks the account is live
        admin = accounts.user_dict(s.scalars(select(User).where(User.role == "admin")).first())
    result = hud_arm.client_export(engine, admin, 2027, 1)
    schema = etree.XMLSchema(etree.parse(str(serializer.load_layout().schema_path)))
    assert result.included > 0 and result.left_out
    assert schema.validate(etree.fromstring(result.xml)), schema.error_log
