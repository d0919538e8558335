"""Catalog upkeep: add Spanish entries to messages.po and report messages that still lack Spanish.

`python -m i18n.catalog missing` lists extracted messages with no Spanish translation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from i18n import LOCALES_DIR

ROOT = Path(__file__).resolve().parent.parent
MAIN_PO = LOCALES_DIR / "es" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
SOURCES = ("streamlit_app.py", "pages", "ui", "reports", "i18n/labels.py")


def extracted_messages() -> dict[str, tuple[str, int]]:
    """Every translatable string in the app, with one place it appears."""
    found: dict[str, tuple[str, int]] = {}
    method_map = [("**.py", "python")]
    for source in SOURCES:
        path = ROOT / source
        if path.is_file():
            from babel.messages.extract import extract_from_file

            items = (
                (source, lineno, msg, comments, ctx)
                for lineno, msg, comments, ctx in extract_from_file("python", str(path), keywords=KEYWORDS)
            )
        else:
            items = extract_from_dir(str(path), method_map, keywords=KEYWORDS)
        for filename, lineno, message, _comments, _context in items:
            key = message[0] if isinstance(message, tuple) else message
            found.setdefault(key, (f"{source}/{filename}" if path.is_dir() else source, lineno))
    return found


def catalogs(lang: str = "es") -> list[Catalog]:
    result = []
    for po in sorted((LOCALES_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as f:
            result.append(read_po(f, locale=lang))
    return result


def translated_ids(lang: str = "es") -> set[str]:
    ids = set()
    for catalog in catalogs(lang):
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if all(strings):
                ids.add(message.id[0] if isinstance(message.id, tuple) else message.id)
    return ids


def missing(lang: str = "es") -> dict[str, tuple[str, int]]:
    done = translated_ids(lang)
    return {msg: where for msg, where in extracted_messages().items() if msg not in done}


def add_translations(entries: dict[str, str], po_path: Path = MAIN_PO) -> None:
    """Merge {english: spanish} into a .po file, creating it with the right header if needed.

    Plural entries take msgid as a (singular, plural) tuple and msgstr as a tuple of forms.
    """
    if po_path.exists():
        with po_path.open("rb") as f:
            catalog = read_po(f, locale="es")
    else:
        catalog = Catalog(
            locale="es",
            project="Camino",
            charset="utf-8",
            copyright_holder="Camino contributors",
            msgid_bugs_address="",
            last_translator="Camino contributors",
            language_team="Español",
        )
    catalog.fuzzy = False
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    po_path.parent.mkdir(parents=True, exist_ok=True)
    with po_path.open("wb") as f:
        write_po(f, catalog, width=0, sort_output=True, omit_header=False)


def merge_into_main(lang: str = "es") -> list[Path]:
    """Fold every other .po file of a language into messages.po (one catalog for translators); returns what was folded."""
    folder = LOCALES_DIR / lang / "LC_MESSAGES"
    others = [p for p in sorted(folder.glob("*.po")) if p.name != MAIN_PO.name]
    entries: dict = {}
    for po in others:
        with po.open("rb") as f:
            for message in read_po(f, locale=lang):
                if message.id and message.string and not message.fuzzy:
                    entries[message.id] = message.string
    if entries:
        add_translations(entries)
    for po in others:
        po.unlink()
    return others


if __name__ == "__main__":
    if sys.argv[1:] == ["merge"]:
        folded = merge_into_main()
        print(f"folded {len(folded)} catalog(s) into {MAIN_PO.name}")
        sys.exit(0)
    if sys.argv[1:] == ["missing"]:
        gaps = missing()
        for msg, (where, line) in sorted(gaps.items(), key=lambda kv: kv[1]):
            print(f"{where}:{line}: {msg!r}")
        print(f"{len(gaps)} message(s) without Spanish")
        sys.exit(1 if gaps else 0)
    print("usage: python -m i18n.catalog missing|merge")
    sys.exit(2)
