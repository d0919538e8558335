"""Tenant-rights checklists for DC, Maryland and Virginia: bilingual items with citations, loaded from TOML.

`checklists(as_of)` gives, per jurisdiction, the items in force on a date (superseded items are left out).
`lint()` checks every item; `python -m curricula.tenant_rights lint` prints problems and warnings.
General information, not legal advice.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from curricula import readability

CONTENT_DIR = Path(__file__).resolve().parent
JURISDICTIONS = ("dc", "montgomery_md", "prince_georges_md", "virginia")
CHECKLIST_FILES = ("dc", "maryland", "montgomery_md", "prince_georges_md", "virginia")
ANSWERS = ("yes", "no", "not_sure")
LANGS = ("en", "es")
OFFICES_TZ = ZoneInfo("America/New_York")  # curricula imports none of ours; the same zone as calculators.clock
ITEM_FIELDS = frozenset(
    {
        "id",
        "topic",
        "local",
        "text",
        "red_flag_if",
        "next_steps",
        "contacts",
        "citation",
        "source_url",
        "effective_from",
        "effective_to",
        "last_verified",
    }
)
STALE_AFTER_DAYS = 365


def _read(name: str) -> dict:
    with (CONTENT_DIR / f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


@cache
def _files() -> dict[str, dict]:
    """Every checklist file, parsed once."""
    return {name: _read(name) for name in CHECKLIST_FILES}


@cache
def topics() -> list[dict]:
    """The topics in walking order: [{id, title{en,es}}]."""
    return _read("topics")["topic"]


@cache
def contacts() -> dict[str, dict]:
    """Who to call, by id: {name{en,es}, phone?, url?, source_url, last_verified}."""
    return {c["id"]: c for c in _read("contacts")["contact"]}


@cache
def places() -> dict[str, dict]:
    """The places a counselor can pick, by id: {checklist, name{en,es}} (Takoma Park uses Montgomery's list)."""
    return {p["id"]: p for p in _read("places")["place"]}


@cache
def local_areas() -> dict[str, dict]:
    """Labels for items that apply only in part of a jurisdiction, by id."""
    return {a["id"]: a for a in _read("places")["local"]}


def checklist_for(place: str, as_of=None, topics: Collection[str] | None = None) -> list[dict]:
    """The items in force for a place (Takoma Park's own items only there), optionally for some topics."""
    if place not in places():
        raise KeyError(place)
    items = checklists(as_of)[places()[place]["checklist"]]["items"]
    items = [i for i in items if i.get("local") != "takoma_park_md" or place == "takoma_park_md"]
    return [i for i in items if topics is None or i["topic"] in topics]


def review_date() -> dt.date:
    """The most recent day the content was checked, for the 'general information' notice."""
    return max(i["last_verified"] for i in all_items())


def all_items() -> list[dict]:
    """Every item of every file, current or not, each with the jurisdictions it applies to and its file."""
    items = []
    for name, data in _files().items():
        for item in data.get("item", []):
            items.append({**item, "jurisdictions": list(data.get("jurisdictions", [])), "file": name})
    return items


def in_force(item: dict, day: dt.date) -> bool:
    """True when the item's rule applies on `day` (started, and not past its effective_to)."""
    if item["effective_from"] > day:
        return False
    return item.get("effective_to") is None or day < item["effective_to"]


def checklists(as_of=None) -> dict[str, dict]:
    """Per jurisdiction: {name{en,es}, items} with only the items in force on `as_of` (default today)."""
    day = _as_day(as_of)
    topic_order = {t["id"]: i for i, t in enumerate(topics())}
    names = {}
    for data in _files().values():
        js = data.get("jurisdictions", [])
        if len(js) == 1:
            names[js[0]] = data["name"]
    result = {}
    for jurisdiction in JURISDICTIONS:
        items = [i for i in all_items() if jurisdiction in i["jurisdictions"] and in_force(i, day)]
        # State items come before county items within a topic; file order otherwise.
        items.sort(key=lambda i: topic_order.get(i["topic"], 99))
        result[jurisdiction] = {
            "name": names.get(jurisdiction, {"en": jurisdiction, "es": jurisdiction}),
            "items": items,
        }
    return result


def red_flags(items: list[dict], answers: dict[str, str]) -> list[dict]:
    """Items whose answer is the red-flag answer (a 'not sure' on a yes/no item is returned as to-check)."""
    flagged = []
    for item in items:
        answer = answers.get(item["id"])
        if answer is None:
            continue
        if answer == item["red_flag_if"]:
            flagged.append({**item, "flag": "red"})
        elif answer == "not_sure":
            flagged.append({**item, "flag": "check"})
    return flagged


def _as_day(value) -> dt.date:
    if value is None:
        return dt.datetime.now(OFFICES_TZ).date()  # the offices' day, not the server's (calculators.clock)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# ----------------------------------------------------------------------------------- linter


@dataclass
class LintReport:
    """Problems fail the build; warnings (reading level, stale reviews) are printed for a writer to fix."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _bilingual_problems(where: str, value) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where}: must be a table with en and es"]
    return [f"{where}: missing {lang}" for lang in LANGS if not str(value.get(lang, "")).strip()]


def _item_problems(item: dict, topic_ids: set[str], contact_ids: set[str]) -> list[str]:
    where = f"{item.get('file')}: {item.get('id', '<no id>')}"
    problems = [
        f"{where}: unknown field {k}" for k in item if k not in ITEM_FIELDS | {"jurisdictions", "file"}
    ]
    if not item.get("id"):
        problems.append(f"{where}: missing id")
    if item.get("topic") not in topic_ids:
        problems.append(f"{where}: unknown topic {item.get('topic')!r}")
    if item.get("local") is not None and item["local"] not in local_areas():
        problems.append(f"{where}: unknown local area {item['local']!r}")
    problems += _bilingual_problems(f"{where} text", item.get("text"))
    problems += _bilingual_problems(f"{where} next_steps", item.get("next_steps"))
    if item.get("red_flag_if") not in ANSWERS:
        problems.append(f"{where}: red_flag_if must be one of {', '.join(ANSWERS)}")
    if not str(item.get("citation", "")).strip():
        problems.append(f"{where}: missing citation")
    if not str(item.get("source_url", "")).startswith("http"):
        problems.append(f"{where}: missing or bad source_url")
    for key in ("effective_from", "last_verified"):
        if not isinstance(item.get(key), dt.date):
            problems.append(f"{where}: {key} must be a TOML date")
    if "effective_to" in item:
        if not isinstance(item["effective_to"], dt.date):
            problems.append(f"{where}: effective_to must be a TOML date")
        elif (
            isinstance(item.get("effective_from"), dt.date) and item["effective_to"] <= item["effective_from"]
        ):
            problems.append(f"{where}: effective_to is not after effective_from")
    contact_list = item.get("contacts")
    if not isinstance(contact_list, list) or not contact_list:
        problems.append(f"{where}: needs at least one contact")
    else:
        problems += [f"{where}: unknown contact {c!r}" for c in contact_list if c not in contact_ids]
    return problems


def _contact_problems(contact: dict) -> list[str]:
    where = f"contacts: {contact.get('id', '<no id>')}"
    problems = _bilingual_problems(f"{where} name", contact.get("name"))
    if not str(contact.get("source_url", "")).startswith("http"):
        problems.append(f"{where}: missing or bad source_url")
    if not isinstance(contact.get("last_verified"), dt.date):
        problems.append(f"{where}: last_verified must be a TOML date")
    if contact.get("url") is not None and not str(contact["url"]).startswith("http"):
        problems.append(f"{where}: url is not a web address")
    return problems


def _reading_warnings(item: dict) -> list[str]:
    """Warn when the English reads above grade 9 or the Spanish below INFLESZ 'bastante fácil'."""
    where = f"{item.get('file')}: {item.get('id')}"
    warnings = []
    for part in ("text", "next_steps"):
        value = item.get(part) or {}
        grade = readability.flesch_kincaid_grade(value.get("en", ""))
        if grade > readability.FK_GRADE_LIMIT:
            warnings.append(
                f"{where} {part} (en): reading grade {grade:.1f} is above {readability.FK_GRADE_LIMIT:.0f}"
            )
        score = readability.szigriszt_pazos(value.get("es", ""))
        if score < readability.INFLESZ_FAIRLY_EASY:
            warnings.append(
                f"{where} {part} (es): INFLESZ {score:.0f} ({readability.inflesz_band(score)}) "
                f"is below {readability.INFLESZ_FAIRLY_EASY:.0f} (bastante fácil)"
            )
    return warnings


def lint(items: list[dict] | None = None, as_of=None, shown: dict[str, dict] | None = None) -> LintReport:
    """Check content: both languages, citation, source and dates on every item; nothing expired shown as current.

    `items` defaults to all content; `shown` defaults to `checklists(as_of)` (what the page would show).
    """
    day = _as_day(as_of)
    items = all_items() if items is None else items
    report = LintReport()
    topic_ids = {t["id"] for t in topics()}
    contact_ids = set(contacts())
    for contact in contacts().values():
        report.problems += _contact_problems(contact)
    seen: set[str] = set()
    for item in items:
        try:
            report.problems += _item_problems(item, topic_ids, contact_ids)
            item_id = repr(item.get("id"))
            if item_id in seen:
                report.problems.append(f"{item.get('file')}: duplicate id {item['id']}")
            seen.add(item_id)
            report.warnings += _reading_warnings(item)
        except (TypeError, AttributeError, KeyError, ValueError) as err:
            # A structurally broken item (a list where text belongs, a missing table) is a problem to report.
            where = item.get("id", "<no id>") if isinstance(item, dict) else "<not a table>"
            report.problems.append(f"{where}: malformed item ({type(err).__name__})")
            continue
        verified = item.get("last_verified")
        if isinstance(verified, dt.date) and (day - verified).days > STALE_AFTER_DAYS:
            report.warnings.append(
                f"{item.get('file')}: {item.get('id')} last verified {verified}, over a year ago"
            )
    shown = checklists(day) if shown is None else shown
    for jurisdiction, checklist in shown.items():
        if not checklist["items"]:
            report.problems.append(f"{jurisdiction}: no items in force on {day}")
        for item in checklist["items"]:
            end = item.get("effective_to")
            if isinstance(end, dt.date) and end <= day:
                report.problems.append(f"{jurisdiction}: {item['id']} ended {end} but is shown as current")
            start = item.get("effective_from")
            if isinstance(start, dt.date) and start > day:
                report.problems.append(f"{jurisdiction}: {item['id']} starts {start} but is shown as current")
    return report
