"""Password strength: at least 12 characters, and hard to guess by zxcvbn's estimate (score 3 or 4).

zxcvbn knows common passwords, names, dictionary words, keyboard patterns, repeats and sequences, so
`aaaaaaaaaaaa`, `123456789012` and `password1234` are refused while a few unrelated words pass.
"""

from __future__ import annotations

import re

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses or more
# zxcvbn refuses more than 72 characters (its matching grows quickly with length); a longer password
# is scored on its first 72.
SCORED_CHARACTERS = 72


class WeakPassword(ValueError):
    """The password is refused; `code` is 'password_too_short' or 'password_weak'."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)


def strength(password: str, user_inputs: tuple[str, ...] = ()) -> int:
    """zxcvbn's score from 0 (very guessable) to 4, counting the person's own names as guessable."""
    words = ["camino", *(w for text in user_inputs for w in re.split(r"[\W_]+", text.lower()) if w)]
    return int(zxcvbn(password[:SCORED_CHARACTERS], user_inputs=words)["score"])


def check_strength(password: str, user_inputs: tuple[str, ...] = ()) -> None:
    """Raise WeakPassword unless the password has 12 characters or more and scores 3 or more."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        raise WeakPassword("password_too_short")
    if strength(password, user_inputs) < MIN_SCORE:
        raise WeakPassword("password_weak")
