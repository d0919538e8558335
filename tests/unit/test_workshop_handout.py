"""Workshop handouts: every slide and question in the chosen language, and never a trainer note."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from calculators import InputError
from curricula import workshops
from reports.workshop_handout import handout_pdf

CASES = [(m, lang) for m in workshops.modules() for lang in ("en", "es")]


def squash(text: str) -> str:
    """Text without line breaks or doubled spaces, so wrapped lines still match."""
    return re.sub(r"\s+", " ", text).strip()


def plain(markdown: str) -> str:
    return squash(markdown.replace("**", ""))


@pytest.fixture(scope="module")
def handouts():
    texts = {}
    for module, lang in CASES:
        reader = PdfReader(io.BytesIO(handout_pdf(module, lang)))
        texts[module.id, lang] = (len(reader.pages), squash(" ".join(p.extract_text() for p in reader.pages)))
    return texts


@pytest.mark.parametrize("module, lang", CASES, ids=[f"{m.id}-{lang}" for m, lang in CASES])
def test_handout_has_every_slide_and_question(handouts, module, lang):
    pages, text = handouts[module.id, lang]
    assert pages >= 1
    assert module.title[lang] in text
    for slide in module.slides:
        assert slide.title[lang] in text
        first_line = plain(slide.body[lang].splitlines()[0].lstrip("- "))
        assert first_line[:40] in text
        for question in slide.questions.get(lang, ()):
            assert squash(question)[:40] in text


@pytest.mark.parametrize("module, lang", CASES, ids=[f"{m.id}-{lang}" for m, lang in CASES])
def test_handout_never_contains_trainer_notes(handouts, module, lang):
    _pages, text = handouts[module.id, lang]
    for slide in module.slides:
        for notes_lang in ("en", "es"):
            note = squash(slide.notes.get(notes_lang, ""))
            if note:
                assert note[:40] not in text


@pytest.mark.parametrize(
    "lang, present, absent",
    [
        (
            "es",
            ["Página 1 de", "Para conversar:", "Mis notas y mis próximos pasos", "Fuentes"],
            ["To talk about"],
        ),
        ("en", ["Page 1 of", "To talk about:", "My notes and next steps", "Sources"], ["Para conversar"]),
    ],
)
def test_handout_wording_is_in_one_language(handouts, lang, present, absent):
    _pages, text = handouts["renter", lang]
    for part in present:
        assert part in text
    for part in absent:
        assert part not in text


def test_unknown_language_is_an_input_error():
    with pytest.raises(InputError) as err:
        handout_pdf(workshops.module("renter"), "fr")
    assert err.value.field == "lang"
