"""Every child list is conflict-safe (issue #23 item 4): two editors of the same list never lose a change.

Members are saved as a whole list against the members_version the editor loaded; step and referral
statuses against the row's version; the whole action plan against the plan's version.
"""

from __future__ import annotations

import threading

import pytest

from db import activity, households


def _names(engine, user, hid) -> list[str]:
    return [m["name"] for m in households.get(engine, user, hid)["members"]]


def test_two_editors_adding_a_member_lose_nothing(agency):
    engine, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    loaded = households.get(engine, user, hid)["members_version"]
    households.set_members(engine, user, hid, [{"name": "Ana"}], expected_version=loaded)
    with pytest.raises(households.EditConflict) as err:
        households.set_members(engine, user, hid, [{"name": "Beto"}], expected_version=loaded)
    assert [m["name"] for m in err.value.current["members"]] == ["Ana"]
    assert _names(engine, user, hid) == ["Ana"]  # the first editor's member is still there
    again = err.value.current["members_version"]
    households.set_members(engine, user, hid, [{"name": "Ana"}, {"name": "Beto"}], expected_version=again)
    assert _names(engine, user, hid) == ["Ana", "Beto"]


def test_parallel_member_saves_one_lands_the_rest_are_conflicts(agency):
    engine, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    loaded = households.get(engine, user, hid)["members_version"]
    start, answers = threading.Barrier(6), []

    def save(n):
        start.wait()
        try:
            households.set_members(engine, user, hid, [{"name": f"Persona {n}"}], expected_version=loaded)
            answers.append("saved")
        except households.EditConflict:
            answers.append("conflict")
        except Exception as err:  # anything else would reach a user as an error
            answers.append(type(err).__name__)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == ["conflict"] * 5 + ["saved"]
    assert len(_names(engine, user, hid)) == 1


@pytest.mark.parametrize("kind", ["step", "referral"])
def test_a_status_changed_since_loading_is_a_conflict(agency, kind):
    engine, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    if kind == "step":
        activity.add_step(engine, user, hid, "Pedir carta de empleo")
        row = activity.plan_for(engine, user, hid)["steps"][0]
        change = activity.set_step_status
        statuses = ("done", "dropped")
    else:
        activity.add_referral(engine, user, hid, agency="CASA")
        row = activity.referrals_for(engine, user, hid)[0]
        change = activity.set_referral_status
        statuses = ("completed", "not_completed")
    change(engine, user, row["id"], statuses[0], expected_version=row["version"])
    with pytest.raises(activity.ListConflict):
        change(engine, user, row["id"], statuses[1], expected_version=row["version"])
    now = (
        activity.plan_for(engine, user, hid)["steps"]
        if kind == "step"
        else activity.referrals_for(engine, user, hid)
    )[0]
    assert now["status"] == statuses[0]


def test_a_plan_saved_by_someone_else_is_not_overwritten(agency):
    engine, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.save_plan(engine, user, hid, "Primero", ["Ahorrar"], [])
    loaded = activity.plan_for(engine, user, hid)["version"]
    activity.save_plan(engine, user, hid, "Editor A", ["Ahorrar", "Comprar"], [], expected_version=loaded)
    with pytest.raises(activity.ListConflict):
        activity.save_plan(engine, user, hid, "Editor B", ["Otra"], [], expected_version=loaded)
    plan = activity.plan_for(engine, user, hid)
    assert plan["summary"] == "Editor A" and [g["text"] for g in plan["goals"]] == ["Ahorrar", "Comprar"]


def test_goals_and_milestones_from_two_editors_both_stay(agency):
    engine, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.add_goal(engine, user, hid, "Meta de A")
    activity.add_goal(engine, user, hid, "Meta de B")
    activity.add_milestone(engine, user, hid, "budget_completed", "2026-01-10")
    activity.add_milestone(engine, user, hid, "budget_completed", "2026-01-11")
    assert [g["text"] for g in activity.plan_for(engine, user, hid)["goals"]] == ["Meta de A", "Meta de B"]
    assert len(activity.milestones_for(engine, user, hid)) == 2
