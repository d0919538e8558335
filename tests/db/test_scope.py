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
