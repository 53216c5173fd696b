"""Split self-descriptions ("I'm a dentist who runs marathons and owns four cats") into
short clauses, each a candidate fact. Pure text handling."""

from __future__ import annotations

import re

_SPLIT = re.compile(
    r"\s*(?:[.;!?\n|•·/]+\s+|[.;!?\n|•·]+$|,\s*|\s+(?:and|but|who|which|plus|also|while)\s+|\s+-\s+|\s+&\s+)\s*",
    re.I,
)
_LEAD = re.compile(r"^(?:i\s+am|i'm|im|i|my|me|just|also|currently|a\s+proud|proud)\s+", re.I)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")


def split_clauses(text: str, *, max_clauses: int = 12) -> list[str]:
    """Short clauses of a bio or free text, trimmed of "I'm", emoji and punctuation."""
    text = _EMOJI.sub(" ", text)
    text = re.sub(r"[()\[\]{}]", ", ", text)
    out: list[str] = []
    for part in _SPLIT.split(text):
        part = part.strip(" \t\"'()[]{}-–—:,.")
        for _ in range(2):
            part = _LEAD.sub("", part).strip()
        words = part.split()
        if not (1 <= len(words) <= 14) or not any(c.isalpha() for c in part):
            continue
        if part.lower() not in (o.lower() for o in out):
            out.append(part)
        if len(out) >= max_clauses:
            break
    return out
