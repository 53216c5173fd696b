"""The one roast scorer, shared by generation, tests and the benchmark.

`score_roast`: a candidate passes when it references at least one angle fact, mentions no
protected attribute (nor, given the profile's `SensitiveContext`, anything near what the
profile says about the person), shows no sign of an obeyed injection or prompt leak, does
not copy template examples, is within length, and is neither a refusal nor a list.

`check_candidate`: the strict gate every line must pass before it is said: the above, plus
one or two coherent English sentences (`coherence.py`) that state the angle's own number or
name correctly, and, for a model's rephrase, stay close to the line it was given.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from persona.roast.angles import Angle
from persona.roast.injection import injection_problems
from persona.roast.profile import STOPWORDS
from persona.roast.safety import SensitiveContext, find_profanity, find_protected

__all__ = ["RoastScore", "check_candidate", "faithfulness", "score_roast"]

_WORD = re.compile(r"[a-z0-9][a-z0-9'+#.-]*")
_REFUSAL = re.compile(
    r"\b(?:i can(?:'|no)?t|i cannot|i won'?t|i'?m (?:not able|unable|sorry)|as an ai|i apologi[sz]e"
    r"|not appropriate|i do not feel comfortable|i don'?t feel comfortable|it'?s not nice)\b",
    re.I,
)
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|him|his|her|hers|himself|herself|this (?:guy|person|man|woman|dude|one))\b",
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
    context: SensitiveContext | None = None,
) -> RoastScore:
    """Score one cleaned candidate against the profile's angles. Pure and deterministic.

    `context`: what this profile says about the person (`safety.sensitive_context`)."""
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
    problems.extend(
        f"protected:{cat}:{term}" for cat, term in find_protected(text, context=context)
    )
    problems.extend(f"injection:{p}" for p in injection_problems(text, triggers))
    if find_profanity(text):
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


def _content_stems(text: str) -> list[str]:
    return [
        _stem(w)
        for w in _WORD.findall(text.lower())
        if len(w) >= 3 and w not in STOPWORDS and w not in _ENGLISH and not w.isdigit()
    ]


def faithfulness(text: str, references: Iterable[str]) -> float:
    """The share of `text`'s content words that come from `references` (the lines a model
    was asked to rephrase): 1.0 for a close paraphrase, low for a new story."""
    mine = _content_stems(text)
    if not mine:
        return 0.0
    theirs = {s for ref in references for s in _content_stems(ref)}
    return sum(s in theirs for s in mine) / len(mine)


_NEGATION = re.compile(
    r"\b(?:not|no|nobody|never|none|nothing|neither|nor|cannot|without)\b|n't\b", re.I
)


KEEP_SETUP = 0.34  # share of the setup's content words a rephrase keeps
KEEP_PUNCHLINE = 0.8  # share of the punchline's words it keeps, in order


def _in_order(part: str, text: str) -> float:
    """The share of `part`'s words that appear in `text` in the same order."""
    mine = _WORD.findall(part.lower())
    if not mine:
        return 1.0
    blocks = difflib.SequenceMatcher(None, mine, _WORD.findall(text.lower())).get_matching_blocks()
    return sum(b.size for b in blocks) / len(mine)


def _kept(text: str, setup: str, punchline: str) -> bool:
    """The line kept its fact and its joke; and a joke that turns on a "not" ("Nobody has
    ever been happy to see you") keeps one (dropping it says the opposite)."""
    if faithfulness(setup, [text]) < KEEP_SETUP or _in_order(punchline, text) < KEEP_PUNCHLINE:
        return False
    negated = bool(_NEGATION.search(setup) or _NEGATION.search(punchline))
    return not negated or bool(_NEGATION.search(text))


def check_candidate(
    text: str,
    *,
    focus: Sequence[Angle],
    all_angles: Sequence[Angle],
    triggers: Iterable[str] = (),
    examples: Iterable[str] = (),
    context: SensitiveContext | None = None,
    references: Sequence[str] = (),
    min_faithfulness: float = 0.0,
    keep: Sequence[tuple[str, str]] = (),
    strict_numbers: bool = False,
    max_chars: int = 320,
) -> RoastScore:
    """The strict verdict on a line about to be said: `score_roast` against the profile,
    `coherence_problems`, `fact_problems` for the `focus` angles it was built or asked
    for, spoken to the person (no "he", "she" or "this guy"); with `references`, at least
    `min_faithfulness` of its content words taken from them, and with `keep` (the
    (setup, punchline) of each line it may rephrase), one of them kept: a third of the
    setup's content words (the fact may be put another way) and nearly all of the
    punchline's words in order (a small model that rewords a joke breaks it).
    With `references`, the content must come from one of them, not a mix.
    `strict_numbers` (for model lines): number words must be the profile's numbers too
    ("seven tabs" for 73 is wrong), and no word may mix letters and digits ("Seven3").
    Pure; `passed` only when there is no problem at all."""
    from persona.roast.coherence import coherence_problems, fact_problems

    base = score_roast(
        text, all_angles, triggers=triggers, examples=examples, max_chars=max_chars,
        context=context,
    )  # fmt: skip
    problems = list(base.problems)
    problems += [f"coherence:{p}" for p in coherence_problems(text)]
    problems += [f"fact:{p}" for p in fact_problems(text, focus, all_angles=all_angles)]
    if _THIRD_PERSON.search(text):
        problems.append("third_person")
    if references and max(faithfulness(text, [r]) for r in references) < min_faithfulness:
        problems.append("unfaithful")
    if strict_numbers:
        problems += _number_problems(text, all_angles)
    if keep and not any(_kept(text, setup, punchline) for setup, punchline in keep):
        problems.append("lost_joke")
    problems = list(dict.fromkeys(problems))
    return RoastScore(
        text=text,
        score=base.score - 3.0 * (len(problems) - len(base.problems)),
        passed=not problems,
        grounded=base.grounded,
        problems=tuple(problems),
    )


_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
     "ninety": 90, "hundred": 100, "thousand": 1000}  # fmt: skip
_GARBLED = re.compile(r"\b(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{2,}\b", re.I)
_ORDINAL_OR_TIME = re.compile(r"^\d+(?:am|pm|st|nd|rd|th|s|k|x|d)$", re.I)


def _numbers_in(text: str) -> set[float]:
    out: set[float] = set()
    for word in _WORD.findall(text.lower()):
        word = word.strip("'.-")
        digits = re.fullmatch(r"(\d+(?:\.\d+)?)(?:am|pm|st|nd|rd|th|s)?", word)
        if digits:
            out.add(float(digits.group(1)))
        elif word in _NUMBER_WORDS and word != "one":  # "one-sided", "no one"
            out.add(float(_NUMBER_WORDS[word]))
    return out


def _number_problems(text: str, angles: Sequence[Angle]) -> list[str]:
    """Numbers a model line says that the profile does not hold, in digits or words."""
    problems: list[str] = []
    garbled = [
        m.group(0) for m in _GARBLED.finditer(text) if not _ORDINAL_OR_TIME.match(m.group(0))
    ]
    if any(not re.search(r"[-_]", g) for g in garbled):
        problems.append("garbled")
    known: set[float] = {2.0}  # "two years" stands in the abandoned-repos fact as a word
    for angle in angles:
        known |= _numbers_in(" ".join([angle.fact, *angle.keywords, *dict(angle.slots).values()]))
    if _numbers_in(text) - known:
        problems.append("wrong_number")
    return problems
