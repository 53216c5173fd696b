"""Make model output speakable: no markdown, emoji, lists, role echoes or datamarks."""

from __future__ import annotations

import re

from persona.roast.injection import unmark
from persona.text import LIST_MARKER, last_sentence_end, strip_emoji

_ROLE_CUT = re.compile(r"\n\s*(?:user|assistant|system|human|ai|robot|\w+ ?:)\s*:?|<\|", re.I)


def spoken_text(raw: str, *, max_chars: int = 320) -> str:
    """One or a few clean sentences from raw model text, cut at a sentence end."""
    text = unmark(raw)
    cut = _ROLE_CUT.search(text)
    if cut and cut.start() > 0:
        text = text[: cut.start()]
    listed = LIST_MARKER.search(text)
    if listed and text[: listed.start()].strip():
        text = text[: listed.start()]  # a sentence then a list: keep the sentence
    text = strip_emoji(text)
    text = LIST_MARKER.sub("", text)
    text = re.sub(r"[*_`#~>|\[\]]", "", text)
    text = re.sub(r"\s+", " ", text).strip().strip("\"'“”")
    text = re.sub(r"\s*[,;:]+\s*([.!?])", r"\1", text)  # "a night out,." -> "a night out."
    text = re.sub(r"^(?:roast|answer|reply|response|output)\s*:\s*", "", text, flags=re.I)
    if len(text) > max_chars:
        window = text[:max_chars]
        end = last_sentence_end(window)
        text = window[:end] if end > 41 else window.rsplit(" ", 1)[0] + "."
    elif text and text[-1] not in ".!?":
        # A stream cut by max_tokens: drop the unfinished tail sentence if there is a full one.
        end = last_sentence_end(text)
        text = text[:end] if end > 16 else text + "."
    return text.strip()
