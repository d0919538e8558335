"""Tenant-rights content and its linter: every item bilingual, cited, sourced and dated; nothing expired shown."""

from __future__ import annotations

import copy
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from curricula import tenant_rights as tr

ROOT = Path(__file__).resolve().parents[2]
RESEARCH = ROOT.parent / "shared" / "research" / "tenant-rights-and-budgeting.md"
REQUIRED_TOPICS = {
    "dc": {
        "before_signing",
        "move_in",
        "security_deposit",
        "repairs",
        "rent_increase",
        "eviction_notice",
        "lockout_utilities",
        "discrimination",
        "language_access",
        "topa",
    },
    "montgomery_md": {
        "security_deposit",
        "repairs",
        "rent_increase",
        "eviction_notice",
        "lockout_utilities",
        "discrimination",
        "language_access",
        "before_signing",
        "move_in",
    },
    "prince_georges_md": {
        "security_deposit",
        "repairs",
        "rent_increase",
        "eviction_notice",
        "lockout_utilities",
        "discrimination",
        "language_access",
        "before_signing",
        "move_in",
    },
    "virginia": {
        "before_signing",
        "move_in",
        "security_deposit",
        "repairs",
        "rent_increase",
        "eviction_notice",
        "lockout_utilities",
        "discrimination",
        "language_access",
    },
}


def test_shipped_content_has_no_lint_problems(capsys):
    report = tr.lint()
    for warning in report.warnings:  # reading-level warnings are printed, never fatal
        print(f"warning: {warning}")
    assert report.problems == []


def test_at_least_sixty_items_with_unique_ids():
    items = tr.all_items()
    assert len(items) >= 60
    assert len({i["id"] for i in items}) == len(items)


@pytest.mark.parametrize("jurisdiction", sorted(REQUIRED_TOPICS))
def test_each_jurisdiction_covers_its_topics(jurisdiction):
    shown = {i["topic"] for i in tr.checklists("2026-11-27")[jurisdiction]["items"]}
    assert REQUIRED_TOPICS[jurisdiction] <= shown


def test_local_notes_for_takoma_park_and_northern_virginia():
    mc = tr.checklists("2026-11-27")["montgomery_md"]["items"]
    va = tr.checklists("2026-11-27")["virginia"]["items"]
    assert any(i.get("local") == "takoma_park_md" for i in mc)
    assert any(i.get("local") == "arlington_va" for i in va)


# item id, day, shown?
EFFECTIVE_WINDOWS = [
    ("dc-evict-nonpayment-30", "2025-12-30", True),
    ("dc-evict-nonpayment-30", "2025-12-31", False),
    ("dc-evict-nonpayment-10", "2025-12-30", False),
    ("dc-evict-nonpayment-10", "2025-12-31", True),
    ("md-deposit-cap-two-months", "2024-09-30", True),
    ("md-deposit-cap-two-months", "2024-10-01", False),
    ("md-deposit-cap", "2024-10-01", True),
    ("va-evict-five-day", "2026-06-30", True),
    ("va-evict-fourteen-day", "2026-06-30", False),
    ("va-evict-fourteen-day", "2026-07-01", True),
    ("tp-rent-cap", "2026-07-01", False),
    ("tp-rent-cap-current", "2026-07-01", True),
]


@pytest.mark.parametrize("item_id,day,shown", EFFECTIVE_WINDOWS)
def test_items_shown_only_while_in_force(item_id, day, shown):
    ids = {i["id"] for checklist in tr.checklists(day).values() for i in checklist["items"]}
    assert (item_id in ids) is shown


def test_contact_phone_numbers_come_from_the_research_notes():
    if not RESEARCH.is_file():
        pytest.skip("research notes not available")
    notes = RESEARCH.read_text(encoding="utf-8")
    for contact in tr.contacts().values():
        if contact.get("phone"):
            assert contact["phone"] in notes, contact["id"]
        if contact.get("url"):
            assert contact["url"].rstrip("/") in notes, contact["id"]


def test_red_flags_and_not_sure():
    items = tr.checklists("2026-11-27")["dc"]["items"]
    by_id = {i["id"]: i for i in items}
    answers = {
        "dc-deposit-cap": "no",
        "dc-lockout": "yes",
        "dc-repairs-report": "not_sure",
        "dc-sign-license": "yes",
    }
    flags = {f["id"]: f["flag"] for f in tr.red_flags(items, answers)}
    assert flags == {"dc-deposit-cap": "red", "dc-lockout": "red", "dc-repairs-report": "check"}
    assert by_id["dc-lockout"]["red_flag_if"] == "yes"


# --- the linter catches each kind of defect --------------------------------------------------------


def _good_item() -> dict:
    return copy.deepcopy(next(i for i in tr.all_items() if i["id"] == "dc-deposit-cap"))


def _drop(key, lang=None):
    def mutate(item):
        if lang:
            item[key].pop(lang)
        else:
            item.pop(key)

    return mutate


MUTATIONS = [
    ("missing Spanish text", _drop("text", "es"), r"text: missing es"),
    ("missing English text", _drop("text", "en"), r"text: missing en"),
    ("missing Spanish next steps", _drop("next_steps", "es"), r"next_steps: missing es"),
    ("missing citation", _drop("citation"), r"missing citation"),
    ("missing source", _drop("source_url"), r"source_url"),
    ("missing effective_from", _drop("effective_from"), r"effective_from must be a TOML date"),
    ("missing last_verified", _drop("last_verified"), r"last_verified must be a TOML date"),
    ("string date", lambda i: i.update(effective_from="2024-01-01"), r"effective_from must be a TOML date"),
    (
        "ends before it starts",
        lambda i: i.update(effective_to=dt.date(2000, 1, 1)),
        r"effective_to is not after",
    ),
    ("bad red flag", lambda i: i.update(red_flag_if="maybe"), r"red_flag_if"),
    ("unknown contact", lambda i: i.update(contacts=["nobody"]), r"unknown contact"),
    ("unknown topic", lambda i: i.update(topic="parking"), r"unknown topic"),
    ("unknown field", lambda i: i.update(colour="red"), r"unknown field colour"),
]


@pytest.mark.parametrize("label,mutate,pattern", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_linter_fails_on_defect(label, mutate, pattern):
    item = _good_item()
    mutate(item)
    report = tr.lint(items=[item], as_of="2026-11-27")
    assert any(re.search(pattern, p) for p in report.problems), report.problems


def test_linter_fails_when_an_expired_item_is_shown_as_current():
    expired = next(i for i in tr.all_items() if i["id"] == "dc-evict-nonpayment-30")
    shown = {"dc": {"name": {}, "items": [expired]}}
    report = tr.lint(items=[], as_of="2026-11-27", shown=shown)
    assert any("ended 2025-12-31 but is shown as current" in p for p in report.problems)


def test_linter_only_warns_on_hard_reading():
    item = _good_item()
    item["text"] = {
        "en": "Notwithstanding contractual stipulations, jurisdictional administrative adjudication necessitates documentation?",
        "es": "¿Independientemente de las estipulaciones contractuales, la adjudicación administrativa jurisdiccional necesita documentación?",
    }
    report = tr.lint(items=[item], as_of="2026-11-27")
    assert report.problems == []
    assert any("(en): reading grade" in w for w in report.warnings)
    assert any("(es): INFLESZ" in w for w in report.warnings)


def test_linter_warns_on_stale_review():
    item = _good_item()
    item["last_verified"] = dt.date(2024, 1, 1)
    assert any("over a year ago" in w for w in tr.lint(items=[item], as_of="2026-11-27").warnings)


def test_command_line_linter_exits_zero_and_prints_summary():
    done = subprocess.run(
        [sys.executable, "-m", "curricula.tenant_rights", "lint"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 problems" in done.stdout


def test_takoma_park_items_only_in_takoma_park():
    takoma = {i["id"] for i in tr.checklist_for("takoma_park_md", "2026-11-27")}
    county = {i["id"] for i in tr.checklist_for("montgomery_md", "2026-11-27")}
    assert "tp-rent-notice" in takoma and "tp-rent-notice" not in county
    assert "mc-rent-cap" in takoma and "md-deposit-cap" in county
    assert {i["topic"] for i in tr.checklist_for("dc", "2026-11-27", topics=("topa",))} == {"topa"}


def test_every_place_has_bilingual_name_and_a_checklist():
    for place in tr.places().values():
        assert place["name"]["en"] and place["name"]["es"]
        assert place["checklist"] in tr.JURISDICTIONS
