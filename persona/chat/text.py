"""Pure text cleanup for replies: echoed speaker prefixes, sentence-bounded length cuts.

Sentence ends are `persona.text`'s, the one definition the voice and the scenarios use too.
"""

from __future__ import annotations

import re

from persona.text import CLOSERS, TERMINALS, last_sentence_end, sentence_breaks

_ASSISTANT_LABELS = ("assistant", "ai", "bot", "robot")


def strip_speaker_prefix(text: str, names: tuple[str, ...]) -> str:
    """Drop an echoed "Name:" at the start, as small models often write one."""
    labels = {n.lower() for n in names if n} | set(_ASSISTANT_LABELS)
    stripped = text.lstrip()
    while True:
        match = re.match(r"\*{0,2}([\w .'-]{1,40}?)\*{0,2}\s*:(?:\*{0,2})\s*", stripped)
        if not match or match.group(1).strip().lower() not in labels:
            return stripped
        stripped = stripped[match.end() :]


def prefix_undecided(text: str, names: tuple[str, ...]) -> bool:
    """True while `text` could still grow into an echoed speaker prefix."""
    head = text.lstrip().lower()
    if ":" in head or len(head) > 42:
        return False
    labels = {n.lower() for n in names if n} | set(_ASSISTANT_LABELS)
    return any(label.startswith(head.strip("* ")) for label in labels) or not head


def _sentence_ends(text: str, limit: int) -> list[int]:
    """Where sentences end within the first `limit` characters (a cut there keeps them whole)."""
    ends = [end for end, _ in sentence_breaks(text[: limit + 1]) if end <= limit]
    if len(text) <= limit and text[-1:] and text[-1] in TERMINALS:
        ends.append(len(text))
    return ends


def cut_to_length(text: str, max_chars: int) -> str:
    """Cut `text` to at most `max_chars`, at the last sentence end that fits.

    A sentence end in the first half is too short a reply: then cut at the last word
    boundary with an ellipsis instead. `stream_safe_prefix` relies on this rule.
    """
    text = text.strip()
    if len(text) <= max_chars:
        return text
    ends = [e for e in _sentence_ends(text, max_chars) if e >= max_chars // 2]
    if ends:
        return text[: ends[-1]].strip()
    words = text[: max_chars - 1].rsplit(" ", 1)[0]
    return words.rstrip(",;:- ") + "…"


def stream_safe_prefix(text: str, max_chars: int) -> str:
    """How much of a growing reply can be shown now without ever taking it back.

    The first half of the length budget streams freely; past it, only whole sentences
    go out, so what was streamed is always a prefix of `cut_to_length`'s final text.
    """
    half = max_chars // 2
    if len(text) <= half:
        return text
    ends = [e for e in _sentence_ends(text, max_chars) if e > half]
    return text[: ends[-1]] if ends else text[:half]


def cut_at_turn_marker(text: str, markers: tuple[str, ...]) -> tuple[str, bool]:
    """Cut where the model starts writing the next speaker's turn ("\\nUser:")."""
    cut = len(text)
    for marker in markers:
        idx = text.find(marker)
        if idx != -1:
            cut = min(cut, idx)
    return text[:cut], cut < len(text)


def trim_unfinished(text: str) -> str:
    """Drop a trailing half sentence (a reply cut by max_tokens), if a whole one precedes it."""
    text = text.strip()
    if not text or text[-1] in TERMINALS + CLOSERS:
        return text
    end = last_sentence_end(text)
    return text[:end].strip() if end else text
