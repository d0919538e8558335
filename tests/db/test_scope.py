"""Office scoping: counselors and leads see their office, admins all, trainers none."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.engine import reading
from db.models import Household
from db.scope import AccessDenied, check_household, households_visible_to
from tests.factories import small_agency


@pytest.fixture
def agency(engine):
    data = small_agency(engine)
    data["engine"] = engine
    return data


@pytest.mark.parametrize(
    "role, expected",
    [
        ("admin", {"north", "south"}),
        ("lead", {"north"}),
        ("counselor", {"north"}),
        ("counselor_south", {"south"}),
        ("trainer", set()),
        (None, set()),
    ],
)
def test_visible_households(agency, role, expected):
    user = agency["users"].get(role) if role else None
    with reading(agency["engine"]) as s:
        ids = set(s.scalars(households_visible_to(user).with_only_columns(Household.id)))
    assert ids == {agency["households"][k] for k in expected}


def test_check_household_refuses_another_office(agency):
    with reading(agency["engine"]) as s:
        south = s.scalar(select(Household).where(Household.id == agency["households"]["south"]))
        with pytest.raises(AccessDenied):
            check_household(agency["users"]["counselor"], south)
        assert check_household(agency["users"]["admin"], south) is south
        with pytest.raises(AccessDenied):
            check_household(agency["users"]["counselor"], None)


# --- leads report on the offices an admin assigns them ------------------------------------------


def _visible(engine, user) -> set[int]:
    with reading(engine) as s:
        return set(s.scalars(households_visible_to(user).with_only_columns(Household.id)))


@pytest.fixture
def third_office(agency):
    from tests.factories import make_household, make_office

    east = make_office(agency["engine"], "Oficina Este", "east")
    agency["offices"]["east"] = east
    agency["households"]["east"] = make_household(
        agency["engine"], east, "Rosa Elena Cruz", jurisdiction="dc"
    )
    return agency


@pytest.mark.parametrize(
    ("assigned", "every", "expected"),
    [
        ([], False, {"north"}),  # no assignment: the lead's own office, as before
        (["south"], False, {"north", "south"}),
        (["south", "east"], False, {"north", "south", "east"}),
        (["east"], False, {"north", "east"}),
        ([], True, {"north", "south", "east"}),
    ],
)
def test_lead_sees_the_offices_assigned(third_office, assigned, every, expected):
    from db import lead_offices

    agency = third_office
    engine, lead = agency["engine"], agency["users"]["lead"]
    lead_offices.assign(
        engine, agency["users"]["admin"], lead["id"], [agency["offices"][k] for k in assigned], every
    )
    assert _visible(engine, lead) == {agency["households"][k] for k in expected}
    picks = {o["id"] for o in lead_offices.offices_for(engine, lead)}
    assert picks == {agency["offices"][k] for k in expected}
    # The counselors' scope never changes with a lead's assignment.
    assert _visible(engine, agency["users"]["counselor"]) == {agency["households"]["north"]}
    with reading(engine) as s:
        for key, hid in agency["households"].items():
            household = s.get(Household, hid)
            if key in expected:
                assert check_household(lead, household) is household
            else:
                with pytest.raises(AccessDenied):
                    check_household(lead, household)


def test_reassigning_replaces_and_only_admins_assign(third_office):
    from db import lead_offices
    from db.accounts import AccountError

    agency = third_office
    engine, lead, admin = agency["engine"], agency["users"]["lead"], agency["users"]["admin"]
    lead_offices.assign(engine, admin, lead["id"], [], every_office=True)
    lead_offices.assign(engine, admin, lead["id"], [agency["offices"]["south"]])
    assert _visible(engine, lead) == {agency["households"]["north"], agency["households"]["south"]}
    assert lead_offices.assignment(engine, lead["id"]) == lead_offices.Assignment(
        False, (agency["offices"]["south"],)
    )
    for actor in (lead, agency["users"]["counselor"], None):
        with pytest.raises(AccountError):
            lead_offices.assign(engine, actor, lead["id"], [], every_office=True)
    with pytest.raises(AccountError):  # only a lead is given offices
        lead_offices.assign(engine, admin, agency["users"]["counselor"]["id"], [agency["offices"]["south"]])
    with pytest.raises(AccountError):
        lead_offices.assign(engine, admin, lead["id"], [99999])
    assert _visible(engine, lead) == {agency["households"]["north"], agency["households"]["south"]}
