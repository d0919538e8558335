"""Workshops planned for a time on SQLite and PostgreSQL: on the calendar with time, place and leader,
and the leader cannot be booked over them (nor a workshop planned over an appointment), under concurrency."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from calculators import InputError
from db import appointments as appts
from db import education
from db.appointments import workshop_plans as ws
from db.engine import reading
from db.local_time import TZ
from db.models import AuditEvent
from db.scope import AccessDenied

DAY = dt.date(2027, 3, 16)  # the Tuesday after the spring DST change
BEFORE = dt.datetime(2027, 1, 1, 12, 0)


def _plan(agency, at=dt.time(18, 0), minutes=120, leader="counselor", by="lead", **kw):
    return ws.plan(
        agency["engine"],
        agency["users"][by],
        day=kw.pop("day", DAY),
        start_time=at,
        minutes=minutes,
        place=kw.pop("place", "Sala comunitaria, 100 Main St NW"),
        leader_id=agency["users"][leader]["id"],
        education_type="prepurchase",
        title=kw.pop("title", "Comprar casa"),
        language="es",
        now=kw.pop("now", BEFORE),
    )


def _book(agency, at, minutes=60, who="counselor"):
    return appts.book(
        agency["engine"], agency["users"]["counselor"], agency["households"]["north"],
        counselor_id=agency["users"][who]["id"], day=DAY, start_time=at, minutes=minutes, now=BEFORE,
    )  # fmt: skip


def test_a_planned_workshop_is_on_the_office_and_leaders_calendar_with_time_place_and_leader(agency):
    engine, counselor = agency["engine"], agency["users"]["counselor"]
    event_id = _plan(agency)
    (item,) = appts.workshops(engine, counselor, DAY, 1)
    assert (item.id, item.starts, item.ends) == (
        event_id,
        dt.datetime(2027, 3, 16, 18, 0, tzinfo=TZ),
        dt.datetime(2027, 3, 16, 20, 0, tzinfo=TZ),
    )
    assert (item.place, item.leader_name, item.duration_minutes) == (
        "Sala comunitaria, 100 Main St NW",
        "Test counselor",
        120,
    )
    assert item.starts.utcoffset() == dt.timedelta(hours=-4)  # EDT, two days after the change
    assert [w.id for w in appts.workshops(engine, counselor, DAY, 1, leader_id=counselor["id"])] == [event_id]
    assert appts.workshops(engine, counselor, DAY, 1, leader_id=agency["users"]["lead"]["id"]) == []
    assert appts.workshops(engine, agency["users"]["counselor_south"], DAY, 7) == []
    with reading(engine) as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == event_id)).all()
    assert "workshop_planned" in actions


@pytest.mark.parametrize(
    ("at", "minutes", "refused"),
    [
        (dt.time(17, 0), 60, False),  # ends as the workshop starts
        (dt.time(17, 30), 60, True),
        (dt.time(19, 0), 30, True),  # inside
        (dt.time(16, 0), 300, True),  # around it
        (dt.time(20, 0), 60, False),  # starts as it ends
    ],
)
def test_the_leader_cannot_be_booked_over_the_workshop(agency, at, minutes, refused):
    _plan(agency)
    if refused:
        with pytest.raises(appts.LeadsWorkshop) as caught:
            _book(agency, at, minutes)
        assert caught.value.code == "leads_workshop"
        assert (caught.value.clash.hour, caught.value.clash_end.hour) == (18, 20)
    else:
        assert _book(agency, at, minutes)
    assert _book(agency, dt.time(18, 0), who="lead")  # a colleague is free at that hour


def test_a_reschedule_onto_the_workshop_is_refused_and_changes_nothing(agency):
    _plan(agency)
    first = _book(agency, dt.time(10, 0))
    with pytest.raises(appts.LeadsWorkshop):
        appts.reschedule(
            agency["engine"], agency["users"]["counselor"], first, day=DAY, start_time=dt.time(18, 30), now=BEFORE
        )
    assert appts.get(agency["engine"], agency["users"]["counselor"], first).status == "booked"


def test_a_workshop_is_not_planned_over_the_leaders_appointment_or_workshop(agency):
    _book(agency, dt.time(18, 30))
    with pytest.raises(ws.LeaderBusy) as caught:
        _plan(agency)
    assert caught.value.clash.hour == 18 and caught.value.clash.minute == 30
    _plan(agency, leader="lead")
    with pytest.raises(ws.LeaderBusy):
        _plan(agency, at=dt.time(19, 0), leader="lead")


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"minutes": 10}, "out_of_range"),
        ({"title": "  "}, "missing_field"),
        ({"place": "x" * 301}, "too_long"),
        ({"leader": "counselor_south"}, "not_in_office"),
        ({"now": dt.datetime(2027, 3, 17)}, "in_the_past"),
        ({"at": dt.time(2, 30), "day": dt.date(2027, 3, 14)}, "time_does_not_exist"),
    ],
)
def test_bad_plans_are_refused_with_a_code(agency, kw, code):
    with pytest.raises(InputError) as caught:
        _plan(agency, **kw)
    assert caught.value.code == code


def test_attendance_is_recorded_on_the_planned_workshop(agency):
    engine, trainer = agency["engine"], agency["users"]["trainer"]
    held = dt.date(2026, 11, 10)
    event_id = _plan(agency, day=held, now=dt.datetime(2026, 11, 1))
    assert [e.id for e in ws.planned_without_attendance(engine, trainer, held)] == [event_id]
    recorded = education.record_event(
        engine, trainer, event_date=held, education_type="prepurchase", title="Comprar casa",
        household_ids=[agency["households"]["north"]], planned_id=event_id,
    )  # fmt: skip
    assert recorded == event_id
    assert ws.planned_without_attendance(engine, trainer, held) == []
    (item,) = appts.workshops(engine, agency["users"]["counselor"], held, 1)
    assert item.starts.hour == 18 and item.leader_name == "Test counselor"


@pytest.mark.parametrize("clerks", [4])
def test_booking_and_planning_the_same_hour_at_once_give_exactly_one(agency, clerks):
    """Half the clerks book the counselor, half plan a workshop they lead, all for 18:00: one wins."""
    barrier = threading.Barrier(clerks)
    results: list[str] = []
    lock = threading.Lock()

    def clerk(i: int) -> None:
        barrier.wait()
        try:
            _book(agency, dt.time(18, 0)) if i % 2 else _plan(agency)
            outcome = "done"
        except (appts.DoubleBooked, ws.LeadsWorkshop, ws.LeaderBusy):
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
    assert sorted(results) == ["done"] + ["refused"] * (clerks - 1)


def test_the_fall_back_day_keeps_its_late_appointment_and_workshop(agency):
    """On the 25-hour day in November, 11:00 PM belongs to that day, not the next (UTC is already past midnight)."""
    engine, counselor = agency["engine"], agency["users"]["counselor"]
    fall = dt.date(2027, 11, 7)
    _plan(agency, day=fall, at=dt.time(19, 0), minutes=60)
    late = appts.book(
        engine, counselor, agency["households"]["north"], counselor_id=counselor["id"], day=fall,
        start_time=dt.time(23, 0), minutes=30, now=BEFORE,
    )  # fmt: skip
    assert [a.id for a in appts.calendar(engine, counselor, fall)] == [late]
    assert appts.calendar(engine, counselor, fall + dt.timedelta(days=1)) == []
    [workshop] = appts.workshops(engine, counselor, fall, 1)
    assert (workshop.starts.hour, workshop.starts.utcoffset()) == (19, dt.timedelta(hours=-5))
    week = appts.calendar(engine, counselor, dt.date(2027, 11, 1), 7)
    assert [a.starts.replace(tzinfo=None) for a in week] == [dt.datetime(2027, 11, 7, 23, 0)]


def test_a_cancelled_workshop_frees_its_leader_and_one_with_attendance_stays(agency):
    engine, lead = agency["engine"], agency["users"]["lead"]
    event_id = _plan(agency)
    with pytest.raises(AccessDenied):
        ws.cancel(engine, agency["users"]["counselor_south"], event_id)  # another office
    ws.cancel(engine, lead, event_id)
    assert appts.workshops(engine, lead, DAY) == []
    assert _book(agency, dt.time(18, 0))
    held = dt.date(2026, 11, 10)
    kept = _plan(agency, day=held, now=dt.datetime(2026, 11, 1))
    education.record_event(
        engine, agency["users"]["trainer"], event_date=held, education_type="prepurchase", title="Comprar casa",
        household_ids=[agency["households"]["north"]], planned_id=kept,
    )  # fmt: skip
    with pytest.raises(InputError) as caught:
        ws.cancel(engine, lead, kept)
    assert caught.value.code == "already_recorded"
