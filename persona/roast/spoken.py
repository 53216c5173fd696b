"""Make model output speakable: no markdown, emoji, lists, role echoes or datamarks."""

from __future__ import annotations

import re

from persona.roast.injection import unmark

_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d\u2190-\u21ff\u2b00-\u2bff]")
_ROLE_CUT = re.compile(r"\n\s*(?:user|assistant|system|human|ai|robot|\w+ ?:)\s*:?|<\|", re.I)
_LIST = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+", re.M)


def spoken_text(raw: str, *, max_chars: int = 320) -> str:
    """One or a few clean sentences from raw model text, cut at a sentence end."""
    text = unmark(raw)
    cut = _ROLE_CUT.search(text)
    if cut and cut.start() > 0:
        text = text[: cut.start()]
    listed = _LIST.search(text)
    if listed and text[: listed.start()].strip():
        text = text[: listed.start()]  # a sentence then a list: keep the sentence
    text = _EMOJI.sub("", text)
    text = _LIST.sub("", text)
    text = re.sub(r"[*_`#~>|\[\]]", "", text)
    text = re.sub(r"\s+", " ", text).strip().strip("\"'“”")
    text = re.sub(r"\s*[,;:]+\s*([.!?])", r"\1", text)  # "a night out,." -> "a night out."
    text = re.sub(r"^(?:roast|answer|reply|response|output)\s*:\s*", "", text, flags=re.I)
    if len(text) > max_chars:
        window = text[:max_chars]
        end = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        text = window[: end + 1] if end > 40 else window.rsplit(" ", 1)[0] + "."
    elif text and text[-1] not in ".!?":
        # A stream cut by max_tokens: drop the unfinished tail sentence if there is a full one.
        end = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
        text = text[: end + 1] if end > 15 else text + "."
    return text.strip()
