"""The style that draws the date calendar in Spanish (ui/widget_text.calendar_rules): Babel's es_US
names, quoted, for every month and every English week start; only in Spanish."""

from __future__ import annotations

import re

import pytest

from ui import widget_text


def test_every_month_is_drawn_in_spanish_on_the_button_and_in_the_list():
    css = widget_text.calendar_rules("es")
    assert 'option[value="12"]:checked) > button::before {content: "diciembre";' in css
    assert '[data-key="1"]::after {content: "enero";' in css
    assert len(re.findall(r'content: "[a-z]+";', css)) == 24  # 12 on the button, 12 in the list


@pytest.mark.parametrize(
    ("first_day", "initials"),
    [
        ("Sunday", ["D", "L", "M", "M", "J", "V", "S"]),  # en-US
        ("Monday", ["L", "M", "M", "J", "V", "S", "D"]),  # en-GB
        ("Saturday", ["S", "D", "L", "M", "M", "J", "V"]),
    ],
)
def test_weekday_initials_follow_the_browsers_week_start(first_day, initials):
    css = widget_text.calendar_rules("es")
    rule = re.search(rf'\[aria-label\*="{first_day}, "\]\) \{{([^}}]*)\}}', css)
    assert rule, first_day
    assert re.findall(r'--camino-day-\d: "(\w)"', rule.group(1)) == initials


def test_the_calendar_is_drawn_over_only_in_spanish(monkeypatch):
    import i18n

    monkeypatch.setattr(widget_text, "_", lambda message: i18n.gettext(message, "es"))
    assert widget_text.calendar_rules("es") in widget_text.spanish_style()
    assert "stDateInputCalendar" not in widget_text.WIDGET_STYLE  # the sheet English readers get
