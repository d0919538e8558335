"""Translations and locale-aware formatting for English and Spanish, looked up per call (never installed globally)."""

from __future__ import annotations

import datetime as dt
import math
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

from babel.dates import format_date as _babel_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from babel.numbers import format_percent as _babel_percent
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES = {"en": "English", "es": "Español"}
BABEL_LOCALE = {"en": "en_US", "es": "es_US"}
DEFAULT_LANGUAGE = "en"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translated later with _())."""
    return message


def normalize_language(value: str | None) -> str:
    """Map a browser locale such as 'es-US' or 'es_MX' to one of our languages."""
    if not value:
        return DEFAULT_LANGUAGE
    code = str(value).replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@cache
def translations(lang: str) -> NullTranslations:
    """The catalog for a language, compiled in memory from every .po file in its folder."""
    lang = normalize_language(lang)
    if lang == DEFAULT_LANGUAGE:
        return NullTranslations()
    merged = None
    for po_path in sorted((LOCALES_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        if merged is None:
            merged = catalog
        else:
            for message in catalog:
                if message.id and message.string:
                    merged[message.id] = message
    if merged is None:
        return NullTranslations()
    buf = BytesIO()
    write_mo(buf, merged)
    buf.seek(0)
    return Translations(fp=buf)


def gettext(message: str, lang: str) -> str:
    return translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    return translations(lang).ngettext(singular, plural, n)


def locale_of(lang: str) -> str:
    return BABEL_LOCALE[normalize_language(lang)]


def _finite(value) -> float:
    value = float(value)
    return 0.0 if math.isnan(value) or math.isinf(value) else value


# Babel parses the locale and the number pattern on every call; pages show the same figures on every
# rerun, so the formatted strings are remembered (keys are a float, a locale name and a small option).
@lru_cache(maxsize=16384)
def _money(value: float, locale: str, cents: bool) -> str:
    if cents:
        return format_currency(value, "USD", locale=locale)
    return format_currency(round(value), "USD", format="¤#,##0", locale=locale, currency_digits=False)


@lru_cache(maxsize=16384)
def _decimal(value: float, locale: str, pattern: str) -> str:
    return format_decimal(value, format=pattern, locale=locale)


@lru_cache(maxsize=16384)
def _percent(value: float, locale: str, pattern: str) -> str:
    return _babel_percent(value, format=pattern, locale=locale)


def format_money(amount, lang: str, *, cents: bool = True) -> str:
    """$1,234.50 in both languages (es_US keeps the dollar sign and decimal point families know)."""
    return _money(_finite(amount), locale_of(lang), cents)


def format_number(value, lang: str, digits: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return _decimal(_finite(value), locale_of(lang), pattern)


def format_percent(ratio, lang: str, digits: int = 1) -> str:
    """A decimal fraction as a percent: 0.0675 -> 6.75% with digits=2."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return _percent(_finite(ratio), locale_of(lang), pattern)


def format_date(value, lang: str, fmt: str = "long") -> str:
    """Dates spelled out ('5 de marzo de 2026') so day/month order is never ambiguous."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return _date(value, locale_of(lang), fmt)


@lru_cache(maxsize=16384)
def _date(value: dt.date, locale: str, fmt: str) -> str:
    """Like the numbers: a list of 50 households spells the same few hundred days on every rerun."""
    return _babel_date(value, format=fmt, locale=locale)


def text(value, lang: str) -> str:
    """Pick one language from a bilingual content value ({'en': ..., 'es': ...}); plain strings pass through."""
    if isinstance(value, dict):
        return value.get(normalize_language(lang)) or value.get(DEFAULT_LANGUAGE) or ""
    return "" if value is None else str(value)
