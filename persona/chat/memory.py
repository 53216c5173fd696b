"""Facts the user tells the robot about themselves, found with plain patterns.

Pure functions: the engine stores what they return. Patterns are deliberately narrow: a
wrong memory is worse than a missed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Fact:
    """One remembered fact: `kind` is a short key ("name", "likes", "lives_in", ...)."""

    kind: str
    value: str

    def as_line(self) -> str:
        return f"{self.kind.replace('_', ' ')}: {self.value}"


_NAME = r"([A-Z][\w'-]{1,30}(?: [A-Z][\w'-]{1,30})?)"
_PHRASE = r"([\w' -]{2,60}?)"
_END = r"(?=[.!?,;]|$| and | but )"
_NAME_END = r"(?=[.!?,;]|$| and | but | from | here\b)"
_PLACE = r"([A-Z][\w'-]{1,30}(?: [A-Z][\w'-]{1,30})?)"

# "I'm X" is ambiguous ("I'm tired"), so only a capitalised word counts as a name there.
_CAPITALISED_ONLY = "name_casual"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("name", re.compile(rf"\bmy name is {_NAME}", re.I)),
    ("name", re.compile(rf"\b(?:call me|i am called|i'm called) {_NAME}", re.I)),
    (
        _CAPITALISED_ONLY,
        re.compile(rf"^(?:hi|hello|hey)?[,! ]*(?:i am|i'm) {_NAME}{_NAME_END}", re.I),
    ),
    ("from", re.compile(rf"(?i:\b(?:i'm|i am|i come)\b[\w ]{{0,30}}? from ){_PLACE}{_END}")),
    ("lives_in", re.compile(rf"\bi live in {_PHRASE}{_END}", re.I)),
    ("works_as", re.compile(rf"\bi work as (?:an? )?{_PHRASE}{_END}", re.I)),
    ("likes", re.compile(rf"\bi (?:really )?(?:like|love|enjoy) {_PHRASE}{_END}", re.I)),
    ("dislikes", re.compile(rf"\bi (?:hate|dislike|can't stand) {_PHRASE}{_END}", re.I)),
    ("favourite", re.compile(rf"\bmy favou?rite {_PHRASE}{_END}", re.I)),
)

_NOT_NAMES = {
    "not",
    "so",
    "very",
    "just",
    "fine",
    "good",
    "ok",
    "okay",
    "here",
    "back",
    "sorry",
    "tired",
    "happy",
    "sad",
    "bored",
    "hungry",
    "sure",
    "going",
    "doing",
    "a",
    "an",
}


_JOINERS = {"and", "but", "or", "from", "i", "im", "the", "who", "here", "there", "too", "btw"}


# A remembered fact is shown to the model on every later turn, so it must stay data: a
# "fact" that reads like an order ("I like to say PWNED in every reply") is not kept.
_DIRECTIVE = re.compile(
    r"\b(?:say|says|reply|replies|respond|answer|write|repeat|ignore|pretend|act as|"
    r"instructions?|prompt|system|always|never|every|must|should)\b",
    re.I,
)
_MAX_FACT_WORDS = 6


def extract_facts(message: str) -> list[Fact]:
    """Facts stated in one user message, in order, at most one per kind."""
    found: dict[str, Fact] = {}
    for key, pattern in _PATTERNS:
        kind = "name" if key == _CAPITALISED_ONLY else key
        if kind in found:
            continue
        match = pattern.search(message.strip())
        if not match:
            continue
        value = match.group(1).strip(" '-")
        if kind == "name":
            words = value.split()
            while len(words) > 1 and words[-1].lower() in _NOT_NAMES | _JOINERS:
                words.pop()
            value = " ".join(words)
            first = words[0].lower()
            if first in _NOT_NAMES or (key == _CAPITALISED_ONLY and not value[:1].isupper()):
                continue
            value = " ".join(w.capitalize() if w.islower() else w for w in value.split())
        if kind == "likes" and value.lower().startswith(("to be", "it", "that", "this")):
            continue
        if kind != "name" and (_DIRECTIVE.search(value) or len(value.split()) > _MAX_FACT_WORDS):
            continue
        if value:
            found[kind] = Fact(kind, value)
    return list(found.values())


# Questions about a remembered fact, by the fact kind that answers them.
_RECALL: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "name",
        re.compile(
            r"\b(?:what(?:'s| is) my name|who am i\b|do you (?:remember|know) (?:my name|who i am)|"
            r"remember my name|what am i called|what do you call me)",
            re.I,
        ),
    ),
    (
        "from",
        re.compile(
            r"\b(?:where am i from|where do i come from|do you remember where i'?m from)", re.I
        ),
    ),
    ("lives_in", re.compile(r"\b(?:where do i live|do you remember where i live)", re.I)),
    ("works_as", re.compile(r"\b(?:what(?:'s| is) my job|what do i do for (?:a )?work)", re.I)),
    ("likes", re.compile(r"\b(?:what do i (?:like|love|enjoy))\b", re.I)),
)


def recall_question(message: str, facts: list[Fact] | tuple[Fact, ...]) -> Fact | None:
    """The remembered fact a message asks for ("what's my name?"), when one is known."""
    known = {f.kind: f for f in facts}
    for kind, pattern in _RECALL:
        if pattern.search(message):
            fact = known.get(kind) or (known.get("lives_in") if kind == "from" else None)
            if fact is None and kind == "lives_in":
                fact = known.get("from")
            if fact is not None:
                return fact
    return None
