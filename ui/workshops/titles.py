"""The workshop curriculum's modules and the labels both halves of the attendance page show."""

from __future__ import annotations

from i18n import gettext
from ui.labels import EDUCATION_LABELS, label


def names_for(table: dict, codes) -> callable:
    """A format_func over labels translated now (a lazy one may run later outside this session's language)."""
    return {code: label(table, code) for code in codes}.get


def workshop_modules() -> list:
    """The curriculum modules, or none when the workshop content cannot be loaded."""
    try:
        from curricula.workshops import modules

        return list(modules())
    except Exception:  # the page still works with typed titles
        return []


def module_title(module_id: str, modules: list, language: str) -> str:
    """A module's title in `language`; a typed title is shown as typed."""
    for module in modules:
        if module.id == module_id:
            return module.title.get(language) or module.title.get("en") or module_id
    return module_id


def workshop_title(module_id: str, education_type: str, modules: list, language: str) -> str:
    """A recorded workshop's title in `language`; with none recorded (older rows), its HUD type's name."""
    title = module_title(module_id, modules, language)
    if title.strip():
        return title
    return gettext(EDUCATION_LABELS[education_type], language) if education_type in EDUCATION_LABELS else ""
