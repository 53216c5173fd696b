"""The one roast scorer, shared by generation (best-of-N), tests and the benchmark.

A candidate passes when it references at least one angle fact, mentions no protected
attribute, shows no sign of an obeyed injection or prompt leak, does not copy template
examples, is within length, and is neither a refusal nor a list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from persona.roast.angles import Angle
from persona.roast.injection import injection_problems
from persona.roast.safety import find_protected

__all__ = ["RoastScore", "score_roast"]

_WORD = re.compile(r"[a-z0-9][a-z0-9'+#.-]*")
_REFUSAL = re.compile(
    r"\b(?:i can(?:'|no)?t|i cannot|i won'?t|i'?m (?:not able|unable|sorry)|as an ai|i apologi[sz]e"
    r"|not appropriate|i do not feel comfortable|i don'?t feel comfortable|it'?s not nice)\b",
    re.I,
)
_PROFANITY = re.compile(
    r"\b(?:bitch\w*|bastards?|fuck\w*|shit\w*|cunts?|retard\w*|whores?|sluts?|dicks?|assholes?"
    r"|damn|piss\w*|cock\w*|twats?|wank\w*|kill yourself|kys)\b",
    re.I,
)
_LIST_LINE = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+", re.M)
_ENGLISH = frozenset(
    "the a an and or but you your is are was were to of in on for with that this it be have has "
    "not no at as so like just all they their them i my me who what".split()
)


@dataclass(frozen=True, slots=True)
class RoastScore:
    """The verdict on one candidate. `grounded` lists the facts of the angles it uses."""

    text: str
    score: float
    passed: bool
    grounded: tuple[str, ...]
    problems: tuple[str, ...]


def _stem(word: str) -> str:
    word = word.strip("'.-#").lower()
    for suffix in ("'s", "ing", "ers", "ed", "es", "er", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _uses(angle: Angle, stems: set[str], low: str) -> bool:
    for kw in angle.keywords:
        if " " in kw or "-" in kw:
            if kw in low:
                return True
        elif _stem(kw) in stems:
            return True
    return False


def _ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def score_roast(
    text: str,
    angles: Sequence[Angle],
    *,
    triggers: Iterable[str] = (),
    examples: Iterable[str] = (),
    min_chars: int = 25,
    max_chars: int = 320,
) -> RoastScore:
    """Score one cleaned candidate against the profile's angles. Pure and deterministic."""
    problems: list[str] = []
    low = text.lower()
    words = _WORD.findall(low)
    stems = {_stem(w) for w in words}
    grounded = tuple(a.fact for a in angles if _uses(a, stems, low))
    if not text.strip():
        problems.append("empty")
    elif len(text) < min_chars:
        problems.append("too_short")
    if len(text) > max_chars:
        problems.append("too_long")
    if not grounded:
        problems.append("not_grounded")
    problems.extend(f"protected:{cat}:{term}" for cat, term in find_protected(text))
    problems.extend(f"injection:{p}" for p in injection_problems(text, triggers))
    if _PROFANITY.search(text):
        problems.append("profanity")
    if _REFUSAL.search(text):
        problems.append("refusal")
    if len(_LIST_LINE.findall(text)) >= 2:
        problems.append("list")
    for example in examples:
        if _ngrams(example, 5) & _ngrams(text, 5):
            problems.append("copies_example")
            break
    if words and len(words) >= 6:
        english = sum(1 for w in words if w in _ENGLISH) / len(words)
        ascii_share = sum(c.isascii() for c in text) / len(text)
        if english < 0.08 or ascii_share < 0.9:
            problems.append("not_english")
        if len(set(words)) / len(words) < 0.5:
            problems.append("repetitive")
    score = (
        2.0 * min(len(grounded), 2) + sum(a.weight for a in angles if a.fact in grounded[:2]) * 0.5
    )
    if "you" in words or "your" in words:
        score += 0.5  # addressed to the person, as a roast should be
    score += 0.5 if 60 <= len(text) <= 220 else 0.0
    score -= 3.0 * len(problems)
    return RoastScore(
        text=text, score=score, passed=not problems, grounded=grounded, problems=tuple(problems)
    )
