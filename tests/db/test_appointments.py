"""Appointments on SQLite and PostgreSQL: booking rules, history, no-shows, kept -> session, concurrency."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from calculators import InputError
from db import activity
from db import appointments as appts
from db.engine import reading
from db.local_time import to_utc
from db.models.appointments import Appointment
from db.scope import AccessDenied
from tests.factories import audit_actions

DAY = dt.date(2027, 2, 9)  # a Tuesday, in the future
BEFORE = dt.datetime(2027, 1, 1, 12, 0)  # "now" for the tests (UTC)
AFTER = dt.datetime(2027, 12, 31, 12, 0)


def _book(agency, at=dt.time(10, 0), minutes=60, who="counselor", **kw):
    user = agency["users"][kw.pop("by", "counselor")]
    return appts.book(
        agency["engine"],
        user,
        kw.pop("household", agency["households"]["north"]),
        counselor_id=agency["users"][who]["id"],
        day=kw.pop("day", DAY),
        start_time=at,
        minutes=minutes,
        mode=kw.pop("mode", "in_person"),
        purpose="prepurchase",
        place="Oficina Norte",
        bring="Pay stubs",
        now=BEFORE,
        **kw,
    )


def test_book_and_show_on_the_counselor_and_office_calendar(agency):
    appointment_id = _book(agency)
    user = agency["users"]["counselor"]
    mine = appts.calendar(agency["engine"], user, DAY, counselor_id=user["id"])
    office = appts.calendar(agency["engine"], agency["users"]["lead"], appts_week := DAY - dt.timedelta(1), 7)
    assert [a.id for a in mine] == [appointment_id]
    assert [a.id for a in office] == [appointment_id] and appts_week.weekday() == 0
    view = mine[0]
    assert (view.starts.hour, view.minutes, view.household_name) == (10, 60, "María José Núñez Pérez")
    assert "appointment_booked" in audit_actions(agency["engine"], agency["households"]["north"])


@pytest.mark.parametrize(
    "at, minutes, refused",
    [
        (dt.time(10, 0), 60, True),  # the same hour
        (dt.time(10, 30), 30, True),  # inside
        (dt.time(9, 30), 60, True),  # overlaps the start
        (dt.time(10, 45), 60, True),  # overlaps the end
        (dt.time(9, 0), 300, True),  # covers it
        (dt.time(9, 0), 60, False),  # ends as it starts
        (dt.time(11, 0), 30, False),  # starts as it ends
    ],
)
def test_no_double_booking_of_a_counselor(agency, at, minutes, refused):
    _book(agency)
    if refused:
        with pytest.raises(appts.DoubleBooked) as err:
            _book(agency, at=at, minutes=minutes)
        assert (err.value.clash.hour, err.value.clash_end.hour) == (10, 11)
    else:
        assert _book(agency, at=at, minutes=minutes)


def test_a_colleague_is_free_at_the_same_hour_and_a_cancelled_slot_is_free_again(agency):
    first = _book(agency)
    assert _book(agency, who="lead")  # the lead's calendar, same office
    appts.cancel(agency["engine"], agency["users"]["counselor"], first, "Family asked")
    assert _book(agency)


@pytest.mark.parametrize(
    "kw, code",
    [
        ({"who": "counselor_south"}, "not_in_office"),  # a counselor of another office
        ({"who": "trainer"}, "not_in_office"),  # trainers take no appointments
        ({"minutes": 5}, "out_of_range"),
        ({"minutes": 600}, "out_of_range"),
        ({"mode": "fax"}, "invalid_choice"),
        ({"day": dt.date(2026, 1, 5)}, "in_the_past"),
        ({"day": dt.date(2027, 3, 14), "at": dt.time(2, 30)}, "time_does_not_exist"),  # skipped by DST
    ],
)
def test_bad_bookings_are_refused_with_a_code(agency, kw, code):
    with pytest.raises(InputError) as err:
        _book(agency, **kw)
    assert err.value.code == code
    with reading(agency["engine"]) as s:
        assert s.scalars(select(Appointment)).all() == []


def test_another_offices_household_cannot_be_booked(agency):
    with pytest.raises(AccessDenied):
        _book(agency, household=agency["households"]["south"])


@pytest.mark.parametrize(
    "day, utc_hour",
    [
        (dt.date(2027, 3, 13), 15),  # Saturday before spring forward: EST, UTC-5
        (dt.date(2027, 3, 15), 14),  # Monday after: EDT, UTC-4
        (dt.date(2027, 11, 6), 14),  # Saturday before fall back: EDT
        (dt.date(2027, 11, 8), 15),  # Monday after: EST
    ],
)
def test_ten_oclock_stays_ten_oclock_across_dst(agency, day, utc_hour):
    appointment_id = _book(agency, day=day)
    with reading(agency["engine"]) as s:
        assert s.get(Appointment, appointment_id).starts_at.hour == utc_hour
    view = appts.get(agency["engine"], agency["users"]["counselor"], appointment_id)
    assert (view.starts.date(), view.starts.hour) == (day, 10)
    assert [a.id for a in appts.calendar(agency["engine"], agency["users"]["counselor"], day)] == [
        appointment_id
    ]


def test_the_repeated_hour_in_november_is_the_first_one(agency):
    assert to_utc(dt.date(2027, 11, 7), dt.time(1, 30)) == dt.datetime(2027, 11, 7, 5, 30)
    early = _book(agency, day=dt.date(2027, 11, 7), at=dt.time(1, 0), minutes=120)
    # 01:00 EDT to 02:00 EST is three real hours: 01:30 EST (06:30 UTC) is inside it.
    with reading(agency["engine"]) as s:
        row = s.get(Appointment, early)
        assert (row.ends_at - row.starts_at) == dt.timedelta(hours=2)


def test_reschedule_keeps_the_history(agency):
    engine, user = agency["engine"], agency["users"]["counselor"]
    first = _book(agency)
    second = appts.reschedule(
        engine, user, first, day=DAY + dt.timedelta(days=1), start_time=dt.time(14, 0), now=BEFORE
    )
    third = appts.reschedule(engine, user, second, day=DAY, start_time=dt.time(10, 0), now=BEFORE)
    chain = appts.history(engine, user, third)
    assert [a.id for a in chain] == [first, second, third]
    assert [a.status for a in chain] == ["rescheduled", "rescheduled", "booked"]
    assert chain[2].minutes == 60 and chain[2].bring == "Pay stubs"
    assert audit_actions(engine, agency["households"]["north"]).count("appointment_rescheduled") == 2
    with pytest.raises(InputError) as err:  # a rescheduled row cannot be moved again
        appts.reschedule(engine, user, first, day=DAY, start_time=dt.time(16, 0), now=BEFORE)
    assert err.value.code == "not_booked"


def test_reschedule_onto_a_busy_hour_is_refused_and_changes_nothing(agency):
    engine, user = agency["engine"], agency["users"]["counselor"]
    first = _book(agency)
    other = _book(agency, at=dt.time(14, 0), household=agency["households"]["north"])
    with pytest.raises(appts.DoubleBooked):
        appts.reschedule(engine, user, other, day=DAY, start_time=dt.time(10, 30), now=BEFORE)
    assert appts.get(engine, user, other).status == "booked"
    assert appts.get(engine, user, first).status == "booked"


def test_no_show_and_kept_become_records(agency):
    engine, user = agency["engine"], agency["users"]["counselor"]
    missed = _book(agency)
    kept = _book(agency, at=dt.time(13, 0))
    with pytest.raises(InputError) as err:
        appts.mark_no_show(engine, user, missed, now=BEFORE)
    assert err.value.code == "not_yet"
    appts.mark_no_show(engine, user, missed, now=AFTER)
    session_id = appts.mark_kept(engine, user, kept, now=AFTER)
    assert appts.get(engine, user, missed).status == "no_show"
    view = appts.get(engine, user, kept)
    assert (view.status, view.session_id) == ("kept", session_id)
    sessions = activity.sessions_for(engine, user, agency["households"]["north"])
    assert [(s["session_date"], s["start_time"], s["duration_minutes"], s["purpose"]) for s in sessions] == [
        (DAY, dt.time(13, 0), 60, "prepurchase")
    ]
    with pytest.raises(InputError):  # a second click logs no second session
        appts.mark_kept(engine, user, kept, now=AFTER)
    assert len(activity.sessions_for(engine, user, agency["households"]["north"])) == 1


def test_workshops_show_on_the_office_calendar(agency):
    from db import education

    held = dt.date(2026, 11, 10)  # workshops are recorded once held
    education.record_event(
        agency["engine"],
        agency["users"]["trainer"],
        event_date=held,
        education_type="prepurchase",
        title="Comprar casa",
        household_ids=[agency["households"]["north"]],
    )
    items = appts.workshops(agency["engine"], agency["users"]["counselor"], held - dt.timedelta(1), 7)
    assert [(w.event_date, w.education_type) for w in items] == [(held, "prepurchase")]
    assert appts.workshops(agency["engine"], agency["users"]["counselor_south"], held, 7) == []


@pytest.mark.parametrize("clerks", [6])
def test_concurrent_bookings_of_one_hour_give_exactly_one(agency, clerks):
    """Several people book the same counselor for overlapping times at once: one wins, the rest are refused."""
    engine = agency["engine"]
    barrier = threading.Barrier(clerks)
    results: list[str] = []
    lock = threading.Lock()

    def clerk(i: int) -> None:
        barrier.wait()
        try:
            _book(agency, at=dt.time(10, 15 * (i % 3)), minutes=60)
            outcome = "booked"
        except appts.DoubleBooked:
            outcome = "refused"
        except Exception as err:  # anything else would reach a user as an error
            outcome = f"error {type(err).__name__}: {err}"
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=clerk, args=(i,)) for i in range(clerks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["booked"] + ["refused"] * (clerks - 1)
    with reading(engine) as s:
        rows = s.scalars(select(Appointment).where(Appointment.status == "booked")).all()
    assert len(rows) == 1
