"""Is a roast a line a person would laugh at, or word salad that happens to hold a keyword?

Three pure checks, each returning problem codes (an empty tuple means the roast passed):

- `coherence_problems`: one or two whole English sentences, ending in punctuation, with
  enough words, mostly ordinary English function words, no "Label: fragment." shape
  ("Birdwatcher: Bird-loving."), no dangling clause, no "you" mixed with "he"/"she" for
  the same person ("you call himself a DJ") and no stutter ("says: says").
- `fact_problems`: the roast says a specific fact about the person correctly: the number
  from the angle next to what it counts ("842 accounts", not "12 starts"), or the angle's
  name or phrase, addressed to "you", with no number the profile never had.
- `copy_problems`: the roast does not share a run of six words with a text it must not
  copy: the few-shot examples and instructions the model is shown (`copy_sources().shown`),
  or, reported apart, the setups and punchlines roasts are built from (`.templates`).

`persona bench quality` reports the share of roasts that pass each; the roast scorer's
keyword grounding says only that a word from the profile appears.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from persona.chat.guards import guess_language
from persona.roast.angles import Angle
from persona.text import split_sentences

__all__ = [
    "CopySources",
    "addresses_person",
    "coherence_problems",
    "copy_problems",
    "copy_sources",
    "fact_problems",
    "number_values",
    "roast_words",
]

MIN_WORDS = 6  # in the whole roast
MIN_SENTENCE_WORDS = 4
MAX_SENTENCES = 2
MIN_FUNCTION_SHARE = 0.2
COPY_NGRAM = 6
FRAME_WORDS = 5  # a template piece this short is a setup or a closer, not a joke

_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")
# Ordinary English glue words: real sentences are full of them, word salad and labels are not.
_FUNCTION_WORDS = frozenset(
    """
    a an the and or but so if then than that this these those there here what who which when
    where why how is are was were be been being am do does did done have has had having will
    would can could should shall may might must not no never only just also very too even
    still ever all any some every each more most much many such own same other you your
    yours yourself you're you've you'd you'll i me my mine i'm i've we us our they them their
    it its it's he him his she her of to in on at by for with from about into out up down over
    under as like because while though although until after before again off one get got
    let's let go going now well really together oh yes yeah okay ok hi hello hey please thanks
    thank
    """.split()
)
_SECOND_PERSON = frozenset(
    "you your yours yourself yourselves you're you've you'd you'll ya".split()
)
_THIRD_PERSON = frozenset("he she his her hers him himself herself".split())
_PROMPT_PERSON = re.compile(r"\bthe (?:user|person)\b", re.I)  # the prompt's words for "you"
_STUTTER = re.compile(r"(?<![\w-])([\w']+)[\s:;-]+\1(?![\w-])", re.I)
# A sentence may not end on a word that needs something after it.
_DANGLING_END = frozenset(
    "a an the and or but of to with into your my their his her its our because than very".split()
)
_SUBORDINATE = frozenset(
    "because although though which whereas unless since while whenever when if".split()
)
_INTERJECTION = re.compile(
    r"^(?:oh(?: dear| my| wow| no)?|wow|well(?:,? well)?|ha(?:-?ha)*|okay|ok|alright|right|"
    r"yikes|ouch|oof|goodness|bravo|whoa|hmm|ah|my my)[!.,…]*$",
    re.I,
)
_LABEL = re.compile(r"^[\w'’-]+(?:\s+[\w'’-]+){0,2}\s*:\s*\S")
# Bleep's roasts come as a beep burst and a translation; judge the translation.
_BEEPS = re.compile(
    r"^\W*[A-Za-z]+(?:[- ][A-Za-z]+)*[.!?…]*\W*\s*\[?\s*Translation\s*:\s*(.+?)\]?\s*$", re.S
)
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
_QUOTED = re.compile(r"[\"“']([^\"”']{2,40})[\"”']|#(\w{2,40})")
_IDENTIFIER = re.compile(r"\b[\w]+(?:[-_][\w]+)+\b")
_CAPITALISED = re.compile(r"(?<=\s)[A-Z][a-zA-Z+#]{1,30}\b")
_CLAUSE_KINDS = frozenset({"self_description", "bio", "readme"})
_NAME_KINDS = frozenset({"hashtag", "repeated_word", "version_names", "language_hopping"})
_SLOT = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{[^{}\s]*\}", re.S)


def roast_words(text: str) -> list[str]:
    """Lower-cased words of a roast, with the straight apostrophe."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def addresses_person(text: str) -> bool:
    """Whether the line speaks to the person ("you", "your"), as a roast must."""
    return any(w in _SECOND_PERSON for w in roast_words(_unwrap_beeps(text)))


def _unwrap_beeps(text: str) -> str:
    match = _BEEPS.match(text.strip())
    return match.group(1).strip() if match else text.strip()


# --- coherence ----------------------------------------------------------------------------


def _sentence_problems(sentence: str) -> list[str]:
    problems: list[str] = []
    words = roast_words(sentence)
    if any(w in _SECOND_PERSON for w in words) and (
        any(w in _THIRD_PERSON for w in words) or _PROMPT_PERSON.search(sentence)
    ):
        problems.append("pronoun-clash")  # "you call himself a DJ", "you ... the user keeps"
    if _STUTTER.search(sentence):
        problems.append("stutter")  # "your bio says: says ..."
    if _LABEL.match(sentence) and len(words) <= 8:
        problems.append("label")
    if words and words[-1] in _DANGLING_END:
        problems.append("dangling")
    elif words and words[0] in _SUBORDINATE and "," not in sentence and len(words) < 12:
        problems.append("dangling")  # "Because you run marathons." with nothing after
    return problems


def _too_short(sentence: str, *, index: int, sentences: Sequence[str]) -> bool:
    """Under four words is a fragment ("12 starts."), except beside a whole sentence: a
    rhetorical question that opens ("A sourdough enthusiast? ...") or a short closing punch
    ("... Bold move.")."""
    n = len(roast_words(sentence))
    if n >= MIN_SENTENCE_WORDS:
        return False
    others = [s for i, s in enumerate(sentences) if i != index]
    whole_beside = any(len(roast_words(s)) >= MIN_SENTENCE_WORDS for s in others)
    last = index == len(sentences) - 1
    question = sentence.rstrip("\"'”’)").endswith(("?", "!"))
    return not (whole_beside and n >= 2 and (last or question) and not re.search(r"\d", sentence))


def coherence_problems(text: str) -> tuple[str, ...]:
    """Why `text` is not one or two coherent English sentences (empty when it is)."""
    text = _unwrap_beeps(text)
    words = roast_words(text)
    if not words:
        return ("empty",)
    problems: list[str] = []
    sentences = split_sentences(text)
    if sentences and _INTERJECTION.match(sentences[0].strip()) and len(sentences) > 1:
        sentences = sentences[1:]  # "Oh dear." opens a line, it does not count as one
    if not re.search(r"[.!?][\"'”’)]*$", text) or re.search(r"(?:\.\.\.|…)[\"'”’)]*$", text):
        problems.append("unfinished")
    if len(sentences) > MAX_SENTENCES:
        problems.append("too-many-sentences")
    if len(words) < MIN_WORDS or any(
        _too_short(sentences[i], index=i, sentences=sentences) for i in range(len(sentences))
    ):
        problems.append("fragment")
    for sentence in sentences:
        problems += _sentence_problems(sentence)
    share = sum(w in _FUNCTION_WORDS for w in words) / len(words)
    ascii_share = sum(c.isascii() for c in text) / len(text)
    if share < MIN_FUNCTION_SHARE or ascii_share < 0.9 or guess_language(text) not in (None, "en"):
        problems.append("not-english")
    if len(words) >= 8 and len(set(words)) / len(words) < 0.5:
        problems.append("repetitive")
    if text.count('"') % 2 or text.count("(") != text.count(")"):
        problems.append("unbalanced")
    return tuple(dict.fromkeys(problems))


# --- facts --------------------------------------------------------------------------------


def _numbers(text: str, *, words_too: bool) -> list[tuple[int, float]]:
    """(word index, value) of each number in `text`; number words too when asked."""
    out: list[tuple[int, float]] = []
    for i, word in enumerate(roast_words(text)):
        digits = re.fullmatch(r"(\d+(?:[.,]\d+)?)(?:am|pm|st|nd|rd|th|s)?", word)
        if digits:
            out.append((i, float(digits.group(1).replace(",", "."))))
        elif words_too and word in _NUMBER_WORDS:
            out.append((i, float(_NUMBER_WORDS[word])))
    return out


def number_values(text: str, *, skip_one: bool = False) -> set[float]:
    """The numbers `text` states, in digits or words ("four" and "4" are both 4).
    `skip_one` leaves out the word "one", which is mostly not a number ("an easy one")."""
    words = roast_words(text)
    return {v for i, v in _numbers(text, words_too=True) if not (skip_one and words[i] == "one")}


def _fact_numbers(angle: Angle) -> set[float]:
    return {v for _, v in _numbers(angle.fact, words_too=True)}


def _same_word(word: str, key: str) -> bool:
    """`word` is `key` or a form of it ("marathon"/"marathons", "listener"/"listeners")."""
    if word == key:
        return True
    if len(key) < 4 or len(word) < 4:
        return False
    root = key[: max(4, len(key) - 3)]
    return word.startswith(root) and abs(len(word) - len(key)) <= 4


def _has_word(words: Sequence[str], key: str) -> bool:
    parts = roast_words(key)
    if len(parts) > 1:  # a phrase: its words in order, side by side
        n = len(parts)
        return any(
            all(_same_word(words[i + j], parts[j]) for j in range(n))
            for i in range(len(words) - n + 1)
        )
    return bool(parts) and any(_same_word(w, parts[0]) for w in words)


def _context_words(angle: Angle) -> list[str]:
    """What a number in the angle counts: its non-number keywords and fact nouns."""
    keys = [k for k in angle.keywords if not any(c.isdigit() for c in k)]
    fact_words = [
        w
        for w in roast_words(angle.fact)
        if w not in _FUNCTION_WORDS
        and not w.isdigit()
        and w not in _NUMBER_WORDS
        and w not in ("their", "says", "bio", "has", "posted", "used")
    ]
    return list(dict.fromkeys(keys + fact_words))


def _number_anchored(words: list[str], text: str, angle: Angle) -> bool:
    """A number from the fact appears within a few words of what it counts."""
    wanted = _fact_numbers(angle)
    context = _context_words(angle)
    for index, value in _numbers(text, words_too=True):
        if value not in wanted:
            continue
        window = words[max(0, index - 5) : index + 6]
        if any(_has_word(window, key) for key in context):
            return True
    return False


def _names(angle: Angle) -> list[str]:
    """Names in a fact: quoted words, hashtags, identifiers, capitalised words."""
    found = [a or b for a, b in _QUOTED.findall(angle.fact)]
    found += _IDENTIFIER.findall(angle.fact)
    found += [w for w in _CAPITALISED.findall(" " + angle.fact) if w.lower() != "their"]
    out = []
    for name in found:
        if any(c.isdigit() for c in name) and not any(c.isalpha() for c in name):
            continue
        if name.lower() in ("a.m", "p.m") or roast_words(name) == []:
            continue
        out.append(name)
    return list(dict.fromkeys(out))


def _name_used(words: list[str], angle: Angle) -> bool:
    if angle.kind in _CLAUSE_KINDS:
        keys = [k for k in angle.keywords if not k.isdigit()]
        if not keys:
            return False
        need = max(1, math.ceil(len(keys) / 2))
        return sum(_has_word(words, k) for k in keys) >= need
    for name in _names(angle):
        if len(name) < 3:
            continue  # "Go" the language is also "go" the verb
        parts = roast_words(name.replace("-", " ").replace("_", " "))
        if parts and all(any(_same_word(w, p) for w in words) for p in parts):
            return True
    return False


def _references(text: str, words: list[str], angle: Angle) -> bool:
    """A fact with a number is stated by its number ("73 browser tabs", not "no browser
    tabs"), except where a name is the point (a hashtag, a repo name, a language)."""
    if _fact_numbers(angle):
        if _number_anchored(words, text, angle):
            return True
        if angle.kind not in _NAME_KINDS:
            return False
    return _name_used(words, angle)


def fact_problems(
    text: str, angles: Sequence[Angle], *, all_angles: Sequence[Angle] = ()
) -> tuple[str, ...]:
    """Why `text` does not state a fact of `angles` correctly (empty when it does).

    'unaddressed': not said to the person ("you"); 'no-fact': no angle's number (next to
    what it counts) or name (or most of a bio phrase) appears; 'wrong-number': a number
    that no angle of the profile (`all_angles`, else `angles`) holds.
    """
    text = _unwrap_beeps(text)
    words = roast_words(text)
    problems: list[str] = []
    if not addresses_person(text):
        problems.append("unaddressed")
    if not any(_references(text, words, a) for a in angles):
        problems.append("no-fact")
    known: set[float] = set()
    for angle in all_angles or angles:
        known |= _fact_numbers(angle)
        known |= {v for k in angle.keywords for _, v in _numbers(k, words_too=False)}
    if any(value not in known for _, value in _numbers(text, words_too=False)):
        problems.append("wrong-number")
    return tuple(problems)


# --- copies -------------------------------------------------------------------------------


def _ngrams(words: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def copy_problems(
    text: str, sources: Iterable[str], *, n: int = COPY_NGRAM, frame: Iterable[str] = ()
) -> tuple[str, ...]:
    """'copy' when `text` shares a run of `n` words with any source text. A run made only
    of `frame` words (the setup, the person's own fact) and glue words is no copy: "Wait,
    your bio calls you a" is how every bio line starts, not the example's joke."""
    frame_words = _FUNCTION_WORDS | set(roast_words(" ".join(frame)))
    grams = {
        g
        for g in _ngrams(roast_words(_unwrap_beeps(text)), n)
        if any(w not in frame_words for w in g)
    }
    if not grams:
        return ()
    for source in sources:
        if grams & _ngrams(roast_words(source), n):
            return ("copy",)
    return ()


def _yaml_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _yaml_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _yaml_strings(v)]
    return []


# What the model is shown when it writes a roast: copying these is parroting or a leak.
PROMPT_FILES = frozenset(
    {"examples.yaml", "system.j2", "user.j2", "gentle.j2", "medium.j2", "spicy.j2"}
)


@dataclass(frozen=True, slots=True)
class CopySources:
    """Text under `prompts/roast/` a roast is compared with, in two kinds: `shown`, the
    few-shot examples and instructions the model reads (a copy is a defect), and
    `templates`, the setups, punchlines and fallback lines code builds roasts from (a
    verbatim use is by design, and reported apart)."""

    shown: tuple[str, ...]
    templates: tuple[str, ...]
    frame: tuple[str, ...] = ()  # short template pieces ("Wait, ", "Let me get this straight:")


def _literal_chunks(text: str) -> list[str]:
    return [chunk for chunk in _SLOT.split(text) if chunk.strip()]


def copy_sources(root: Path) -> CopySources:
    """Every string of the YAML files and the literal text of the templates under `root`,
    with the slots (`{{ x }}`, `{said}`) taken out, so a filled line is compared on the
    template's own words."""
    shown: list[str] = []
    templates: list[str] = []
    for path in sorted(root.rglob("*")):
        if path.suffix in (".yaml", ".yml"):
            texts = _yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8")))
        elif path.suffix == ".j2":
            texts = [path.read_text(encoding="utf-8")]
        else:
            continue
        chunks = [c for t in texts for c in _literal_chunks(t)]
        (shown if path.name in PROMPT_FILES else templates).extend(chunks)
    frame = tuple(c for c in templates if len(roast_words(c)) <= FRAME_WORDS)
    return CopySources(shown=tuple(shown), templates=tuple(templates), frame=frame)
