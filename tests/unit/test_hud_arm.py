"""HUD ARM client profile: code table, one mapping per list, table-driven XML valid against HUD's XSD."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest
from lxml import etree

from db import codes, hud_codes
from reports.hud_arm import codes as arm_codes
from reports.hud_arm import readiness, serializer
from reports.hud_arm.records import ClientRecord

NS = {"tns": "http://gov.hud.arm/client_profile_databag_5_0"}


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(serializer.load_layout().schema_path)))


def complete(**overrides) -> ClientRecord:
    values = dict(
        household_id=1234,
        case_number="123403",
        purpose="prepurchase",
        activity_type="all_counseling",
        hud_grant="comprehensive",
        termination="ongoing",
        street="1400 Columbia Rd NW",
        city="Washington",
        state="DC",
        zip_code="20009",
        phone="(202) 555-0142",
        email="rosa@example.org",
        household_size=3,
        gender="female",
        marital_status="married",
        races=("white",),
        ethnicity="hispanic",
        monthly_income=4333.33,
        head_of_household="married_with_dependents",
        counselor_id=7,
        education="high_school",
        farm_worker="no",
        rural="not_rural",
        limited_english="lep",
        colonias_resident="no",
        hud_assistance="none",
        disabled="no",
        dependents=1,
        intake_date=dt.date(2026, 10, 2),
        session_start=dt.datetime(2026, 10, 9, 9, 30),
        session_end=dt.datetime(2026, 10, 9, 10, 30),
        spoken_language="es",
        session_minutes=60,
        session_mode="in_person",
        first_time_buyer=True,
        discrimination_victim="no",
        referred_by="agency_outreach",
        job_months=30,
        credit_score=640,
        credit_score_source="experian",
        no_credit_score_reason="",
        monthly_debt=420.0,
        income_band="50_79",
        outcomes=("budget_developed", "emergency_plan"),
    )
    values.update(overrides)
    return ClientRecord(**values)


def test_the_sdk_sample_validates_so_the_schema_check_can_fail_and_pass(schema):
    sample = etree.parse(str(arm_codes.SDK / "testClientProfileData.xml"))
    assert schema.validate(sample)
    profile = sample.find(".//tns:Client_Profile", NS)
    profile.remove(profile.find("tns:Client_City", NS))
    assert not schema.validate(sample)


def test_code_table_reads_every_list_of_referencedata():
    table = arm_codes.CodeTable.load()
    assert len(table.groups) == 38
    assert table.group_names[34] == "Head of Household Types"
    assert table.find(20, "< 30% of Area Median Income (AMI)") == 7  # entity unescaped
    with pytest.raises(KeyError):
        table.find(6, "Engaged")


CAMINO_LISTS = {
    "gender": hud_codes.GENDER,
    "marital_status": hud_codes.MARITAL_STATUS,
    "head_of_household": hud_codes.HEAD_OF_HOUSEHOLD,
    "education": hud_codes.EDUCATION,
    "yes_no": hud_codes.YES_NO,
    "hud_assistance": hud_codes.HUD_ASSISTANCE,
    "referred_by": hud_codes.REFERRED_BY,
    "spoken_language": hud_codes.SPOKEN_LANGUAGE,
    "credit_score_source": hud_codes.CREDIT_SCORE_SOURCE,
    "no_credit_score_reason": hud_codes.NO_CREDIT_SCORE_REASON,
    "hud_grant": hud_codes.HUD_GRANT,
    "activity_type": hud_codes.CASE_ACTIVITY_TYPE,
    "ethnicity": codes.ETHNICITY,
    "race": codes.RACE,
    "rural": codes.RURAL,
    "limited_english": codes.LIMITED_ENGLISH,
    "income_band": codes.INCOME_BAND,
    "purpose": codes.COUNSELING_PURPOSE,
    "session_mode": codes.SESSION_MODE,
    "termination": ("ongoing", *codes.CLOSE_REASON),
    "outcome": codes.OUTCOME,
}


@pytest.mark.parametrize("name", sorted(CAMINO_LISTS))
def test_every_camino_value_is_mapped(name):
    mapping = arm_codes.mappings()[name]
    assert set(CAMINO_LISTS[name]) <= set(mapping.values), name


@pytest.mark.parametrize(
    ("list_name", "value", "hud"),
    [
        ("marital_status", "married", "2"),
        ("marital_status", "not_reported", "7"),
        ("head_of_household", "female_single_parent", "2"),
        ("education", "graduate_school", "7"),
        ("spoken_language", "es", "20"),
        ("spoken_language", "en", "19"),
        ("spoken_language", "ht", "25"),
        ("hud_assistance", "none", "8"),
        ("referred_by", "another_agency", "6"),
        ("income_band", "below_30", "7"),
        ("income_band", "not_reported", "12"),
        ("termination", "ongoing", "1"),
        ("termination", "no_contact", "5"),
        ("hud_grant", "none", "7"),
        ("purpose", "reverse_delinquency", "11"),
        ("purpose", "disaster_recovery", ""),
        ("state", "DC", "10"),
        ("state", "MD", "25"),
        ("state", "VA", "54"),
    ],
)
def test_mapping_gives_hud_code_ids(list_name, value, hud):
    assert arm_codes.mappings()[list_name].code(value) == hud


@pytest.mark.parametrize(
    ("races", "hud"),
    [
        (("white",), "6"),
        (("asian",), "3"),
        (("american_indian", "white"), "7"),
        (("asian", "white"), "8"),
        (("black", "white"), "9"),
        (("american_indian", "black"), "10"),
        (("asian", "black"), "11"),
        (("american_indian", "asian", "white"), "11"),
        (("multiple",), "11"),
        (("not_reported",), "12"),
    ],
)
def test_every_race_chosen_gets_hud_s_line(races, hud, schema):
    out = serializer.export([complete(races=races)])
    assert out.included == 1
    tree = etree.fromstring(out.xml)
    assert tree.find(".//tns:Client_Race_ID", NS).text == hud
    assert schema.validate(tree)


def test_complete_record_is_valid_xml_in_the_sdk_layout_and_csv(schema):
    out = serializer.export([complete(), complete(household_id=99, case_number="9901", races=("black",))])
    tree = etree.fromstring(out.xml)
    assert schema.validate(tree), schema.error_log
    profiles = tree.findall(".//tns:Client_Profile", NS)
    assert len(profiles) == 2
    first = profiles[0]
    assert first.find("tns:Client_State", NS).text == "10"
    assert first.find("tns:Client_Phone_Num", NS).text == "202-555-0142"
    assert first.find("tns:Client_Household_Gross_Monthly_Income", NS).text == "4333"
    assert first.find("tns:Client_Counsel_Start_Session_DateTime", NS).text == "10-09-2026 09:30"
    assert first.find("tns:Client_Intake_DT", NS).text == "10-02-2026"
    assert first.find("tns:Client_Language_Spoken", NS).text == "20"
    # the FY2022 emergency-plan outcome has no 5.0 impact: only the budget one is written
    assert [i.text for i in first.findall("tns:Client_Impacts/tns:Client_Impact", NS)] == ["3"]
    assert first.find("tns:Client_SSN1", NS) is None
    rows = list(csv.DictReader(io.StringIO(out.csv)))
    assert [r["Client_ID_Num"] for r in rows] == ["1234", "99"]
    assert rows[0]["Client_Marital_Status"] == "2"
    assert rows[1]["Client_Race_ID"] == "4"


@pytest.mark.parametrize(
    ("override", "field", "reason"),
    [
        ({"marital_status": ""}, "marital_status", "missing"),
        ({"city": ""}, "city", "missing"),
        ({"zip_code": ""}, "zip_code", "missing"),
        ({"dependents": None}, "dependents", "missing"),
        ({"monthly_debt": None}, "monthly_debt", "missing"),
        ({"races": ()}, "races", "missing"),
        ({"hud_grant": ""}, "hud_grant", "missing"),
        ({"purpose": "disaster_recovery"}, "purpose", "no_hud_code"),
        ({"session_start": None}, "session_start", "missing"),
    ],
)
def test_a_record_missing_a_required_value_is_left_out_and_says_why(override, field, reason, schema):
    out = serializer.export([complete(**override), complete(household_id=55, case_number="5503")])
    assert out.included == 1
    assert [(g.source, g.reason) for g in out.left_out[1234]] == [(field, reason)]
    assert schema.validate(etree.fromstring(out.xml))


def test_nothing_ready_gives_a_valid_empty_submission(schema):
    out = serializer.export([complete(city="")])
    assert out.included == 0
    assert schema.validate(etree.fromstring(out.xml))


def test_readiness_words_a_missing_session_once_and_applies_the_credit_rules():
    no_session = complete(session_start=None, session_end=None, session_minutes=None, session_mode="")
    assert readiness.fields_missing(readiness.record_gaps(no_session)) == ["session"]
    no_score = complete(credit_score=None, credit_score_source="")
    assert readiness.fields_missing(readiness.record_gaps(no_score)) == ["credit_score"]
    no_source = complete(credit_score_source="")
    assert readiness.fields_missing(readiness.record_gaps(no_source)) == ["credit_score_source"]
    assert readiness.record_gaps(complete()) == []
    assert readiness.fields_missing(readiness.household_gaps(5, [])) == ["purpose"]


def test_the_layout_is_data_a_different_table_writes_a_different_file(tmp_path):
    layout = serializer.load_layout()
    fewer = dataclasses.replace(
        layout, elements=tuple(e for e in layout.elements if e.name != "Client_Email")
    )
    out = serializer.export([complete()], fewer)
    assert b"Client_Email" not in out.xml
    assert b"Client_Email" in serializer.export([complete()]).xml
    bad = tmp_path / "elements.toml"
    bad.write_text(
        'namespace = "x"\nschema = "s.xsd"\nroot = "R"\ncontainer = "C"\nrecord = "P"\n'
        'element = [{ name = "A", source = "no_such_field", kind = "int" }]\n'
    )
    with pytest.raises(ValueError, match="no_such_field"):
        serializer.load_layout(bad)


def test_every_state_camino_accepts_has_a_hud_code():
    from db.hud_client import US_STATES

    state = arm_codes.mappings()["state"]
    assert all(state.code(code) for code in US_STATES)
