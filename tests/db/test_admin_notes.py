"""Admin notes: in office scope, audited, checked like typed text, never a session, gone with the file."""

from __future__ import annotations

import datetime as dt

import pytest

from calculators import InputError
from db import activity, admin_notes, retention
from db.scope import AccessDenied
from tests.factories import audit_actions, make_household

TODAY = dt.date(2026, 11, 27)


def test_a_note_is_listed_with_its_author_and_is_not_a_session(agency):
    eng, lead, hid = agency["engine"], agency["users"]["lead"], agency["households"]["north"]
    admin_notes.add(eng, lead, hid, dt.date(2026, 11, 2), "Llamó para cambiar la cita.", today=TODAY)
    (note,) = admin_notes.list_for(eng, agency["users"]["counselor"], hid)
    assert (note.noted_on, note.author, note.body) == (dt.date(2026, 11, 2), "Test lead", "Llamó para cambiar la cita.")
    assert activity.sessions_for(eng, lead, hid) == []
    assert audit_actions(eng, hid)[-1] == "admin_note_added"


@pytest.mark.parametrize(
    ("noted_on", "body", "code"),
    [
        (dt.date(2026, 11, 28), "mañana", "future_date"),
        (dt.date(2026, 11, 2), "   ", "missing_field"),
        (dt.date(2026, 11, 2), "x" * 5001, "too_long"),
        (dt.date(2026, 11, 2), "a\u202eb", "control_characters"),
        ("2026-11-02", "texto", "bad_date"),
    ],
)
def test_bad_notes_are_refused(agency, noted_on, body, code):
    with pytest.raises(InputError) as err:
        admin_notes.add(
            agency["engine"], agency["users"]["lead"], agency["households"]["north"], noted_on, body, today=TODAY
        )
    assert err.value.code == code


@pytest.mark.parametrize("who", ["counselor_south", "trainer"])
def test_other_offices_reach_no_notes(agency, who):
    eng, hid = agency["engine"], agency["households"]["north"]
    with pytest.raises(AccessDenied):
        admin_notes.add(eng, agency["users"][who], hid, TODAY, "nota", today=TODAY)
    with pytest.raises(AccessDenied):
        admin_notes.list_for(eng, agency["users"][who], hid)


def test_notes_go_with_the_file_at_purge(agency):
    eng, lead = agency["engine"], agency["users"]["lead"]
    old = make_household(eng, agency["offices"]["north"], "Viejo", status="closed", closed_on=dt.date(2020, 1, 2))
    admin_notes.add(eng, lead, old, dt.date(2019, 12, 1), "nota", today=TODAY)
    retention.purge(eng, lead, [old], TODAY)
    with pytest.raises(AccessDenied):  # the household (and with it its notes) is gone
        admin_notes.list_for(eng, lead, old)
