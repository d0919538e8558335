"""Program rules page: every rule file, table and field the page shows has a plain name, in both languages."""

from __future__ import annotations

import i18n
from calculators.rules import all_rule_files, shipped
from calculators.rules.overlay import AGENCY_MARK
from ui.program_rules import labels


def shown_tables() -> set[str]:
    return {
        t
        for f in all_rule_files()
        for t, rows in shipped(f).items()
        if t != "meta" and isinstance(rows, list)
    }


def shown_fields() -> set[str]:
    found = set()
    for f in all_rule_files():
        for t, rows in shipped(f).items():
            if t != "meta" and isinstance(rows, list):
                found |= {k for row in rows for k in row if k != AGENCY_MARK}
    return found


def test_every_rule_file_has_a_name():
    assert sorted(set(all_rule_files()) - set(labels.FILES)) == []


def test_every_rule_table_has_a_name():
    assert sorted(shown_tables() - set(labels.TABLES)) == []


def test_every_field_of_a_rule_row_has_a_name():
    assert sorted(shown_fields() - set(labels.FIELDS) - set(labels.CITED)) == []


def test_no_name_for_something_the_rules_no_longer_have():
    assert sorted(set(labels.FILES) - set(all_rule_files())) == []
    assert sorted(set(labels.TABLES) - shown_tables()) == []
    assert sorted(set(labels.FIELDS) - shown_fields()) == []


def test_every_name_has_spanish():
    english = [
        *labels.FILES.values(),
        *labels.TABLES.values(),
        *labels.FIELDS.values(),
        *labels.CITED.values(),
    ]
    untranslated = [m for m in english if i18n.gettext(m, "es") == m]
    assert untranslated == []
