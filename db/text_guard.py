"""Text fields refuse control and bidi characters, at the data layer (issue #23).

C0 and C1 control characters (NUL, ESC, ...) break exports and terminals, and bidi overrides
(U+202A-202E, U+2066-2069) make a name read differently from what is stored. Every text column
refuses them; multi-line text (Text columns: notes, reasons, evidence, plans) may hold tab and newline.

`check` is for validators that want the message at their field; the flush hook below is the backstop
for every ORM write, so no path can store them.
"""

from __future__ import annotations

import re

from sqlalchemy import String, Text, event, inspect
from sqlalchemy.orm import Session

from calculators import InputError

CODE = "control_characters"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_ANY_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_MULTILINE_CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")  # tab, LF, CR allowed


def has_forbidden(text: str, *, multiline: bool = False) -> bool:
    pattern = _MULTILINE_CONTROL if multiline else _ANY_CONTROL
    return bool(pattern.search(text))


def check(value, field: str, *, multiline: bool = False):
    """Return the value, or raise InputError('control_characters', field) when it holds one."""
    if isinstance(value, str) and has_forbidden(value, multiline=multiline):
        raise InputError(CODE, field)
    return value


def printable(text: str) -> str:
    """A stored string with any forbidden character dropped (exports never fail on old rows)."""
    return _MULTILINE_CONTROL.sub("", text)


@event.listens_for(Session, "before_flush")
def _refuse_control_characters(session, _context, _instances) -> None:
    new = session.new  # built once: asking session.new per object made a 5,000-row import quadratic
    for obj in (*new, *session.dirty):
        state = inspect(obj)
        for column in state.mapper.columns:
            if not isinstance(column.type, String) or column.key not in state.attrs:
                continue
            attr = state.attrs[column.key]
            values = attr.history.added if obj not in new else [attr.value]
            for value in values:
                check(value, column.key, multiline=isinstance(column.type, Text))
