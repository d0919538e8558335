"""curricula.readability: syllable heuristics and the two reading-ease formulas."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from curricula import readability as r

SPANISH_SYLLABLES = [
    ("casa", 2),
    ("ciudad", 2),  # diphthong iu
    ("país", 2),  # accented í breaks the diphthong
    ("guía", 2),
    ("aéreo", 4),  # two strong vowels are a hiatus
    ("teatro", 3),
    ("cuidado", 3),
    ("hoy", 1),
    ("y", 1),
    ("ley", 1),
    ("buey", 1),  # triphthong
    ("inquilino", 4),
    ("depósito", 4),
    ("abogado", 4),
]


@pytest.mark.parametrize("word,expected", SPANISH_SYLLABLES)
def test_spanish_syllables(word, expected):
    assert r.spanish_syllables(word) == expected


ENGLISH_SYLLABLES = [
    ("the", 1),
    ("cat", 1),
    ("landlord", 2),
    ("notice", 2),  # silent final e
    ("people", 2),  # final -le is spoken
    ("received", 2),  # silent -ed
    ("deposit", 3),
    ("inspection", 3),
    ("advocate", 3),
]


@pytest.mark.parametrize("word,expected", ENGLISH_SYLLABLES)
def test_english_syllables(word, expected):
    assert r.english_syllables(word) == expected


def test_flesch_kincaid_grade_known_value():
    # 6 words, 1 sentence, 6 syllables: 0.39*6 + 11.8*1 - 15.59
    assert r.flesch_kincaid_grade("The cat sat on the mat.") == pytest.approx(0.39 * 6 + 11.8 - 15.59)


def test_szigriszt_pazos_known_value():
    # "El gato come." 3 words, 1 sentence, 1+2+2 = 5 syllables
    assert r.szigriszt_pazos("El gato come.") == pytest.approx(206.835 - 62.3 * 5 / 3 - 3)


def test_fernandez_huerta_known_value():
    assert r.fernandez_huerta("El gato come.") == pytest.approx(206.84 - 60 * 5 / 3 - 1.02 * 3)


def test_hard_text_scores_worse_than_plain_text():
    plain_en = "Call us. We can help. Bring your lease."
    hard_en = "Notwithstanding contractual stipulations, jurisdictional administrative adjudication necessitates documentation."
    assert r.flesch_kincaid_grade(hard_en) > r.FK_GRADE_LIMIT > r.flesch_kincaid_grade(plain_en)
    plain_es = "Llame hoy. Le ayudamos. Traiga su contrato."
    hard_es = "Independientemente de las estipulaciones contractuales, la adjudicación administrativa jurisdiccional necesita documentación."
    assert r.szigriszt_pazos(hard_es) < r.INFLESZ_FAIRLY_EASY < r.szigriszt_pazos(plain_es)


@pytest.mark.parametrize(
    "score,band",
    [
        (39.9, "muy difícil"),
        (40, "algo difícil"),
        (55, "normal"),
        (64.9, "normal"),
        (65, "bastante fácil"),
        (80, "muy fácil"),
    ],
)
def test_inflesz_band(score, band):
    assert r.inflesz_band(score) == band


def test_sentences_counts_final_sentence_without_period():
    assert r.sentence_count("Uno. Dos") == 2
    assert r.sentence_count("Pague 2.4 % más.") == 1  # a decimal point is not a sentence end
    assert r.sentence_count("") == 0


@given(st.text(max_size=300))
def test_scores_are_finite_for_any_text(text):
    for value in (r.flesch_kincaid_grade(text), r.szigriszt_pazos(text), r.fernandez_huerta(text)):
        assert value == value and abs(value) < 1e6
