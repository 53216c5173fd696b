"""Split self-descriptions ("I'm a dentist who runs marathons and owns four cats") into
short clauses, each a candidate fact. Pure text handling.

A piece that means nothing alone ("and counting", ", badly", "and names all of them") is
kept with the clause before it, so it never becomes a fact of its own.
"""

from __future__ import annotations

import re

from persona.text import strip_emoji

_SEP = (
    r"[.;!?\n|•·/]+\s+|[.;!?\n|•·]+$|,\s*|\s+(?:and|but|who|which|plus|also|while)\s+"
    r"|\s+-\s+|\s+&\s+"
)
_SPLIT = re.compile(rf"\s*({_SEP})\s*", re.I)
_LEAD = re.compile(r"^(?:i\s+am|i'm|im|i|my|me|just|also|currently|a\s+proud|proud)\s+", re.I)
# Words that only modify the clause before them.
_MODIFIERS = frozenset(
    """again too also mostly sometimes apparently allegedly occasionally barely badly poorly
    kinda sorta ish lol obviously probably reluctantly daily weekly nightly forever still
    counting""".split()
)
_ANAPHORA = frozenset("it them they this that those these one ones".split())
_FUNCTION = frozenset(
    "a an the of to in on at for with all any some every each and or but is are".split()
)


def _is_fragment(part: str) -> bool:
    """A piece with no meaning of its own: a modifier ("badly"), a lone -ing word
    ("counting"), or a verb whose object is only a pronoun ("names all of them")."""
    words = [w.lower().strip("'\"") for w in part.split()]
    if not words:
        return True
    if all(w in _MODIFIERS or w.endswith("ly") for w in words):
        return True
    if len(words) == 1 and words[0].endswith("ing") and len(words[0]) > 5:
        return True
    content = [w for w in words if w not in _FUNCTION and w not in _ANAPHORA]
    return any(w in _ANAPHORA for w in words) and len(content) <= 1


def split_clauses(text: str, *, max_clauses: int = 12) -> list[str]:
    """Short clauses of a bio or free text, trimmed of "I'm", emoji and punctuation."""
    text = strip_emoji(text, " ")
    text = re.sub(r"[()\[\]{}]", ", ", text)
    pieces = _SPLIT.split(text)
    out: list[str] = []
    prev_sep = ""
    for index in range(0, len(pieces), 2):
        part = pieces[index].strip(" \t\"'()[]{}-–—:,.")
        sep = pieces[index + 1] if index + 1 < len(pieces) else ""
        for _ in range(2):
            part = _LEAD.sub("", part).strip()
        glue = prev_sep
        prev_sep = sep
        if not part or not any(c.isalpha() for c in part):
            continue
        if _is_fragment(part):
            if out and re.fullmatch(r"\s*(?:,|and|but|plus|also)\s*", glue, re.I):
                joiner = ", " if glue.strip() == "," else f" {glue.strip().lower()} "
                out[-1] = f"{out[-1]}{joiner}{part}"
            continue
        words = part.split()
        if not 1 <= len(words) <= 14:
            continue
        if part.lower() not in (o.lower() for o in out):
            out.append(part)
        if len(out) >= max_clauses:
            break
    return out
