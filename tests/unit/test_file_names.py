"""The files a family takes home are named in the document's language, in plain ASCII words."""

from __future__ import annotations

import pytest

from i18n import file_names as names


@pytest.mark.parametrize(
    ("stem", "lang", "parts", "expected"),
    [
        (names.ACTION_PLAN, "es", ("2026-12-07",), "plan-de-accion-2026-12-07.pdf"),
        (names.ACTION_PLAN, "en", ("2026-12-07",), "action-plan-2026-12-07.pdf"),
        (names.TENANT_RIGHTS, "es", ("dc",), "derechos-del-inquilino-dc.pdf"),
        (names.FEE_SCHEDULE, "es", (), "tarifas.pdf"),
        (names.FOLLOW_UP_LETTER, "es", (), "carta-de-seguimiento.pdf"),
        (names.NOTICES, "en", (), "notices-to-sign.pdf"),
        (names.APPOINTMENT, "es", (12,), "cita-12.pdf"),
        (names.CERTIFICATE, "es", (3, 1), "certificado-3-1.pdf"),
        # a title: accents dropped, punctuation gone, six words at most
        (
            names.WORKSHOP_HANDOUT,
            "es",
            ("Préstamos para casa y sus tipos, incluido el préstamo con ITIN",),
            "taller-prestamos-para-casa-y-sus-tipos.pdf",
        ),
        (names.WORKSHOP_HANDOUT, "es", ("Cómo evitar estafas",), "taller-como-evitar-estafas.pdf"),
        (names.NOTICES, "fr", (), "notices-to-sign.pdf"),  # a language we do not have: English
    ],
)
def test_file_names(stem, lang, parts, expected):
    assert names.file_name(stem, lang, *parts) == expected


def test_every_spanish_name_differs_from_the_english_one():
    stems = [v for k, v in vars(names).items() if k.isupper() and isinstance(v, str) and k != "WORDS"]
    assert len(stems) == 8
    for stem in stems:
        assert names.file_name(stem, "es") != names.file_name(stem, "en"), stem
