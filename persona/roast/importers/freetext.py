"""Plain free text about a person ("I'm a dentist who runs marathons and owns four cats")."""

from __future__ import annotations

from persona.errors import BadInput
from persona.roast.clauses import split_clauses
from persona.roast.profile import Profile, build_profile

MAX_TEXT_CHARS = 4000


def from_text(text: str, *, origin: str = "free text") -> Profile:
    text = text.strip()
    if not text:
        raise BadInput(f"{origin}: the text is empty; describe the person in a sentence or two")
    text = text[:MAX_TEXT_CHARS]
    return build_profile(source="text", origin=origin, bio=text, facts=tuple(split_clauses(text)))
