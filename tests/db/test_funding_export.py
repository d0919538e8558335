"""The client-level HUD export carries the session's fee and, when the counselor set no HUD grant on the
case, the grant its funding names (SQLite and PostgreSQL); the XML still validates against HUD's XSD."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from db import activity, funding, households, hud_client
from reports import hud_arm
from reports.hud_arm import serializer
from tests.db.test_hud_client import ANSWERS, NS


@pytest.mark.parametrize(
    ("paid", "grant_id"),
    [("hud_source", "1"), ("county", "7"), ("none", "7")],  # ARM group 19: 1 MMMS ... 7 N/A
)
def test_export_takes_fee_and_grant_from_the_session(agency, paid, grant_id):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    admin = agency["users"]["admin"]
    sources = {
        "hud_source": ("hud", funding.add_source(eng, admin, name_en="HUD MMMSA", hud_grant="mmmsa")),
        "county": ("grant", funding.add_source(eng, admin, name_en="County fund")),
        "none": ("none", None),
    }
    kind, source = sources[paid]
    activity.add_session(eng, user, hid, session_date=dt.date(2026, 10, 6), purpose="prepurchase",
                         start_time=dt.time(10, 0), funding=kind, funding_source_id=source, fee=35)
    hud_client.save_profile(eng, user, hid, 0, ANSWERS)
    households.update(eng, user, hid, households.current(eng, user, hid)["version"], {"ethnicity": "hispanic"})
    assert hud_arm.household_gaps(eng, user, hid) == []  # no HUD grant typed on the case: the session says it
    result = hud_arm.client_export(eng, user, 2027, 1)
    tree = etree.fromstring(result.xml)
    schema = etree.XMLSchema(etree.parse(str(serializer.load_layout().schema_path)))
    assert schema.validate(tree), schema.error_log
    assert tree.find(".//tns:Client_Counseling_Fee", NS).text == "35"
    assert tree.find(".//tns:Client_Attribute_HUD_Grant", NS).text == grant_id


def test_hud_grant_without_a_named_source_is_still_asked(agency):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.add_session(eng, user, hid, session_date=dt.date(2026, 10, 6), purpose="prepurchase",
                         start_time=dt.time(10, 0), funding="hud", fee=0)
    assert "hud_grant" in {g.source for g in hud_arm.household_gaps(eng, user, hid)}
