"""Trainers see names only when taking attendance for their own office's workshops (issue #23 item 9)."""

from __future__ import annotations

import pytest

from db import accounts, education, households
from db.scope import AccessDenied


def test_a_trainer_finds_only_their_own_office_by_name_and_opens_no_file(agency):
    engine, trainer = agency["engine"], agency["users"]["trainer"]
    assert [r["name"] for r in education.search_names(engine, trainer, "núñez")] == ["María José Núñez Pérez"]
    assert education.search_names(engine, trainer, "nguyen") == []  # the south office's household
    assert set(education.search_names(engine, trainer, "núñez")[0]) == {"id", "name"}
    with pytest.raises(AccessDenied):
        households.get(engine, trainer, agency["households"]["north"])
    assert households.search(engine, trainer).total == 0


def test_a_disabled_trainer_sees_no_names(agency):
    engine, trainer = agency["engine"], agency["users"]["trainer"]
    accounts.set_active(engine, agency["users"]["admin"], trainer["id"], False)
    with pytest.raises(AccessDenied):
        education.search_names(engine, trainer, "núñez")
