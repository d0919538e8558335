"""HUD client fields in the household import and the caseload export (issue 26, item 9)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import select

from db import hud_client, transfer
from db.engine import reading
from db.models import Household
from tests.factories import small_agency
from ui.hud_file.transfer_labels import aliases, labeler

HUD_HEADER = (
    "display_name,street,city,state,zip_code,marital_status,head_of_household,education,dependents,disabled,"
    "farm_worker,colonias_resident,discrimination_victim,hud_assistance,referred_by,gender,spoken_language,"
    "monthly_debt,job_months,credit_score,credit_score_source,no_credit_score_reason,races\n"
)
GOOD_ROW = (
    "Ana Ramírez,12 Calle Demo,Washington,dc,20009,married,married_with_dependents,high_school,2,no,no,no,no,"
    'none,another_person,female,es,"$1,250",36,640,experian,,"white;black"\n'
)


@pytest.fixture
def agency(engine):
    data = small_agency(engine)
    data["engine"] = engine
    return data


def _names(eng) -> dict[str, int]:
    with reading(eng) as s:
        return {name: hid for name, hid in s.execute(select(Household.display_name, Household.id))}


def test_hud_columns_import_with_the_household(agency):
    eng, me = agency["engine"], agency["users"]["counselor"]
    assert transfer.commit(eng, me, (HUD_HEADER + GOOD_ROW).encode()) == 1
    hid = _names(eng)["Ana Ramírez"]
    profile = hud_client.get_profile(eng, me, hid)
    assert (profile.street, profile.city, profile.state, profile.zip_code) == (
        "12 Calle Demo",
        "Washington",
        "DC",
        "20009",
    )
    assert profile.marital_status == "married" and profile.dependents == 2 and profile.monthly_debt == 1250.0
    assert profile.credit_score == 640 and profile.credit_score_source == "experian"
    assert profile.races == ["black", "white"] and profile.version == 1
    with reading(eng) as s:
        assert s.get(Household, hid).race == "multiple"


def test_bilingual_headers_and_answers(agency):
    eng, me = agency["engine"], agency["users"]["counselor"]
    data = (
        "display_name,Estado civil,Tipo de hogar,Gender,Credit score,Where the score came from,"
        "Raza (marque todas las que correspondan)\n"
        'Luz,Casado o casada,"Casados, con dependientes",FEMENINO,700,Experian,Blanco; Asian\n'
    )
    hdr = ["Estado civil", "Tipo de hogar", "Gender", "Credit score", "Where the score came from"]
    alias = aliases()
    assert all(transfer.hud_import.column_of(h, alias) for h in hdr), hdr
    report = transfer.preview(eng, me, data.encode(), alias)
    assert not report.problems, report.problems
    hud = report.rows[0]["hud"]
    assert hud["gender"] == "female" and hud["races"] == ["asian", "white"]
    assert hud["marital_status"] == "married" and hud["head_of_household"] == "married_with_dependents"


@pytest.mark.parametrize(
    ("cells", "field", "code"),
    [
        ({"marital_status": "engaged"}, "marital_status", "invalid_choice"),
        ({"zip_code": "2000"}, "zip_code", "bad_zip"),
        ({"state": "XX"}, "state", "invalid_choice"),
        ({"dependents": "-1"}, "dependents", "not_a_number"),
        ({"credit_score": "900", "credit_score_source": "equifax"}, "credit_score", "out_of_range"),
        ({"credit_score": "700"}, "credit_score_source", "missing_field"),
        (
            {"credit_score": "700", "credit_score_source": "equifax", "no_credit_score_reason": "other"},
            "no_credit_score_reason",
            "score_and_reason",
        ),
        ({"races": "white;not_reported"}, "races", "races_with_not_reported"),
        ({"races": "martian"}, "races", "invalid_choice"),
        ({"city": "Wash\x1bington"}, "city", "control_characters"),
        ({"monthly_debt": "-5"}, "monthly_debt", "negative_amount"),
        ({"disabled": "maybe"}, "disabled", "invalid_choice"),
    ],
)
def test_a_bad_hud_cell_rejects_the_file_with_its_row(agency, cells, field, code):
    eng, me = agency["engine"], agency["users"]["counselor"]
    before = _names(eng)
    header = ["display_name", *cells]
    body = "\n".join(
        [",".join(header), "Good Row" + "," * len(cells), ",".join(["Bad Row", *cells.values()])]
    )
    report = transfer.preview(eng, me, body.encode())
    assert [(p.row, p.field, p.code) for p in report.problems] == [(3, field, code)]
    with pytest.raises(transfer.ImportRejected):
        transfer.commit(eng, me, body.encode())
    assert _names(eng) == before


def test_an_old_file_without_hud_columns_leaves_them_not_asked(agency):
    eng, me = agency["engine"], agency["users"]["counselor"]
    transfer.commit(eng, me, b"display_name,household_size\nOld File,2\n")
    profile = hud_client.get_profile(eng, me, _names(eng)["Old File"])
    assert profile.version == 0 and profile.marital_status == "" and profile.dependents is None


def test_export_writes_hud_fields_with_labels_and_street_only_when_sensitive(agency):
    eng, me, admin = agency["engine"], agency["users"]["counselor"], agency["users"]["admin"]
    transfer.commit(eng, me, (HUD_HEADER + GOOD_ROW).encode())
    columns, rows = transfer.caseload(eng, me, label=labeler("es"))
    assert "street" not in columns and "zip_code" in columns
    ana = dict(zip(columns, next(r for r in rows if r[1] == "Ana Ramírez"), strict=True))
    assert ana["marital_status"] == "Casado o casada" and ana["races"] == "Negro o afroamericano; Blanco"
    columns, rows = transfer.caseload(eng, admin, include_sensitive=True)
    ana = dict(zip(columns, next(r for r in rows if r[1] == "Ana Ramírez"), strict=True))
    assert ana["street"] == "12 Calle Demo" and ana["marital_status"] == "married"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_camino_export_imports_again(agency, lang):
    eng, me = agency["engine"], agency["users"]["counselor"]
    transfer.commit(eng, me, (HUD_HEADER + GOOD_ROW).encode())
    columns, rows = transfer.caseload(eng, me, label=labeler(lang))
    exported = transfer.to_csv(columns, rows)
    count = len(rows)
    assert transfer.commit(eng, me, exported, aliases=aliases()) == count
    rows_back = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    names = [r["display_name"] for r in rows_back]
    with reading(eng) as s:
        anas = s.scalars(select(Household.id).where(Household.display_name == "Ana Ramírez")).all()
    first, again = (hud_client.get_profile(eng, me, hid) for hid in anas)
    keep = [f for f in hud_client.PROFILE_FIELDS if f != "street"]  # street leaves only in a sensitive export
    assert {f: getattr(again, f) for f in keep} == {f: getattr(first, f) for f in keep}
    assert len(names) == count


def test_an_xlsx_file_imports_like_a_csv(agency):
    eng, me = agency["engine"], agency["users"]["counselor"]
    columns = ["display_name", "marital_status", "dependents", "opened_on"]
    rows = [["Xl Row", "Single", 0, dt.date(2025, 1, 2)]]
    report = transfer.preview(eng, me, transfer.to_xlsx(columns, rows), aliases())
    assert not report.problems and report.rows[0]["hud"] == {"marital_status": "single", "dependents": 0}
    assert report.rows[0]["opened_on"].isoformat() == "2025-01-02"


def test_a_broken_xlsx_is_refused_as_a_whole(agency):
    report = transfer.preview(agency["engine"], agency["users"]["counselor"], b"PK\x03\x04broken")
    assert report.file_problem == "unknown_encoding"
