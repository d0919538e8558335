"""Agency rule rows in the database: only leads and admins, checked per table kind, all or nothing,
audited, read back as an overlay the calculators use, exported as TOML in the shipped format."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from sqlalchemy import func, select

from calculators.affordability.price import analyze
from calculators.rules import validate_rows
from calculators.rules.overlay import use
from db import agency_rules
from db.engine import reading
from db.models import AgencyRuleRow, AuditEvent

FHA_2027 = {
    "program": "fha",
    "jurisdictions": "dc, montgomery_md, prince_georges_md, arlington_va, fairfax_va, alexandria_va",
    "amount": "1290000",
    "citation": "HUD Mortgagee Letter for 2027",
    "effective_from": "2027-01-01",
    "effective_to": "2028-01-01",
    "source_url": "https://www.hud.gov/program_offices/administration/hudclips/letters/mortgagee",
    "verified_on": "2026-12-05",
}


def count(engine, model) -> int:
    with reading(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(
    "changes,errors",
    [
        ({"amount": "lots"}, {"amount": "not_a_number"}),
        ({"amount": "-5"}, {"amount": "negative_amount"}),
        ({"program": "jumbo"}, {"program": "unknown_choice"}),
        ({"source_url": ""}, {"source_url": "required"}),
        ({"verified_on": "2099-01-01"}, {"verified_on": "checked_in_the_future"}),
        ({"effective_from": "Jan 1"}, {"effective_from": "not_a_date"}),
        ({"effective_to": "2026-06-01"}, {"effective_to": "ends_before_it_starts"}),
        ({"color": "blue"}, {"color": "unknown_field"}),
        ({"amount": "x", "verified_on": ""}, {"amount": "not_a_number", "verified_on": "required"}),
    ],
)
def test_a_bad_row_is_refused_field_by_field_and_nothing_is_saved(agency, changes, errors):
    with pytest.raises(agency_rules.AgencyRowRefused) as refused:
        agency_rules.add_row(
            agency["engine"], agency["users"]["lead"], "loans", "loan_limit", {**FHA_2027, **changes}
        )
    assert refused.value.errors == errors
    assert count(agency["engine"], AgencyRuleRow) == 0
    with reading(agency["engine"]) as s:
        assert not s.scalars(select(AuditEvent).where(AuditEvent.action == "agency_rule_add")).all()


@pytest.mark.parametrize("role", ["counselor", "trainer"])
def test_only_leads_and_admins_add_rows(agency, role):
    with pytest.raises(agency_rules.AgencyRowRefused) as refused:
        agency_rules.add_row(agency["engine"], agency["users"][role], "loans", "loan_limit", FHA_2027)
    assert refused.value.errors == {"_role": "not_allowed"}
    assert count(agency["engine"], AgencyRuleRow) == 0


def test_a_saved_row_is_audited_used_from_its_date_and_exported_in_the_shipped_format(agency):
    engine = agency["engine"]
    row_id = agency_rules.add_row(engine, agency["users"]["admin"], "loans", "loan_limit", FHA_2027)
    with reading(engine) as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "agency_rule_add")).one()
    assert (event.entity, event.entity_id, event.user_id) == (
        "agency_rule_row",
        row_id,
        agency["users"]["admin"]["id"],
    )

    scenario = {
        "loan_type": "fha",
        "annual_rate": 0.065,
        "gross_monthly_income": 60_000.0,
        "credit_score": 700,
    }
    scenario.update(price=1_350_000.0, down_payment=47_250.0, as_of="2027-03-01")  # base loan $1,302,750
    codes = {i["code"] for i in analyze(scenario)["issues"]}
    assert "loan_limit_unknown" in codes and "loan_over_limit" not in codes  # no 2027 figure shipped
    with use(agency_rules.overlay(engine)):
        result = analyze(scenario)
        limit = next(a for a in result["assumptions"] if a["field"] == "loan_limit")
        assert (limit["value"], limit["set_by_agency"]) == (1_290_000, True)
        assert "loan_over_limit" in {i["code"] for i in result["issues"]}  # over the agency's $1,290,000
    text = agency_rules.export_toml(engine)
    data = tomllib.loads(text)
    assert validate_rows("loans", data) == []
    assert data["loan_limit"][0]["amount"] == 1290000
    assert data["loan_limit"][0]["effective_from"] == dt.date(2027, 1, 1)
    assert "set_by_agency" not in text and "[[loan_limit]]" in text
