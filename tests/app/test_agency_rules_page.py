"""Program rules page: a lead adds the agency's own figure, a bad one is refused field by field, the
calculators use a saved one from its date; and the roll-over panel shows what runs out. Both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.local_time import today_local
from db.models import AgencyRuleRow, AuditEvent
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/program_rules.py"
TODAY = today_local().isoformat()


def open_rules(agency, lang="en", role="lead"):
    at = app_test(PAGE, lang=lang, user=agency["users"][role])
    assert not at.exception, [e.value for e in at.exception]
    return at


def choose_dc_rent_allowance(at):
    at.selectbox(key="ar_file").set_value("tenancy").run()
    at.selectbox(key="ar_table_tenancy").set_value("rent_allowance").run()
    template = at.selectbox(key="ar_template_tenancy_rent_allowance")
    assert template.value == 0  # the latest row: DC, standard tenants, May 2026
    return "ar_tenancy_rent_allowance_0_"


def fill(at, prefix, **values):
    for name, value in values.items():
        at.text_input(key=prefix + name).set_value(value)
    at.button(key="ar_save").click().run()
    assert not at.exception, [e.value for e in at.exception]


def coverage_cells(at) -> set[str]:
    """The 'which figure' cells of the roll-over tables (the only four-column tables on the page)."""
    return {c for d in at.dataframe if d.value.shape[1] == 4 for c in d.value.iloc[:, 2]}


def saved_rows(engine):
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(AgencyRuleRow))


def test_a_lead_adds_the_next_dc_rent_figure_and_the_rent_calculator_uses_it(agency):
    at = open_rules(agency)
    prefix = choose_dc_rent_allowance(at)
    assert at.text_input(key=prefix + "rate").value == "0.041"  # prefilled from the shipped row
    assert at.text_input(key=prefix + "verified_on").value == ""  # the day of the check is never assumed
    fill(
        at,
        prefix,
        rate="0.045",
        index_rate="0.025",
        citation="RHC notice, rent control year 2027",
        effective_from="2027-05-01",
        effective_to="2028-05-01",
        verified_on=TODAY,
        source_url="https://ota.dc.gov/page/rent-control",
    )
    text = visible_text(at)
    assert "Saved. The calculators use this figure from May 1, 2027." in text
    assert "set by your agency" in text
    assert saved_rows(agency["engine"]) == 1
    with Session(agency["engine"]) as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "agency_rule_add")).one()
    assert (event.user_id, event.entity, event.detail) == (
        agency["users"]["lead"]["id"],
        "agency_rule_row",
        "tenancy.rent_allowance",
    )
    # on the next run the rules table shows the row as the agency's
    at.run()
    frames = [d.value for d in at.dataframe if "Set by" in d.value.columns]
    assert any("your agency" in set(f["Set by"]) for f in frames)

    query = {"tr_place": "dc", "tr_old_rent": "1000.0", "tr_new_rent": "1040.0"}
    calc = app_test("app_pages/tenant_rights.py", lang="es", query={**query, "tr_increase_date": "2027-06-01"})
    assert "Este aumento (4.0%) está dentro del límite de 4.5%." in visible_text(calc)
    calc = app_test("app_pages/tenant_rights.py", lang="en", query={**query, "tr_increase_date": "2026-06-01"})
    assert "This increase (4.0%) is within the limit of 4.1%." in visible_text(calc)  # shipped row before it


@pytest.mark.parametrize(
    "lang,messages",
    [
        (
            "en",
            [
                "Please enter a number.",
                "Please fill in this field.",
                "Enter the web address of the source, starting with https://.",
                "Use one of the values the table already has.",
                "The end date must be after the start date.",
                "Nothing was saved. Correct the fields marked in red.",
            ],
        ),
        (
            "es",
            [
                "Por favor, escriba un número.",
                "Por favor, llene este dato.",
                "Escriba la dirección web de la fuente, que empieza con https://.",
                "Use uno de los valores que ya tiene la tabla.",
                "La fecha final debe ser después de la fecha de inicio.",
                "No se guardó nada. Corrija los campos marcados en rojo.",
            ],
        ),
    ],
)
def test_a_bad_row_is_refused_field_by_field_and_nothing_is_saved(agency, lang, messages):
    at = open_rules(agency, lang=lang, role="admin")
    prefix = choose_dc_rent_allowance(at)
    fill(
        at,
        prefix,
        rate="four percent",
        jurisdiction="narnia",
        effective_from="2027-05-01",
        effective_to="2027-01-01",
        verified_on="",
        source_url="ftp://example.org",
    )
    errors = [e.value for e in at.error]
    for message in messages:
        assert message in errors
    assert saved_rows(agency["engine"]) == 0
    assert not [s for s in at.success if "Saved" in s.value or "guard" in s.value]


@pytest.mark.parametrize(
    "lang,missing,ending",
    [
        ("en", "No figure for June 1, 2027 in", "figures end soon (within 60 days)"),
        ("es", "No hay cifra para el 1 de junio de 2027 en", "cifras terminan pronto (en 60 días o menos)"),
    ],
)
def test_the_roll_over_panel_names_what_runs_out(agency, lang, missing, ending):
    at = open_rules(agency, lang=lang)
    at.date_input(key="rules_cov_on").set_value(dt.date(2027, 6, 1)).run()
    assert missing in visible_text(at)
    assert "jurisdiction=dc group=standard" in coverage_cells(at)
    at.date_input(key="rules_cov_on").set_value(dt.date(2026, 12, 5)).run()
    assert ending in visible_text(at)
    assert any(cell.startswith("program=fha") for cell in coverage_cells(at))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_next_hud_median_starts_where_the_last_ended_and_the_calculators_use_it(agency, lang):
    """FY2026's median was not found when the tables shipped: a lead adds it from HUD, and the
    assistance screen has a percent of the median again instead of 'unknown'."""
    from calculators.assistance.screen import screen
    from calculators.rules import overlay as rules_overlay
    from db import agency_rules

    at = open_rules(agency, lang)
    at.selectbox(key="ar_file").set_value("ami").run()
    at.selectbox(key="ar_table_ami").set_value("median").run()
    start = at.selectbox(key="ar_template_ami_median").value
    prefix = f"ar_ami_median_{start}_"
    # the new row starts the day FY2025's ended; its end and the day of the check are left to the lead
    assert at.text_input(key=prefix + "effective_from").value == "2026-04-01"
    assert at.text_input(key=prefix + "effective_to").value == ""
    assert at.text_input(key=prefix + "verified_on").value == ""
    fill(
        at,
        prefix,
        fiscal_year="2026",
        median_family_income="170000",
        note="",
        source_url="https://www.huduser.gov/portal/datasets/il/il2026/2026summary.odn",
        verified_on=TODAY,
    )
    assert saved_rows(agency["engine"]) == 1
    household = {
        "jurisdiction": "dc",
        "household_size": 4,
        "annual_household_income": 85_000,
        "liquid_assets": 5_000,
        "first_time_buyer": True,
        "id_type": "ssn",
        "residency": "citizen",
        "credit_score": 700,
    }
    with rules_overlay.use(agency_rules.overlay(agency["engine"])):
        hpap = next(r for r in screen(household, None, "2026-12-05") if r["program"] == "dc_hpap")
    assert hpap["ami_percent"] == pytest.approx(50.0) and "income_limit_unknown" not in hpap["reasons"]
