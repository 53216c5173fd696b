"""Pure text helpers shared by the chat, the voice, the roasts and the scenario checks.

One definition each of where a sentence ends, of splitting text into sentences, and of the
small clean-ups several layers need (emoji, list markers), so that what the chat shows
sentence by sentence, what a scenario's `max-sentences` counts and what the voice speaks as
one piece always agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

TERMINALS = ".!?…"
CLOSERS = "\"'”’»)]*"  # may follow the terminal: 'He said "hi!"', "(see above.)", "*beep!*"
# A sentence ends at a run of terminals (or a closing bracket: Bleep's "[Translation: hi]"),
# any closers, then whitespace. Nothing ends before whitespace follows: "3.5" is one number,
# and text that is still streaming in may go on.
_END = re.compile(r"(?P<end>(?:[.!?…]+|\])[\"'”’»)\]*]*)\s+")
_TAIL = re.compile(r"(?:[.!?…]+|\])[\"'”’»)\]*]*$")
# A lone "." after these closes the abbreviation, not the sentence ("Dr. Smith", "e.g. tea").
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "etc", "e.g", "i.e", "approx"}
)

# A list item's marker at the start of a line: "- ", "* ", "• ", "1. ", "2) ".
LIST_MARKER = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+", re.M)
_EMOJI_JOINERS = "\u200d\ufe0e"  # zero-width joiner, text-style selector: only glue emoji


def _abbreviation_at(text: str, dot: int) -> bool:
    """True when the "." at `dot` ends an abbreviation ("Dr.", "e.g.") rather than a sentence."""
    words = text[:dot].split()
    last = words[-1].lstrip("\"'“‘([").lower() if words else ""
    return last.rstrip(".") in ABBREVIATIONS


def sentence_breaks(text: str) -> Iterator[tuple[int, int]]:
    """Each sentence end in `text`, as `(end, next)`: `text[:end]` ends with the sentence's
    punctuation and closers, and the next sentence starts at `next` (after the whitespace).
    Lazy; only ends followed by whitespace count, so growing text never ends one early."""
    for match in _END.finditer(text):
        end = match.group("end")
        if end.rstrip(CLOSERS) == "." and _abbreviation_at(text, match.start()):
            continue
        yield match.end("end"), match.end()


def last_sentence_end(text: str) -> int:
    """Where the last whole sentence in `text` ends (0 when none does): a cut there drops
    only an unfinished tail."""
    return max((end for end, _ in sentence_breaks(text)), default=0)


def ends_sentence(text: str) -> bool:
    """True when finished `text` stops at a sentence end (terminal punctuation or a closing
    bracket, then any closing quotes)."""
    return bool(_TAIL.search(text.rstrip()))


def complete_sentences(text: str) -> tuple[list[str], str]:
    """Growing text split into the sentences already finished and the unfinished rest."""
    sentences: list[str] = []
    start = 0
    for end, after in sentence_breaks(text):
        piece = text[start:end].strip()
        if piece:
            sentences.append(piece)
        start = after
    return sentences, text[start:]


def split_sentences(text: str) -> list[str]:
    """Finished text as its sentences, each with its punctuation; the last may have none."""
    sentences, rest = complete_sentences(text)
    return [*sentences, rest.strip()] if rest.strip() else sentences


def is_emoji(char: str) -> bool:
    """An emoji or pictograph: something a voice cannot say and a chat reply should not hold."""
    cp = ord(char)
    if 0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF:
        return True
    if cp == 0xFE0F:  # the emoji-style selector ("☺️")
        return True
    return cp > 0x2000 and unicodedata.category(char) == "So"


def has_emoji(text: str) -> bool:
    return any(is_emoji(ch) for ch in text)


def strip_emoji(text: str, replacement: str = "") -> str:
    """`text` without emoji (and the invisible joiners that build them), each one replaced
    by `replacement`."""
    return "".join(replacement if is_emoji(ch) or ch in _EMOJI_JOINERS else ch for ch in text)
