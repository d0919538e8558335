"""Reading-ease scores for plain-language checks: Flesch-Kincaid grade (English) and INFLESZ (Spanish).

Syllables are counted with spelling heuristics, good enough to flag hard sentences, not to grade a text.
Spanish uses the Szigriszt-Pazos perspicuity formula with the INFLESZ scale (Barrio-Cantalejo et al., 2008):
below 40 very hard, 40-55 somewhat hard, 55-65 normal, 65-80 fairly easy ("bastante fácil"), 80+ very easy.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?;:]+(?=\s|$)")
ENGLISH_VOWELS = "aeiouy"
SPANISH_STRONG = set("aeoáéíóú")  # accented í and ú are strong: they break a diphthong (María, baúl)
SPANISH_WEAK = set("iuü")
INFLESZ_FAIRLY_EASY = 65.0
FK_GRADE_LIMIT = 9.0


def words(text: str) -> list[str]:
    """The words of a text (letters only; numbers and symbols are skipped)."""
    return WORD.findall(text or "")


def sentence_count(text: str) -> int:
    """Sentences, counted by end punctuation (a text without any counts as one)."""
    stripped = (text or "").strip()
    if not stripped:
        return 0
    ends = len(SENTENCE_END.findall(stripped))
    # A final sentence without punctuation still counts.
    return ends + (0 if SENTENCE_END.search(stripped[-1:] + " ") else 1)


def english_syllables(word: str) -> int:
    """Syllables in an English word: vowel groups, less a silent final e, at least one."""
    w = word.lower().replace("’", "'").split("'")[0]
    if len(w) <= 3:
        return 1
    if w.endswith("e") and not w.endswith(("le", "ee", "ie", "ye")):
        w = w[:-1]
    elif (
        w.endswith("es")
        and not w.endswith(("ses", "ces", "zes", "ges", "xes", "shes", "ches"))
        or w.endswith("ed")
        and not w.endswith(("ted", "ded"))
    ):
        w = w[:-2]
    groups = re.findall(f"[{ENGLISH_VOWELS}]+", w)
    return max(1, len(groups))


def spanish_syllables(word: str) -> int:
    """Syllables in a Spanish word: vowel nuclei, joining diphthongs and triphthongs, splitting hiatus."""
    w = word.lower()
    # 'y' is a vowel at the end of a word (hoy, muy) and as the word 'y'.
    if w == "y":
        return 1
    if w.endswith("y"):
        w = w[:-1] + "i"
    count = 0
    previous = ""
    for ch in w:
        is_vowel = ch in SPANISH_STRONG or ch in SPANISH_WEAK
        if not is_vowel:
            previous = ""
            continue
        if previous and (previous in SPANISH_WEAK or ch in SPANISH_WEAK):
            # strong+weak, weak+strong or weak+weak: same syllable (diphthong)
            previous = ch
            continue
        count += 1  # a new nucleus: first vowel of a group, or hiatus of two strong vowels
        previous = ch
    return max(1, count)


def flesch_kincaid_grade(text: str) -> float:
    """U.S. school grade needed to read an English text (0 for an empty one)."""
    ws = words(text)
    if not ws:
        return 0.0
    sentences = max(1, sentence_count(text))
    syllables = sum(english_syllables(w) for w in ws)
    return 0.39 * len(ws) / sentences + 11.8 * syllables / len(ws) - 15.59


def szigriszt_pazos(text: str) -> float:
    """Szigriszt-Pazos perspicuity of a Spanish text (higher is easier; read on the INFLESZ scale)."""
    ws = words(text)
    if not ws:
        return 100.0
    sentences = max(1, sentence_count(text))
    syllables = sum(spanish_syllables(w) for w in ws)
    return 206.835 - 62.3 * syllables / len(ws) - len(ws) / sentences


def fernandez_huerta(text: str) -> float:
    """Fernández-Huerta reading ease of a Spanish text, in its corrected form (words per sentence)."""
    ws = words(text)
    if not ws:
        return 100.0
    sentences = max(1, sentence_count(text))
    syllables = sum(spanish_syllables(w) for w in ws)
    return 206.84 - 60.0 * syllables / len(ws) - 1.02 * len(ws) / sentences


def inflesz_band(score: float) -> str:
    """The INFLESZ label for a Szigriszt-Pazos score."""
    if score < 40:
        return "muy difícil"
    if score < 55:
        return "algo difícil"
    if score < 65:
        return "normal"
    if score < 80:
        return "bastante fácil"
    return "muy fácil"
