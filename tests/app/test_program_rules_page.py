"""Program rules page: leads and admins see every rule table with dates, sources and 'verify' flags."""

from __future__ import annotations

import pytest

from calculators.rules import all_rule_files, is_stale, load
from tests.app.conftest import app_test, visible_text

PAGE = "app_pages/program_rules.py"


def stale_total():
    return sum(
        is_stale(r) for n in all_rule_files() for t, rows in load(n).items() if t != "meta" for r in rows
    )


@pytest.mark.parametrize(
    "role,lang,warning,hpap",
    [
        (
            "lead",
            "en",
            "{n} rules were checked more than 12 months ago. Verify them with the source.",
            "Down payment help: DC HPAP (assistance/dc_hpap)",
        ),
        (
            "admin",
            "es",
            "{n} reglas se revisaron hace más de 12 meses. Confírmelas con la fuente.",
            "Ayuda para el pago inicial: DC HPAP (assistance/dc_hpap)",
        ),
    ],
)
def test_every_rule_file_is_listed_with_its_old_checks_counted(agency, role, lang, warning, hpap):
    at = app_test(PAGE, lang=lang, user=agency["users"][role])
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert len(labels) == len(all_rule_files())
    assert any(label.startswith(hpap) for label in labels)
    assert warning.format(n=stale_total()) in [w.value for w in at.warning]


def test_a_rows_source_and_dates_are_shown(agency):
    at = app_test(PAGE, lang="en", user=agency["users"]["lead"])
    frames = [d.value for d in at.dataframe if "Source" in d.value.columns]  # the rule tables
    sources = {s for f in frames for s in f["Source"]}
    assert "https://dhcd.dc.gov/service/home-purchase-assistance-program-hpap" in sources
    flags = [flag for f in frames for flag in f["Verify: over 12 months old"]]
    assert "⚠" in flags


def test_only_files_to_verify_filter(agency):
    at = app_test(PAGE, lang="en", user=agency["users"]["lead"])
    at.toggle(key="rules_only_old").set_value(True).run()
    assert all("to verify" in e.label for e in at.expander)


@pytest.mark.parametrize("role", [None, "counselor"])
def test_others_do_not_see_the_rules(agency, role):
    user = agency["users"][role] if role else None
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import ROOT

    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=30)
    if user:
        at.session_state["user"] = dict(user)
        import time

        at.session_state["last_activity"] = time.time()
    at.run()
    assert "Please log in with an account that has access to this page." in visible_text(at)
    assert not at.expander
