"""HUD client fields in a household import file: header and answer aliases, row checks, bulk save.

A file may name a HUD column by its code (`marital_status`) or by its label in English or Spanish, and
give an answer as a code or a label in either language; the labels come in a `HudAliases` built by the
caller (ui/hud_file/transfer_labels.py) so this module needs no translation catalog. A household whose
file leaves every HUD column blank gets no profile row: its answers stay "not asked yet".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from calculators import InputError
from db import text_guard
from db.hud_client import CHOICES, PROFILE_FIELDS, race_summary, validate_profile
from db.models import HudClientProfile

HUD_COLUMNS = PROFILE_FIELDS
YES = {"yes", "y", "si", "true", "1", "x"}
NO = {"no", "n", "false", "0"}
RACE_SPLIT = re.compile(r"[;,|]")


@lru_cache(maxsize=4096)  # a file repeats the same few answers thousands of times
def norm(text: str) -> str:
    """Text compared without case, accents or extra spaces ('Sí ' == 'si')."""
    text = unicodedata.normalize("NFKD", str(text)).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


@dataclass(frozen=True)
class HudAliases:
    """Header labels -> field, and per field answer labels -> code (keys already `norm`-ed)."""

    headers: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)


CODES_ONLY = HudAliases()


def column_of(header: str, aliases: HudAliases) -> str | None:
    """The HUD field a header names, or None."""
    if header in HUD_COLUMNS:
        return header
    return aliases.headers.get(norm(header))


def _code(key: str, value: str, aliases: HudAliases) -> str:
    """An answer as a code: the code itself (any case) or one of its labels."""
    wanted = norm(value)
    allowed = CHOICES.get(key, ())
    for code in allowed:
        if norm(code) == wanted:
            return code
    if key in ("disabled", "farm_worker", "colonias_resident", "discrimination_victim"):
        if wanted in YES:
            return "yes"
        if wanted in NO:
            return "no"
    found = aliases.values.get(key, {}).get(wanted)
    if found is None:
        raise InputError("invalid_choice", key)
    return found


def _races(value: str, aliases: HudAliases) -> list[str]:
    chosen = []
    for part in RACE_SPLIT.split(value.strip()):
        if not part:
            continue
        wanted = norm(part).replace(" ", "_")
        code = aliases.values.get("races", {}).get(norm(part), wanted)
        chosen.append(code)
    return chosen


def check(raw: dict[str, str], aliases: HudAliases) -> tuple[dict, list[tuple[str, str]]]:
    """The HUD cells of one row (keyed by field) to clean profile values, and (field, code) problems."""
    data: dict = {}
    problems: list[tuple[str, str]] = []
    for key, value in raw.items():
        value = (value or "").strip()
        if not value:
            continue
        try:
            text_guard.check(value, key)
            if key == "races":
                data[key] = _races(value, aliases)
            elif key in CHOICES and key != "state":
                data[key] = _code(key, value, aliases)
            elif key == "monthly_debt":
                data[key] = value.replace("$", "").replace(",", "")
            else:
                data[key] = value
            data.update(validate_profile({key: data[key]}))
        except InputError as err:
            data.pop(key, None)
            problems.append((err.field or key, err.code))
    if data.get("credit_score") is not None and data.get("no_credit_score_reason"):
        problems.append(("no_credit_score_reason", "score_and_reason"))
    if data.get("credit_score") is not None and not data.get("credit_score_source"):
        problems.append(("credit_score_source", "missing_field"))
    return data, problems


def profile_rows(pairs: list[tuple[object, dict]], user_id: int | None) -> list[HudClientProfile]:
    """Profile rows for (household, clean HUD values) pairs; sets each household's race from its races."""
    rows = []
    for hh, values in pairs:
        if not values:
            continue
        stored = dict(values)
        if "races" in stored:
            race = race_summary(stored["races"])
            if race is not None:
                hh.race = race
            stored["races"] = ",".join(stored["races"])
        rows.append(HudClientProfile(household_id=hh.id, updated_by=user_id, version=1, **stored))
    return rows


def export_values(profile, label=None) -> list:
    """A profile's HUD columns for an export row; choices as labels when `label(field, code)` is given."""
    out = []
    for key in HUD_COLUMNS:
        value = getattr(profile, key) if profile is not None else None
        if key == "races":
            codes = [c for c in (value or "").split(",") if c]
            value = "; ".join(label(key, c) if label else c for c in codes)
        elif key in CHOICES and key != "state" and value and label:
            value = label(key, value)
        out.append(value)
    return out
