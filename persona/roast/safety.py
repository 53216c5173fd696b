"""The protected-attribute detector: race or ethnicity, religion, gender and gender identity,
sexual orientation, disability and health, body and appearance, age, nationality.

Used twice: facts that mention these never become angles, and roast candidates that
mention them are rejected. One public function, `find_protected`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from persona.roast.protected_terms import PROTECTED_TERMS

__all__ = ["find_protected"]


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (category, re.compile(r"(?<![\w/])(?:" + "|".join(terms) + r")(?![\w/])", re.I))
        for category, terms in PROTECTED_TERMS.items()
    )


def find_protected(text: str) -> tuple[tuple[str, str], ...]:
    """Every (category, matched words) in `text`; empty when the text is clear.

    Hashtags count too: "#blessed" matches like "blessed".
    """
    text = text.replace("#", " ").replace("_", " ")
    found: list[tuple[str, str]] = []
    for category, pattern in _patterns():
        found.extend((category, m.group(0).lower()) for m in pattern.finditer(text))
    return tuple(found)
