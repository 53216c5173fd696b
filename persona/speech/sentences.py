"""Incremental sentence splitting for streamed replies, so speech can start early.

Pure: feed text deltas in, get finished sentences out. The first fragment may be released at
a clause boundary (comma, colon, dash) when it is already long, so the first audio is not held
back by a long opening sentence. Where a sentence ends is `persona.text`'s definition, the
one the chat and the scenario checks use too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from persona.text import ends_sentence, sentence_breaks

_CLAUSE_END = re.compile(r"[,;:]\s+|\s[-–—]\s+")
_WORDS = re.compile(r"\S+\s*|\s+")


@dataclass(slots=True, kw_only=True)
class SentenceSplitter:
    """Buffers streamed text and releases whole sentences.

    `first_clause_min_chars`: release the first fragment at a clause boundary once the
    buffer holds at least this many characters and no sentence has been released yet.
    `max_chars`: force a break at the last space when a sentence grows past this.
    `whole_deltas`: the deltas come from the chat's reply gate, which lets text out a
    checked sentence at a time, so a delta that ends a sentence closes it at once instead
    of waiting for the next delta to show it is over (up to a sentence's generation time).
    """

    first_clause_min_chars: int = 24
    max_chars: int = 300
    whole_deltas: bool = False
    _buffer: str = field(default="", init=False)
    _released: int = field(default=0, init=False)

    def push(self, text: str) -> list[str]:
        """Add a delta; return the sentences it completed (possibly none)."""
        # Until the first piece is out, take a long delta word by word, so the first-clause
        # rule releases the opening clause as it would from text streamed token by token.
        parts = _WORDS.findall(text) if self._released == 0 else [text]
        probe = self.whole_deltas and text == text.rstrip() and ends_sentence(text)
        if probe:
            parts.append(" ")  # what the next sentence would start with: this one is over
        out: list[str] = []
        for part in parts:
            self._buffer += part
            while True:
                piece = self._take_sentence()
                if piece is None:
                    break
                out.append(piece)
        if probe and self._buffer.endswith(" "):  # not over after all ("Dr."): take it back
            self._buffer = self._buffer[:-1]
        return out

    def flush(self) -> list[str]:
        """Return whatever is left (end of stream)."""
        rest = self._buffer.strip()
        self._buffer = ""
        if rest:
            self._released += 1
            return [rest]
        return []

    def _take_sentence(self) -> str | None:
        first = next(sentence_breaks(self._buffer), None)
        if first is not None:
            return self._cut(first[1])
        if self._released == 0 and len(self._buffer) >= self.first_clause_min_chars:
            clauses = list(_CLAUSE_END.finditer(self._buffer))
            # Only a boundary with a few words before it is worth an early release.
            clauses = [m for m in clauses if len(self._buffer[: m.start()].split()) >= 4]
            if clauses:
                return self._cut(clauses[-1].end())
        if len(self._buffer) > self.max_chars:
            cut = self._buffer.rfind(" ", 0, self.max_chars)
            return self._cut(cut + 1 if cut > 0 else self.max_chars)
        return None

    def _cut(self, end: int) -> str | None:
        piece, self._buffer = self._buffer[:end].strip(), self._buffer[end:]
        if not piece:
            return None if not self._buffer else self._take_sentence()
        self._released += 1
        return piece


def split_stream(deltas: list[str] | tuple[str, ...], **options: int) -> list[str]:
    """Split a whole list of deltas (a convenience for tests and batch use)."""
    splitter = SentenceSplitter(**options)
    out: list[str] = []
    for delta in deltas:
        out.extend(splitter.push(delta))
    out.extend(splitter.flush())
    return out


# How much longer than a reply's opening clause the rest of its first sentence may be, for
# the rest to be synthesised while the opening plays: about one over the voice's real-time
# factor, with room. Piper on every core with the LLM stepping aside runs at about 0.1;
# where the cores are busy with work the LLM does not step aside for (a browser on the same
# machine) at 0.2-0.3. `persona bench voice` reports any silence heard inside a reply as
# `longest_gap_ms`.
OPENING_COVER = 10
BUSY_COVER = 3


def split_for_tts(
    sentence: str,
    max_chars: int = 120,
    *,
    opening: bool = False,
    cover: int = OPENING_COVER,
    min_chars: int = 12,
) -> list[str]:
    """Cut a long sentence into pieces of at most `max_chars`, at clause boundaries first,
    then between words. Piper's memory and first-audio delay grow with the length of what it
    is given (about 30 MB per second of speech on a medium voice).

    `opening`: the sentence opens a reply; its opening clause is cut off too, because the
    first sound waits for the synthesis of the first piece only: "I love dragons, they
    breathe fire and fly." starts at "I love dragons,", "No, I'm afraid of my own shadows."
    at "No,". Only at a clause mark, where a speaker pauses anyway; only in a sentence
    longer than `min_chars` (a shorter one is synthesised whole in about 0.1 s); and only
    where the rest is at most `cover` times as long as the opening."""
    sentence = sentence.strip()
    if opening and len(sentence) > min_chars:
        for mark in _CLAUSE_END.finditer(sentence):
            head, rest = sentence[: mark.end()].strip(), sentence[mark.end() :].strip()
            if not rest or len(head) > max_chars:
                break
            if len(head) * cover >= len(rest):
                return [head, *split_for_tts(rest, max_chars)]
    if len(sentence) <= max_chars:
        return [sentence] if sentence else []
    pieces: list[str] = []
    rest = sentence
    while len(rest) > max_chars:
        window = rest[: max_chars + 1]
        cuts = [m.end() for m in _CLAUSE_END.finditer(window) if m.end() > max_chars // 3]
        cut = cuts[-1] if cuts else window.rfind(" ") + 1
        if cut <= 0:
            cut = max_chars
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        pieces.append(rest)
    return [p for p in pieces if p]
