"""Follow-up the HUD way: the stage table, tries and letters after the last contact, the list, closing,
and an outcome confirmed at a follow-up counted in the HUD-9902 section 10 (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from calculators import InputError
from db import activity, follow_up
from db.engine import reading, transaction
from db.local_time import today_local
from db.models import CounselingSession, Household
from db.scope import AccessDenied
from reports.hud9902 import counting
from tests.factories import audit_actions, make_household

D = dt.date
TODAY = D(2026, 6, 30)


@pytest.mark.parametrize(
    ("days_silent", "tries", "letter_days_ago", "stage"),
    [
        (10, 0, None, None),
        (59, 0, None, None),
        (59, 2, None, None),  # tries before the 60 days do not make a file due
        (60, 0, None, "due"),
        (75, 0, None, "due"),
        (75, 1, None, "attempt_1"),
        (80, 2, None, "attempt_2"),
        (80, 5, None, "attempt_2"),
        (90, 2, 0, "letter_sent"),
        (110, 2, 30, "letter_sent"),  # the 30th day is still inside the answer window
        (111, 2, 31, "ready_to_close"),
        (200, 0, 45, "ready_to_close"),  # a letter without two logged tries still starts the 30 days
    ],
)
def test_stage_table(days_silent, tries, letter_days_ago, stage):
    last = TODAY - dt.timedelta(days=days_silent)
    letter = None if letter_days_ago is None else TODAY - dt.timedelta(days=letter_days_ago)
    assert follow_up.stage_for(TODAY, last, tries, letter) == stage


def _silent_household(agency, days: int, **fields) -> int:
    today = today_local()
    return make_household(
        agency["engine"],
        agency["offices"]["north"],
        "Familia Silenciosa",
        counselor_id=agency["users"]["counselor"]["id"],
        opened_on=today - dt.timedelta(days=days + 30),
        last_contact_on=today - dt.timedelta(days=days),
        **fields,
    )


def _row(agency, hid, user="counselor"):
    rows = follow_up.follow_up_list(agency["engine"], agency["users"][user])
    found = [r for r in rows if r.household_id == hid]
    return found[0] if found else None


def test_stages_move_with_tries_and_letter_and_close(agency):
    eng, user = agency["engine"], agency["users"]["counselor"]
    hid = _silent_household(agency, 70, preferred_language="es")
    today = today_local()
    assert _row(agency, hid).stage == "due"
    follow_up.log_attempt(eng, user, hid, made_on=today - dt.timedelta(days=5), method="phone", result="no_answer")
    assert (_row(agency, hid).stage, _row(agency, hid).tries) == ("attempt_1", 1)
    follow_up.log_attempt(eng, user, hid, made_on=today, method="text", result="left_message")
    assert _row(agency, hid).stage == "attempt_2"
    answer_by = follow_up.record_letter(eng, user, hid, sent_on=today, language="es")
    assert answer_by == today + dt.timedelta(days=30)
    row = _row(agency, hid)
    assert (row.stage, row.answer_by) == ("letter_sent", answer_by)
    # Other offices do not see the file.
    assert _row(agency, hid, "counselor_south") is None
    activity.close(eng, user, hid, "no_contact")
    assert _row(agency, hid) is None
    actions = audit_actions(eng, hid)
    assert actions.count("follow_up_attempt") == 2 and "follow_up_letter" in actions
    assert "household_closed" in actions


def test_letter_after_thirty_days_is_ready_to_close(agency):
    eng, user = agency["engine"], agency["users"]["counselor"]
    hid = _silent_household(agency, 120)
    follow_up.record_letter(eng, user, hid, sent_on=today_local() - dt.timedelta(days=31), method="email")
    assert _row(agency, hid).stage == "ready_to_close"


def test_reaching_the_family_starts_the_count_again(agency):
    eng, user = agency["engine"], agency["users"]["counselor"]
    hid = _silent_household(agency, 90)
    follow_up.log_attempt(eng, user, hid, made_on=today_local() - dt.timedelta(days=3), method="phone",
                          result="no_answer")
    follow_up.log_attempt(eng, user, hid, made_on=today_local(), method="phone", result="reached")
    assert _row(agency, hid) is None  # contact today: not due any more
    with reading(eng) as s:
        assert s.get(Household, hid).last_contact_on == today_local()
    contacts = follow_up.contacts_for(eng, user, hid)
    assert [c["result"] for c in contacts] == ["reached", "no_answer"]


def test_tries_before_the_last_contact_do_not_count(agency):
    eng, user = agency["engine"], agency["users"]["counselor"]
    hid = _silent_household(agency, 65)
    # A try logged back when the family was still in touch: older than the last contact.
    with transaction(eng) as s:
        s.execute(update(Household).where(Household.id == hid).values(last_contact_on=None))
    follow_up.log_attempt(eng, user, hid, made_on=today_local() - dt.timedelta(days=80), method="phone",
                          result="no_answer")
    with transaction(eng) as s:
        s.execute(update(Household).where(Household.id == hid)
                  .values(last_contact_on=today_local() - dt.timedelta(days=65)))
    assert _row(agency, hid).stage == "due"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"method": "pigeon", "result": "no_answer"}, "method"),
        ({"method": "phone", "result": "maybe"}, "result"),
        ({"method": "phone", "result": "no_answer", "made_on": "not a date"}, "made_on"),
        ({"method": "phone", "result": "no_answer", "made_on": D(2999, 1, 1)}, "made_on"),
    ],
)
def test_bad_tries_are_refused_and_nothing_saved(agency, fields, field):
    eng, user = agency["engine"], agency["users"]["counselor"]
    hid = _silent_household(agency, 70)
    args = {"made_on": today_local(), **fields}
    with pytest.raises(InputError) as err:
        follow_up.log_attempt(eng, user, hid, **args)
    assert err.value.field == field
    assert follow_up.contacts_for(eng, user, hid) == []


def test_other_office_cannot_log_or_print(agency):
    eng = agency["engine"]
    hid = _silent_household(agency, 70)
    other = agency["users"]["counselor_south"]
    with pytest.raises(AccessDenied):
        follow_up.log_attempt(eng, other, hid, made_on=today_local(), method="phone", result="no_answer")
    with pytest.raises(AccessDenied):
        follow_up.letter_data(eng, other, hid)


def test_letter_data_uses_the_family_language_and_answer_day(agency):
    eng, user = agency["engine"], agency["users"]["counselor"]
    hid = _silent_household(agency, 70, preferred_language="en")
    data = follow_up.letter_data(eng, user, hid, sent_on=D(2026, 3, 2))
    assert (data.language, data.answer_by) == ("en", D(2026, 4, 1))
    assert data.counselor_name == "Test counselor"
    assert "follow_up_letter_printed" in audit_actions(eng, hid)


def _session(eng, hid, office, on, purpose="prepurchase"):
    with transaction(eng) as s:
        s.add(CounselingSession(household_id=hid, office_id=office, session_date=on, purpose=purpose))


def test_outcome_confirmed_at_follow_up_counts_in_9902_section_10(agency):
    """Counseled in FY2025, outcome learned at a follow-up in FY2026: section 10 of FY2026 counts it.

    The same outcome typed without a follow-up does not count (no counseling in FY2026), nor does a
    follow-up outcome for a household never counseled one-on-one.
    """
    eng, user = agency["engine"], agency["users"]["counselor"]
    north = agency["offices"]["north"]
    opened = D(2025, 3, 1)
    counseled = make_household(eng, north, "Familia Compró", opened_on=opened)
    plain = make_household(eng, north, "Familia Sin Seguimiento", opened_on=opened)
    never = make_household(eng, north, "Familia Sin Consejería", opened_on=opened)
    for hid in (counseled, plain):
        _session(eng, hid, north, D(2025, 5, 10))
    follow_up.confirm_outcome(eng, user, counseled, "purchased_housing", D(2025, 11, 20))
    follow_up.confirm_outcome(eng, user, never, "purchased_housing", D(2025, 11, 20))
    from db import scenarios

    scenarios.confirm_outcome(eng, user, plain, "purchased_housing", D(2025, 11, 20))
    report = counting.build(eng, 2026, 1)
    assert report.sections["10"].counts.get("purchased_housing", 0) == 1
    assert report.sections["9"].total == 0  # the earlier counseling is not counted again in 3-9
    assert report.passed
    # Outside the quarter it is dated in (FY2026 Q1 ends 31 Dec) it is not counted in FY2025.
    assert counting.build(eng, 2025, 4).sections["10"].counts.get("purchased_housing", 0) == 0
    # Office scope: the south office's report does not count a north household.
    assert counting.build(eng, 2026, 1, agency["offices"]["south"]).sections["10"].total == 0
    with reading(eng) as s:
        assert s.get(Household, counseled).last_contact_on == D(2025, 11, 20)


def test_follow_up_outcome_before_any_counseling_does_not_count(agency):
    eng, user = agency["engine"], agency["users"]["counselor"]
    north = agency["offices"]["north"]
    hid = make_household(eng, north, "Familia Tarde", opened_on=D(2025, 3, 1))
    follow_up.confirm_outcome(eng, user, hid, "budget_developed", D(2025, 10, 5))
    _session(eng, hid, north, D(2025, 10, 20))  # counseled after the outcome's day
    assert counting.build(eng, 2026, 1).sections["10"].counts.get("budget_developed", 0) == 0
