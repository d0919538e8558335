"""Staleness next to results on every page that uses dated figures, in English and Spanish: the figure
is named when it was checked over 12 months ago or none is on file for the day, and nothing is said when
it is current. Time is driven by a fixture rule table (a copy of the shipped tables with one row's dates
set relative to today), so the tests hold on any day."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

import calculators.rules as rules_pkg
from db.local_time import today_local
from i18n import format_date
from tests.app.conftest import app_test, visible_text

TODAY = today_local()
OLD = TODAY - dt.timedelta(days=400)  # checked over 12 months ago


@pytest.fixture
def rule_tables(tmp_path, monkeypatch):
    """A copy of the shipped rule tables the app reads instead; returns edit(name, pattern, replacement)."""
    root = tmp_path / "rules"
    shutil.copytree(rules_pkg.RULES_DIR, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setattr(rules_pkg, "RULES_DIR", root)
    rules_pkg.shipped.cache_clear()

    def edit(name: str, pattern: str, replacement: str) -> None:
        path = root / f"{name}.toml"
        text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), flags=re.S)
        assert count, f"{pattern!r} not found in {name}"
        path.write_text(text, encoding="utf-8")
        rules_pkg.shipped.cache_clear()

    yield edit
    rules_pkg.shipped.cache_clear()


def open_page(page, lang, **kwargs):
    at = app_test(page, lang=lang, **kwargs)
    assert not at.exception, [e.value for e in at.exception]
    return visible_text(at)


# ---- budget coach: the UN remittance-cost goal under the transfer comparison -------------------------

REMITTANCE = {
    "en": "The UN goal for transfer costs last checked {date}; verify with the World Bank's Remittance "
    "Prices Worldwide.",
    "es": "La meta de la ONU para el costo de los envíos: revisado por última vez el {date}; confírmelo con "
    "Remittance Prices Worldwide del Banco Mundial.",
}


def budget_text(lang):
    from i18n import gettext

    # the comparison opened, as a counselor opens it (it starts closed)
    state = {"budget_tab": gettext("Spending plan", lang), "budget_remittance_open": True}
    return open_page("app_pages/budget.py", lang, state=state)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_budget_names_the_remittance_goal_when_it_was_checked_over_a_year_ago(agency, rule_tables, lang):
    rule_tables("budget", r"verified_on = \d{4}-\d\d-\d\d", f"verified_on = {OLD.isoformat()}")
    assert REMITTANCE[lang].format(date=format_date(OLD, lang)) in budget_text(lang)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_budget_says_nothing_when_the_remittance_goal_is_current(agency, rule_tables, lang):
    rule_tables("budget", r"verified_on = \d{4}-\d\d-\d\d", f"verified_on = {TODAY.isoformat()}")
    text = budget_text(lang)
    assert REMITTANCE[lang].split("{date}")[0] not in text
    assert ("Goal set by the United Nations" if lang == "en" else "Naciones Unidas") in text  # panel shown


# ---- HUD-9902 and assistance: HUD's median, from which income levels and limits are worked out --------

MEDIAN_UNKNOWN = {
    "en": "HUD's area median income for the Washington metro area: no figure on file for this date; ask HUD "
    "(huduser.gov income limits) or a lead, who can add it on Program rules.",
    "es": "Ingreso mediano del área del HUD para la zona metropolitana de Washington: no tenemos la cifra "
    "para esta fecha. Consulte con el HUD (límites de ingreso en huduser.gov) o con un líder, que puede "
    "agregarla en Reglas de los programas.",
}
MEDIAN_ROW = re.compile(r"\[\[median\]\].*?(?=\n# HUD's household-size)")


def median_table(edit, *, ends: dt.date | None, verified: dt.date) -> None:
    """One median row from 2020, ending on `ends` (None: still in force), checked on `verified`."""
    end = f"effective_to = {ends.isoformat()}\n" if ends else ""
    edit(
        "ami",
        MEDIAN_ROW.pattern,
        '[[median]]\narea = "washington_metro"\nfiscal_year = 2020\nmedian_family_income = 150000\n'
        f"effective_from = 2020-01-01\n{end}"
        'source_url = "https://www.huduser.gov/portal/datasets/il.html"\n'
        f"verified_on = {verified.isoformat()}\n",
    )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_hud9902_says_the_median_is_unknown_when_the_year_has_none(agency, rule_tables, lang):
    median_table(rule_tables, ends=TODAY - dt.timedelta(days=10), verified=TODAY)
    text = open_page("app_pages/hud9902.py", lang, user=agency["users"]["lead"])
    assert MEDIAN_UNKNOWN[lang] in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_hud9902_says_nothing_when_the_median_is_current(agency, rule_tables, lang):
    median_table(rule_tables, ends=None, verified=TODAY)
    text = open_page("app_pages/hud9902.py", lang, user=agency["users"]["lead"])
    assert MEDIAN_UNKNOWN[lang].split(":")[0] not in text


@pytest.mark.parametrize(
    "lang,old",
    [
        ("en", "HUD's area median income for the Washington metro area last checked {date}; verify with HUD"),
        ("es", "Ingreso mediano del área del HUD para la zona metropolitana de Washington: revisado por "
         "última vez el {date}; confírmelo con el HUD"),
    ],
)
def test_assistance_names_an_old_median_and_an_unknown_one(agency, rule_tables, lang, old):
    median_table(rule_tables, ends=None, verified=OLD)
    assert old.format(date=format_date(OLD, lang)) in open_page("app_pages/assistance.py", lang)
    median_table(rule_tables, ends=TODAY - dt.timedelta(days=10), verified=TODAY)
    text = open_page("app_pages/assistance.py", lang)
    assert MEDIAN_UNKNOWN[lang] in text
    # programs whose limit is a percent of the median say the limit is unknown, never "over the limit"
    assert {
        "en": "The income limit for this area is not on file. Verify with the program.",
        "es": "No tenemos el límite de ingreso para esta área. Confírmelo con el programa.",
    }[lang] in text


# ---- tenant rights: a rule checked over a year ago is named with whom to ask -------------------------

DC_DEPOSIT = re.compile(r'(citation = "14 DCMR § 308\.2"\n.*?verified_on = )\d{4}-\d\d-\d\d')
DEPOSIT_OLD = {
    "en": "14 DCMR § 308.2 last checked {date}; verify with a tenant lawyer or the housing agency.",
    "es": "14 DCMR § 308.2: revisado por última vez el {date}; confírmelo con un abogado de inquilinos o "
    "la agencia de vivienda.",
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("checked,shown", [(OLD, True), (TODAY, False)])
def test_tenant_rights_names_an_old_rule_only(agency, rule_tables, lang, checked, shown):
    rule_tables("tenancy", DC_DEPOSIT.pattern, rf"\g<1>{checked.isoformat()}")
    query = {"tr_place": "dc", "tr_rent": "1500.0", "tr_deposit": "1500.0"}
    text = open_page("app_pages/tenant_rights.py", lang, query=query)
    assert (DEPOSIT_OLD[lang].format(date=format_date(checked, lang)) in text) is shown
    assert "14 DCMR § 308.2" in text  # the rule itself is always cited


# ---- budget coach, Debts tab: the FHA debt-to-income guideline behind "getting mortgage-ready" -------

FHA_DTI = re.compile(r'(loan_type = "fha"\nfront = 0\.31\nback = 0\.43\n.*?verified_on = )\d{4}-\d\d-\d\d')
DTI_OLD = {
    "en": "FHA debt-to-income guideline last checked {date}; verify with the lender.",
    "es": "La guía de deuda sobre ingreso de FHA: revisado por última vez el {date}; confírmelo con el "
    "prestamista.",
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("checked,shown", [(OLD, True), (TODAY, False)])
def test_budget_debts_names_an_old_dti_guideline_only(agency, rule_tables, lang, checked, shown):
    from i18n import gettext

    rule_tables("loans", FHA_DTI.pattern, rf"\g<1>{checked.isoformat()}")
    text = open_page("app_pages/budget.py", lang, state={"budget_tab": gettext("Debts", lang)})
    assert (DTI_OLD[lang].format(date=format_date(checked, lang)) in text) is shown
    assert ("Getting mortgage-ready" if lang == "en" else "hipoteca") in text  # the panel is there


# ---- affordability: DC's homestead deduction, missing for the tax year, is named next to the result ---

HOMESTEAD = re.compile(r"(\[\[homestead_deduction\]\]\n.*?effective_from = )\d{4}-\d\d-\d\d\neffective_to = \d{4}-\d\d-\d\d\n")
HOMESTEAD_UNKNOWN = {
    "en": "Homestead deduction: no figure on file for this date, so it was left out; ask the tax office.",
    "es": "Deducción por vivienda principal: no tenemos la cifra para esta fecha, así que no se incluyó. "
    "Consulte con la oficina de impuestos.",
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("in_force,shown", [(False, True), (True, False)])
def test_affordability_names_a_missing_homestead_amount_only(agency, rule_tables, lang, in_force, shown):
    start = (TODAY - dt.timedelta(days=400)).isoformat()
    ends = "" if in_force else f"effective_to = {(TODAY - dt.timedelta(days=10)).isoformat()}\n"
    rule_tables("property", HOMESTEAD.pattern, rf"\g<1>{start}\n{ends}")
    rule_tables("property", r'(tax_year = "TY2025"\n.*?verified_on = )\d{4}-\d\d-\d\d', rf"\g<1>{TODAY}")
    text = open_page("app_pages/affordability.py", lang)
    assert (HOMESTEAD_UNKNOWN[lang] in text) is shown
