"""Workshop modules as data: one bilingual Markdown file per module, loaded and checked here.

The file format is documented in README.md next to this file. `modules()` returns every module in
order; `validate_text()` lists every problem in one file so the content test can show them all.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

HERE = Path(__file__).resolve().parent
LANGUAGES = ("en", "es")

# HUD-9902 section 8 purposes (the same codes as db.codes.EDUCATION_TYPE; a test keeps them equal).
HUD_EDUCATION_TYPES = (
    "financial_literacy",
    "predatory_lending",
    "fair_housing",
    "homelessness_prevention",
    "rental",
    "prepurchase",
    "post_purchase",
    "delinquency",
    "disaster_preparedness",
    "disaster_recovery",
)
AUDIENCES = ("pre_purchase", "renter", "financial_capability", "homeowner")

# Query parameters each calculator page binds to the URL (widget key -> allowed values). A preset may
# use only these. ("number", min, max) is a number in that range; ("choice", values) one of the codes.
# Aligned on 2026-11-27 with the keys the calculator pages bind (app_pages/affordability.py and
# ui/affordability/ (inputs.py, costs.py), app_pages/assistance.py and ui/assistance/inputs.py, app_pages/budget.py and
# ui/budget/ (view.py, debts.py, remittance.py), app_pages/tenant_rights.py and ui/tenant_rights/).
# Rates are in percent as typed on screen (6.5 means 6.5%), not decimal fractions.
_MONEY = ("number", 0.0, 10_000_000.0)
_MONTHLY = ("number", 0.0, 1_000_000.0)
_SCORE = ("number", 0.0, 850.0)  # 0 means "not known" on these pages
_AREAS = ("dc", "montgomery_md", "prince_georges_md", "arlington_va", "fairfax_va", "alexandria_va", "other")
_LOANS = ("conventional", "fha", "va", "usda", "itin")
_BOOL = ("choice", ("true", "false"))
PRESET_PARAMS: dict[str, dict[str, tuple]] = {
    "affordability": {
        "mode": ("choice", ("afford", "home", "compare", "rent", "target")),
        "loan": ("choice", _LOANS),
        "rate": ("number", 0.0, 20.0),
        "term": ("number", 5.0, 40.0),
        "income": _MONTHLY,
        "car": _MONTHLY,
        "cards": _MONTHLY,
        "student": _MONTHLY,
        "other_debt": _MONTHLY,
        "credit": _SCORE,
        "area": ("choice", _AREAS),
        "cash": _MONEY,
        "reserves": _MONEY,
        "price": _MONEY,
        "down": _MONEY,
    },
    "assistance": {
        "dpa_area": ("choice", _AREAS),
        "dpa_size": ("number", 1.0, 12.0),
        "dpa_income": _MONEY,
        "dpa_borrower": _MONEY,
        "dpa_assets": _MONEY,
        "dpa_first": _BOOL,
        "dpa_credit": _SCORE,
        "dpa_employer": ("choice", ("none", "dc_government", "montgomery_county")),
        "dpa_price": _MONEY,
        "dpa_loan": ("choice", _LOANS),
        "dpa_loan_amount": _MONEY,
    },
    "budget": {
        "debt_budget": _MONTHLY,
        "savings": _MONEY,
        "starter_goal": _MONEY,
        "starting_balance": _MONEY,
        "goal": _MONEY,
        "monthly_deposit": _MONTHLY,
        "savings_rate": ("number", 0.0, 20.0),
        "tanda_members": ("number", 2.0, 30.0),
        "tanda_payout_month": ("number", 1.0, 30.0),
        "transfers_per_month": ("number", 0.0, 31.0),
        "banked": _BOOL,
    },
    "tenant-rights": {
        "tr_place": ("choice", ("dc", "montgomery_md", "takoma_park_md", "prince_georges_md", "virginia")),
        "tr_topic": (
            "choice",
            (
                "all",
                "before_signing",
                "move_in",
                "security_deposit",
                "repairs",
                "rent_increase",
                "eviction_notice",
                "lockout_utilities",
                "discrimination",
                "language_access",
                "topa",
            ),
        ),
        "tr_rent": _MONTHLY,
        "tr_deposit": _MONTHLY,
        "tr_old_rent": _MONTHLY,
        "tr_new_rent": _MONTHLY,
        "tr_year_built": ("number", 1700.0, 2100.0),
    },
}

FRONT = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n", re.DOTALL)
SLIDE = re.compile(r"^=== slide ===$", re.MULTILINE)
SECTION = re.compile(r"^--- ([a-z.]+) ---$", re.MULTILINE)
SECTION_NAMES = ("en", "es", "notes.en", "notes.es", "questions.en", "questions.es", "calculator")
FRONT_KEYS = {"id", "order", "title", "audience", "hud_education_type", "minutes", "source_urls"}
MIN_SLIDES, MAX_SLIDES = 6, 12


class ContentError(ValueError):
    """A workshop file breaks the format; `.problems` lists every issue found."""

    def __init__(self, path: str, problems: list[str]):
        super().__init__(f"{path}: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Preset:
    """A calculator opened pre-filled: its url path and query parameters."""

    page: str
    params: tuple[tuple[str, str], ...]
    label: tuple[tuple[str, str], ...] = ()  # optional (("en", ...), ("es", ...)) telling presets apart

    @property
    def url(self) -> str:
        """Relative link such as `affordability?gross_monthly_income=5200` (no client data, ever)."""
        return f"{self.page}?{urlencode(self.params)}" if self.params else self.page


@dataclass(frozen=True)
class Slide:
    """One step of a workshop: slide text, trainer notes, discussion questions, calculator links."""

    number: int
    title: dict[str, str]
    body: dict[str, str]
    notes: dict[str, str] = field(default_factory=dict)
    questions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    presets: tuple[Preset, ...] = ()


@dataclass(frozen=True)
class Module:
    """A workshop module: metadata from the front matter and its slides in order."""

    id: str
    order: int
    title: dict[str, str]
    audience: str
    hud_education_type: str
    minutes: int
    source_urls: tuple[str, ...]
    slides: tuple[Slide, ...]
    path: str = ""

    def questions(self, lang: str) -> list[str]:
        """All discussion questions of the module, in slide order."""
        return [q for slide in self.slides for q in slide.questions.get(lang, ())]


def parse_preset(line: str) -> tuple[Preset | None, list[str]]:
    """Read `page?key=value&... [| English label | Spanish label]`; return it and its problems."""
    link, *labels = (part.strip() for part in line.strip().split("|"))
    if labels and (len(labels) != 2 or not all(labels)):
        return None, [f"preset {link!r}: give both an English and a Spanish label, or none"]
    page, _, query = link.partition("?")
    if page not in PRESET_PARAMS:
        return None, [f"unknown calculator {page!r}"]
    allowed = PRESET_PARAMS[page]
    problems = []
    pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=False) if query else []
    seen = set()
    for key, value in pairs:
        if key in seen:
            problems.append(f"{page}: parameter {key!r} given twice")
        seen.add(key)
        spec = allowed.get(key)
        if spec is None:
            problems.append(f"{page}: unknown parameter {key!r}")
        elif spec[0] == "choice" and value not in spec[1]:
            problems.append(f"{page}: {key}={value!r} is not one of {', '.join(spec[1])}")
        elif spec[0] == "number":
            try:
                number = float(value)
            except ValueError:
                problems.append(f"{page}: {key}={value!r} is not a number")
                continue
            if not (spec[1] <= number <= spec[2]) or number != number:
                problems.append(f"{page}: {key}={value} is outside {spec[1]:g}..{spec[2]:g}")
    return Preset(page, tuple(pairs), tuple(zip(LANGUAGES, labels, strict=False))), problems


def _split_sections(block: str, number: int) -> tuple[dict[str, str], list[str]]:
    """Cut one slide block at its `--- name ---` markers."""
    problems = []
    parts = SECTION.split(block)
    if parts[0].strip():
        problems.append(f"slide {number}: text before the first section marker")
    sections: dict[str, str] = {}
    for name, text in zip(parts[1::2], parts[2::2], strict=True):
        if name not in SECTION_NAMES:
            problems.append(f"slide {number}: unknown section {name!r}")
        elif name in sections:
            problems.append(f"slide {number}: section {name!r} twice")
        else:
            sections[name] = text.strip()
    return sections, problems


def _title_and_body(text: str) -> tuple[str, str]:
    """A slide's first `## ` heading is its title; the rest is its body."""
    lines = text.strip().splitlines()
    if lines and lines[0].startswith("## "):
        return lines[0][3:].strip(), "\n".join(lines[1:]).strip()
    return "", text.strip()


def _list_items(text: str) -> tuple[str, ...]:
    return tuple(line[2:].strip() for line in text.splitlines() if line.startswith("- ") and line[2:].strip())


def _check_front(meta: dict) -> list[str]:
    problems = [f"front matter: unknown key {k!r}" for k in sorted(set(meta) - FRONT_KEYS)]
    problems += [f"front matter: missing {k!r}" for k in sorted(FRONT_KEYS - set(meta))]
    if problems:
        return problems
    if not re.fullmatch(r"[a-z][a-z0-9_]*", str(meta["id"])):
        problems.append("front matter: id must be snake_case")
    title = meta["title"]
    if not isinstance(title, dict) or any(not str(title.get(lg, "")).strip() for lg in LANGUAGES):
        problems.append("front matter: title needs en and es")
    if meta["audience"] not in AUDIENCES:
        problems.append(f"front matter: audience {meta['audience']!r} not in {AUDIENCES}")
    if meta["hud_education_type"] not in HUD_EDUCATION_TYPES:
        problems.append(f"front matter: hud_education_type {meta['hud_education_type']!r} unknown")
    if not isinstance(meta["minutes"], int) or not 15 <= meta["minutes"] <= 240:
        problems.append("front matter: minutes must be a whole number from 15 to 240")
    if not isinstance(meta["order"], int):
        problems.append("front matter: order must be a whole number")
    urls = meta["source_urls"]
    if not urls or any(not str(u).startswith(("http://", "https://")) for u in urls):
        problems.append("front matter: source_urls must be a non-empty list of web addresses")
    return problems


def parse(text: str, path: str = "<text>") -> tuple[Module | None, list[str]]:
    """Parse one module file; return the module (None if unusable) and every problem found."""
    match = FRONT.match(text)
    if not match:
        return None, ["missing +++ TOML front matter at the top"]
    try:
        meta = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as exc:
        return None, [f"front matter is not valid TOML: {exc}"]
    problems = _check_front(meta)
    if problems:
        return None, problems
    blocks = SLIDE.split(text[match.end() :])
    if blocks[0].strip():
        problems.append("text between the front matter and the first '=== slide ===' marker")
    slides = []
    for number, block in enumerate(blocks[1:], start=1):
        sections, found = _split_sections(block, number)
        problems += found
        titles, bodies = {}, {}
        for lg in LANGUAGES:
            title, body = _title_and_body(sections.get(lg, ""))
            if not title:
                problems.append(f"slide {number}: '{lg}' section needs a '## ' title line")
            if not body:
                problems.append(f"slide {number}: '{lg}' section has no text under its title")
            titles[lg], bodies[lg] = title, body
        notes = {lg: sections.get(f"notes.{lg}", "") for lg in LANGUAGES}
        if bool(notes["en"]) != bool(notes["es"]):
            problems.append(f"slide {number}: trainer notes must be in both languages")
        questions = {lg: _list_items(sections.get(f"questions.{lg}", "")) for lg in LANGUAGES}
        if len(questions["en"]) != len(questions["es"]):
            problems.append(f"slide {number}: questions differ in number between en and es")
        presets = []
        for line in sections.get("calculator", "").splitlines():
            if line.strip():
                preset, found = parse_preset(line)
                problems += [f"slide {number}: {p}" for p in found]
                if preset:
                    presets.append(preset)
        slides.append(Slide(number, titles, bodies, notes, questions, tuple(presets)))
    if not MIN_SLIDES <= len(slides) <= MAX_SLIDES:
        problems.append(f"has {len(slides)} slides; a module needs {MIN_SLIDES} to {MAX_SLIDES}")
    if not any(s.questions["en"] for s in slides):
        problems.append("no discussion questions")
    if not any(s.notes["en"] for s in slides):
        problems.append("no trainer notes")
    module = Module(
        id=meta["id"],
        order=meta["order"],
        title={lg: meta["title"][lg] for lg in LANGUAGES},
        audience=meta["audience"],
        hud_education_type=meta["hud_education_type"],
        minutes=meta["minutes"],
        source_urls=tuple(meta["source_urls"]),
        slides=tuple(slides),
        path=path,
    )
    return module, problems


def module_files(folder: Path = HERE) -> list[Path]:
    """The module files, in file-name order (NN_name.md)."""
    return sorted(p for p in folder.glob("*.md") if p.name != "README.md")


@cache
def modules() -> tuple[Module, ...]:
    """Every workshop module, by `order`; raises ContentError if any file breaks the format."""
    found = []
    ids = set()
    for path in module_files():
        module, problems = parse(path.read_text(encoding="utf-8"), path.name)
        if module and module.id in ids:
            problems.append(f"duplicate module id {module.id!r}")
        if problems or module is None:
            raise ContentError(path.name, problems)
        ids.add(module.id)
        found.append(module)
    return tuple(sorted(found, key=lambda m: (m.order, m.id)))


def module(module_id: str) -> Module:
    """One module by id (KeyError when there is none)."""
    for candidate in modules():
        if candidate.id == module_id:
            return candidate
    raise KeyError(module_id)
