"""The protected-attribute detector: race or ethnicity, religion, gender and gender identity,
sexual orientation, disability and health, body and appearance, age, nationality.

Used twice: facts that mention these never become angles, and roast candidates that
mention them are rejected. A fixed word list is not enough for a person who says it about
themselves ("wheelchair user", "type 1 diabetic", "proud Catholic"): `sensitive_context`
reads the profile and widens the check to the words around that attribute ("feet",
"sugar", "sin"), and to the profile's own words next to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from persona.roast.profile import STOPWORDS
from persona.roast.protected_terms import PROFANITY_TERMS, PROTECTED_TERMS, SENSITIVE_CONTEXTS

__all__ = [
    "SensitiveContext",
    "find_profanity",
    "find_protected",
    "sensitive_context",
]

_EDGE_L = r"(?<![\w/])(?:"
_EDGE_R = r")(?![\w/])"
_CLAUSE = re.compile(r"[^.;!?\n,|•·]+")
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
# Words too common to ban from a roast because they stand next to a sensitive word.
_COMMON = (
    frozenset(
        """proud user since with about have been that this they their from into your very just
    also still more most some much many like love loves life lives living person people
    year years day days time being doing full part type says said best good great here
    there turned moved""".split()
    )
    | STOPWORDS
)


def _compile(terms: Iterable[str]) -> re.Pattern[str]:
    return re.compile(_EDGE_L + "|".join(terms) + _EDGE_R, re.I)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((category, _compile(terms)) for category, terms in PROTECTED_TERMS.items())


@lru_cache(maxsize=1)
def _contexts() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    return tuple(
        (name, _compile(on), _compile(related))
        for name, (on, related) in SENSITIVE_CONTEXTS.items()
    )


@lru_cache(maxsize=1)
def _profanity() -> re.Pattern[str]:
    return _compile(PROFANITY_TERMS)


def _prepare(text: str) -> str:
    return text.replace("#", " ").replace("_", " ")


@dataclass(frozen=True, slots=True)
class SensitiveContext:
    """What one profile says about the person that a roast must stay away from.

    `topics` name the switched-on contexts ("mobility", "faith"); `words` are the
    profile's own content words next to a protected term ("wheelchair basketball coach"
    adds "basketball" and "coach")."""

    topics: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.topics or self.words)


def sensitive_context(texts: Iterable[str]) -> SensitiveContext:
    """The sensitive topics and words a profile's own text mentions. Pure."""
    topics: list[str] = []
    words: list[str] = []
    for text in texts:
        text = _prepare(text or "")
        if not text.strip():
            continue
        for name, on, _ in _contexts():
            if name not in topics and on.search(text):
                topics.append(name)
        for clause in _CLAUSE.findall(text):
            if not any(p.search(clause) for _, p in _patterns()):
                continue
            for word in _WORD.findall(clause.lower()):
                word = word.strip("'-")
                if len(word) >= 4 and word not in _COMMON and word not in words:
                    words.append(word)
    return SensitiveContext(tuple(topics), tuple(words))


def find_protected(
    text: str, *, context: SensitiveContext | None = None
) -> tuple[tuple[str, str], ...]:
    """Every (category, matched words) in `text`; empty when the text is clear.

    Hashtags count too: "#blessed" matches like "blessed". With a profile's `context`,
    the words around what the profile says about the person count as well, under the
    category "profile:<topic>" (or "profile:own_words")."""
    text = _prepare(text)
    found: list[tuple[str, str]] = []
    for category, pattern in _patterns():
        found.extend((category, m.group(0).lower()) for m in pattern.finditer(text))
    if context:
        for name, _, related in _contexts():
            if name in context.topics:
                found.extend(
                    (f"profile:{name}", m.group(0).lower()) for m in related.finditer(text)
                )
        if context.words:
            own = _compile(re.escape(w) + r"\w{0,3}" for w in context.words)
            found.extend(("profile:own_words", m.group(0).lower()) for m in own.finditer(text))
    return tuple(found)


def find_profanity(text: str) -> tuple[str, ...]:
    """The swear words in `text`, lower-cased; empty when it is clean."""
    return tuple(m.group(0).lower() for m in _profanity().finditer(_prepare(text)))
