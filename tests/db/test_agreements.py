"""Agreement, disclosure and privacy notice on SQLite and PostgreSQL: recorded, attested, scoped, counted."""

from __future__ import annotations

import datetime as dt

import pytest

from calculators import InputError
from db import activity, agreements
from db.scope import AccessDenied
from tests.factories import audit_actions

TODAY = dt.date(2026, 12, 5)


def give(agency, kind="disclosure", method="paper", **extra):
    agreements.record(
        agency["engine"],
        agency["users"]["counselor"],
        agency["households"]["north"],
        kind=kind,
        given_on=extra.pop("given_on", dt.date(2026, 11, 2)),
        method=method,
        language=extra.pop("language", "es"),
        today=TODAY,
        **extra,
    )


def test_a_new_file_lacks_all_three_then_each_is_recorded_with_how_and_language(agency):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    assert agreements.missing(eng, user, hid) == ["agreement", "disclosure", "privacy"]
    give(agency, "agreement", "screen", language="en")
    give(agency, "privacy", "verbal", attested=True)
    have = agreements.given(eng, user, hid)
    assert (have["agreement"].method, have["agreement"].language, have["agreement"].attested_by) == (
        "screen",
        "en",
        "",
    )
    assert (have["privacy"].method, have["privacy"].attested_by) == ("verbal", "Test counselor")
    assert agreements.missing(eng, user, hid) == ["disclosure"]
    assert audit_actions(eng, hid).count("notice_recorded") == 2


@pytest.mark.parametrize(
    ("extra", "code", "field"),
    [
        ({"method": "verbal"}, "attestation_required", "attested"),
        ({"given_on": dt.date(2026, 12, 6)}, "future_date", "given_on"),
        ({"method": "fax"}, "invalid_choice", "method"),
        ({"language": "fr"}, "invalid_choice", "language"),
        ({"kind": "waiver"}, "invalid_choice", "kind"),
    ],
)
def test_bad_records_are_refused_with_the_field(agency, extra, code, field):
    with pytest.raises(InputError) as err:
        give(agency, **extra)
    assert (err.value.code, err.value.field) == (code, field)
    assert (
        len(agreements.missing(agency["engine"], agency["users"]["counselor"], agency["households"]["north"]))
        == 3
    )


def test_other_offices_cannot_record_or_read(agency):
    eng, hid = agency["engine"], agency["households"]["north"]
    with pytest.raises(AccessDenied):
        agreements.given(eng, agency["users"]["counselor_south"], hid)
    with pytest.raises(AccessDenied):
        agreements.record(
            eng,
            agency["users"]["counselor_south"],
            hid,
            kind="privacy",
            given_on=TODAY,
            method="paper",
            language="es",
            today=TODAY,
        )


def test_only_admins_change_the_agency_texts_and_each_save_is_a_version(agency):
    eng = agency["engine"]
    start = agreements.text(eng, "privacy", "es")
    assert start.version == 0 and "Seguro Social" in start.body
    with pytest.raises(AccessDenied):
        agreements.set_text(eng, agency["users"]["lead"], "privacy", "es", "Otro texto")
    assert agreements.set_text(eng, agency["users"]["admin"], "privacy", "es", "Nuestro aviso.") == 1
    assert agreements.set_text(eng, agency["users"]["admin"], "privacy", "es", "Nuestro aviso, v2.") == 2
    assert agreements.text(eng, "privacy", "es").body == "Nuestro aviso, v2."
    assert agreements.text(eng, "privacy", "en").version == 0  # each language on its own
    give(agency, "privacy", language="es")
    assert (
        agreements.given(eng, agency["users"]["counselor"], agency["households"]["north"])[
            "privacy"
        ].text_version
        == 2
    )
    with pytest.raises(InputError):
        agreements.set_text(eng, agency["users"]["admin"], "privacy", "es", "   ")


def test_period_counts_for_the_9902_page(agency):
    eng, user, hid = agency["engine"], agency["users"]["counselor"], agency["households"]["north"]
    activity.add_session(eng, user, hid, session_date=dt.date(2026, 10, 6), purpose="prepurchase")
    start, end = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
    assert agreements.period_counts(eng, user, start, end) == {
        "served": 1,
        "complete": 0,
        "missing": {hid: ["agreement", "disclosure", "privacy"]},
    }
    for kind in agreements.KINDS:
        give(agency, kind)
    assert agreements.period_counts(eng, user, start, end) == {"served": 1, "complete": 1, "missing": {}}
    assert agreements.period_counts(eng, agency["users"]["counselor_south"], start, end)["served"] == 0
