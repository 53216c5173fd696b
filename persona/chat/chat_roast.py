""" "Roast me!" in an ordinary chat: a roast built from what the user said in this chat.

Asking is the consent: only a message that asks for a roast of the speaker starts one
("roast me", "go on, make fun of me"), never a mention ("my friend roasted me"). The
material is the user's own statements in this conversation ("I always lose my keys"):
data for the roast pipeline (`persona.roast`), whose angles, safety and coherence checks
are the same as for a profile. The line is code-built, so it is instant and a sentence on
every model; with nothing said yet, the robot teases that instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from persona.errors import BadInput
from persona.text import split_sentences

# A request for a roast of the speaker; "no"/"don't" before it is no request.
_REQUEST = re.compile(
    r"\b(?:roast|burn|tease|make fun of|insult) me\b|\bgive me (?:a|your best) roast\b",
    re.I,
)
_DENIED = re.compile(r"\b(?:don'?t|do not|never|no|stop|not)\b[\w ,]{0,12}$", re.I)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|my|me)\b", re.I)
MAX_STATEMENTS = 12


def asks_for_roast(text: str) -> bool:
    """True when the message asks the robot to roast the speaker."""
    for match in _REQUEST.finditer(text.replace("’", "'")):
        if not _DENIED.search(text[: match.start()]):
            return True
    return False


def statements(user_texts: Sequence[str]) -> list[str]:
    """The user's statements about themselves in `user_texts` (oldest first): sentences in
    the first person that are no question and no roast request."""
    out: list[str] = []
    for text in user_texts:
        for sentence in split_sentences(text) or [text]:
            sentence = sentence.strip()
            if (
                not sentence
                or sentence.endswith("?")
                or asks_for_roast(sentence)
                or not _FIRST_PERSON.search(sentence.replace("’", "'"))
            ):
                continue
            out.append(sentence if sentence[-1] in ".!" else sentence + ".")
    return out[-MAX_STATEMENTS:]


def chat_roast(
    user_texts: Sequence[str],
    persona: object,
    *,
    intensity: str,
    seed: int | None = None,
    avoid: Sequence[str] = (),
) -> str | None:
    """A code-built roast of what the user said (`user_texts`, this chat's messages with
    the request last), in the persona's frame; None when they said nothing to roast."""
    from persona.roast import RoastOptions, extract_angles, roast_profile
    from persona.roast.importers.freetext import from_text

    # What the request itself tells ("Roast me, I always lose my keys") is what it asks
    # to be roasted for; else anything the user said before.
    said = statements(user_texts[-1:]) or statements(user_texts)
    if not said:
        return None
    try:
        profile = from_text(" ".join(said), origin="this chat")
        angles = extract_angles(profile)
        if not angles:
            return None
        options = RoastOptions(intensity=intensity, seed=seed, avoid=tuple(avoid), freedom="code")
        return roast_profile(profile, None, persona=persona, options=options, angles=angles).text
    except BadInput:
        return None
