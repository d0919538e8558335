"""HUD client fields in import and export files: header and answer labels in English and Spanish.

The import reads a column named by its code or its label in either language, and an answer given as
its code or its label in either language, so a Camino export in any language imports again.
"""

from __future__ import annotations

from functools import cache

import i18n
from db.hud_import import HUD_COLUMNS, HudAliases, norm
from ui.hud_file.labels import CHOICE_LABELS, FIELD_LABELS
from ui.labels import RACE_LABELS

_TABLES = {**CHOICE_LABELS, "races": {k: v for k, v in RACE_LABELS.items() if k != "multiple"}}


@cache
def aliases() -> HudAliases:
    """Every English and Spanish label of the HUD columns and of their answers, for the import."""
    headers: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    for lang in i18n.LANGUAGES:
        for key in HUD_COLUMNS:
            headers.setdefault(norm(i18n.gettext(FIELD_LABELS[key], lang)), key)
        for key, table in _TABLES.items():
            for code, text in table.items():
                values.setdefault(key, {}).setdefault(norm(i18n.gettext(text, lang)), code)
    return HudAliases(headers=headers, values=values)


def labeler(lang: str):
    """A `label(field, code)` for the export: the answer's text in `lang` (the code when unknown)."""

    def label(key: str, code: str) -> str:
        text = _TABLES.get(key, {}).get(code)
        return i18n.gettext(text, lang) if text else code

    return label
