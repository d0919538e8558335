"""Content linter for workshop modules: both languages everywhere, the required topics, and every
calculator preset resolving to query parameters its calculator page really binds."""

from __future__ import annotations

import re

import pytest

from curricula import workshops
from curricula.workshops import PRESET_PARAMS, parse, parse_preset

FILES = workshops.module_files()
MODULES = workshops.modules()
PRESETS = [(m.id, s.number, p.url) for m in MODULES for s in m.slides for p in s.presets]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_module_file_follows_the_format(path):
    module, problems = parse(path.read_text(encoding="utf-8"), path.name)
    assert problems == []
    assert module is not None and 6 <= len(module.slides) <= 12


def test_at_least_nine_modules_with_unique_ids():
    ids = [m.id for m in MODULES]
    assert len(ids) >= 9
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "module_id, hud_type, audience",
    [
        ("preparing", "prepurchase", "pre_purchase"),
        ("budget_credit", "prepurchase", "pre_purchase"),
        ("financing", "prepurchase", "pre_purchase"),
        ("assistance", "prepurchase", "pre_purchase"),
        ("shopping", "prepurchase", "pre_purchase"),
        ("closing", "prepurchase", "pre_purchase"),
        ("homeowner", "prepurchase", "pre_purchase"),
        ("renter", "rental", "renter"),
        ("money_goals", "financial_literacy", "financial_capability"),
        ("scams", "predatory_lending", "financial_capability"),
    ],
)
def test_required_topics_are_there(module_id, hud_type, audience):
    module = workshops.module(module_id)
    assert (module.hud_education_type, module.audience) == (hud_type, audience)


@pytest.mark.parametrize(
    "module_id, lang, words",
    [
        ("financing", "en", ["ITIN", "FHA", "conventional", "VA"]),
        ("financing", "es", ["ITIN", "FHA", "convencional", "VA"]),
        ("assistance", "en", ["HPAP", "Maryland Mortgage Program", "Virginia Housing", "Arlington"]),
        ("assistance", "es", ["HPAP", "Programa Hipotecario de Maryland", "Virginia Housing", "Arlington"]),
        ("shopping", "en", ["inspection", "appraisal"]),
        ("shopping", "es", ["inspección", "avalúo"]),
        ("homeowner", "en", ["foreclos"]),
        ("renter", "en", ["deposit", "Eviction", "Repairs"]),
        ("renter", "es", ["depósito", "desalojo", "Reparaciones"]),
        ("money_goals", "en", ["SMART", "Your Money, Your Goals"]),
        ("money_goals", "es", ["SMART", "Su dinero, sus metas"]),
    ],
)
def test_modules_cover_their_topic(module_id, lang, words):
    module = workshops.module(module_id)
    text = "\n".join(s.title[lang] + "\n" + s.body[lang] for s in module.slides)
    for word in words:
        assert word.lower() in text.lower(), f"{module_id} ({lang}) never mentions {word!r}"


def test_hud_education_types_match_the_database_codes():
    from db.codes import EDUCATION_TYPE

    assert workshops.HUD_EDUCATION_TYPES == EDUCATION_TYPE


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.id)
def test_spanish_is_a_translation_not_a_copy(module):
    for slide in module.slides:
        assert slide.body["es"] != slide.body["en"]
        assert slide.title["es"] != slide.title["en"]
        # Spanish for families uses "usted", never the informal "tú".
        assert not re.search(r"\btú\b", slide.body["es"] + slide.notes["es"], re.IGNORECASE)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.id)
def test_every_module_has_questions_notes_and_sources(module):
    assert len(module.questions("en")) == len(module.questions("es")) >= 3
    assert sum(1 for s in module.slides if s.notes["en"]) >= 2
    assert all(url.startswith("https://") for url in module.source_urls)


@pytest.mark.parametrize(
    "module_id, slide, url", PRESETS, ids=[f"{m}-{s}-{u.split('?')[0]}" for m, s, u in PRESETS]
)
def test_every_preset_link_uses_valid_calculator_parameters(module_id, slide, url):
    preset, problems = parse_preset(url)
    assert problems == [], f"{module_id} slide {slide}: {problems}"
    assert preset is not None and preset.url == url


def test_presets_reach_every_calculator():
    assert {p.split("?")[0] for _m, _s, p in PRESETS} == set(PRESET_PARAMS)


@pytest.mark.parametrize(
    "line, problem",
    [
        ("mortgage?price=1", "unknown calculator"),
        ("affordability?salary=5000", "unknown parameter 'salary'"),
        ("affordability?loan=jumbo", "not one of"),
        ("affordability?income=lots", "not a number"),
        ("affordability?income=-5", "outside"),
        ("affordability?rate=6.5&rate=7", "given twice"),
        ("budget?debt_budget=600 | Six hundred", "both an English and a Spanish label"),
        ("tenant-rights?tr_place=maryland", "not one of"),
    ],
)
def test_preset_checker_rejects_bad_links(line, problem):
    _preset, problems = parse_preset(line)
    assert any(problem in p for p in problems), problems


GOOD_SLIDE = """=== slide ===
--- en ---
## Title
- text
--- es ---
## Título
- texto
--- notes.en ---
note
--- notes.es ---
nota
--- questions.en ---
- Why?
--- questions.es ---
- ¿Por qué?
"""
FRONT = """+++
id = "sample"
order = 99
audience = "renter"
hud_education_type = "rental"
minutes = 30
source_urls = ["https://example.org/"]

[title]
en = "Sample"
es = "Ejemplo"
+++
"""


def test_a_well_formed_sample_passes():
    module, problems = parse(FRONT + GOOD_SLIDE * 6)
    assert problems == [] and module is not None and len(module.slides) == 6


@pytest.mark.parametrize(
    "text, problem",
    [
        (FRONT + GOOD_SLIDE * 5, "has 5 slides"),
        (FRONT + GOOD_SLIDE * 13, "has 13 slides"),
        (FRONT + GOOD_SLIDE.replace("--- es ---\n## Título\n- texto\n", "") + GOOD_SLIDE * 5, "'es' section"),
        (FRONT + GOOD_SLIDE.replace("## Título\n", "") + GOOD_SLIDE * 5, "needs a '## ' title"),
        (FRONT + GOOD_SLIDE.replace("--- notes.es ---\nnota\n", "") + GOOD_SLIDE * 5, "both languages"),
        (FRONT + GOOD_SLIDE.replace("- ¿Por qué?\n", "") + GOOD_SLIDE * 5, "differ in number"),
        (
            FRONT + GOOD_SLIDE.replace("--- notes.en ---", "--- nots.en ---") + GOOD_SLIDE * 5,
            "unknown section",
        ),
        (
            FRONT + GOOD_SLIDE + "--- calculator ---\nbudget?rent=5\n" + GOOD_SLIDE * 5,
            "unknown parameter 'rent'",
        ),
        (
            FRONT.replace('hud_education_type = "rental"', 'hud_education_type = "rent"') + GOOD_SLIDE * 6,
            "hud_education_type",
        ),
        (FRONT.replace('es = "Ejemplo"', 'es = ""') + GOOD_SLIDE * 6, "title needs en and es"),
        (FRONT.replace("minutes = 30", "minutes = 30\ncolor = 1") + GOOD_SLIDE * 6, "unknown key 'color'"),
        (FRONT.replace('["https://example.org/"]', "[]") + GOOD_SLIDE * 6, "source_urls"),
        (GOOD_SLIDE * 6, "front matter"),
    ],
)
def test_validator_reports_broken_files(text, problem):
    _module, problems = parse(text)
    assert any(problem in p for p in problems), problems


def test_modules_refuses_to_load_a_broken_folder(tmp_path, monkeypatch):
    (tmp_path / "01_bad.md").write_text(FRONT + GOOD_SLIDE * 2)
    monkeypatch.setattr(workshops, "HERE", tmp_path)
    monkeypatch.setattr(workshops, "module_files", lambda folder=tmp_path: sorted(tmp_path.glob("*.md")))
    workshops.modules.cache_clear()
    try:
        with pytest.raises(workshops.ContentError) as err:
            workshops.modules()
        assert "01_bad.md" in str(err.value)
    finally:
        monkeypatch.undo()
        workshops.modules.cache_clear()


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.id)
def test_slides_stay_short_enough_to_read_from_the_back_of_the_room(module):
    for slide in module.slides:
        for lang in ("en", "es"):
            lines = [line for line in slide.body[lang].splitlines() if line.strip()]
            assert len(lines) <= 6, f"{module.id} slide {slide.number} ({lang}) has {len(lines)} lines"
            for line in lines:
                words = len(re.findall(r"\w+", line))
                assert words <= 35, (
                    f"{module.id} slide {slide.number} ({lang}): {words} words in {line[:50]!r}"
                )
