"""The honest line for a user who writes in a language the small model cannot converse in.

It answers what is simple in the user's language (a greeting, "how are you", the robot's
name, a known answer, a remembered fact) and says the robot speaks only a little of it,
asking to go on in English. The words are data (`prompts/chat/other_language.yaml`), framed
per persona format by `prompts/chat/other_language.j2`. Pure apart from reading the table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from persona.chat.guards import fold, guess_language
from persona.chat.known import KnownAnswer
from persona.chat.memory import Fact
from persona.errors import BadInput
from persona.paths import prompts_dir
from persona.personas import render_template

TABLE = "chat/other_language.yaml"


@dataclass(frozen=True, slots=True)
class _Language:
    greet: tuple[re.Pattern[str], ...]
    hints: tuple[re.Pattern[str], ...]
    thanks: tuple[re.Pattern[str], ...]
    how: tuple[re.Pattern[str], ...]
    ask_name: tuple[re.Pattern[str], ...]
    lines: dict[str, Any]


@lru_cache(maxsize=2)
def _table(root: str) -> dict[str, _Language]:
    path = Path(root) / TABLE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out = {}
        for lang, entry in (data.get("languages") or {}).items():
            out[str(lang)] = _Language(
                **{k: tuple(re.compile(p) for p in entry.get(k) or ()) for k in _PATTERN_KEYS},
                lines={k: v for k, v in entry.items() if k not in _PATTERN_KEYS},
            )
    except (OSError, yaml.YAMLError, AttributeError, re.error) as exc:
        raise BadInput(f"{path}: cannot read the other-language lines ({exc})") from None
    return out


_PATTERN_KEYS = ("greet", "thanks", "how", "ask_name", "hints")


def languages() -> tuple[str, ...]:
    """The languages a line can be built in."""
    return tuple(_table(str(prompts_dir())))


def user_language(text: str) -> str | None:
    """The language `text` is written in: by its words, else (too short to tell) by letters
    only one language uses ("ř", "ñ") or a greeting of the table ("Ahoj!"); None if unsure."""
    lang = guess_language(text)
    if lang is not None:
        return lang
    table = _table(str(prompts_dir()))
    low = text.lower()
    for code, entry in table.items():
        if any(c in low for c in str(entry.lines.get("letters") or "")):
            return code
    said = fold(text)
    for code, entry in table.items():
        if any(p.search(said) for p in (*entry.greet, *entry.how, *entry.ask_name)):
            return code
    hits = {code: sum(len(p.findall(said)) for p in e.hints) for code, e in table.items()}
    ranked = sorted(hits.values(), reverse=True)
    if ranked and ranked[0] >= 2 and (len(ranked) == 1 or ranked[0] > ranked[1]):
        return max(hits, key=hits.__getitem__)
    return None


def _fill(template: str, **slots: str) -> str:
    for key, value in slots.items():
        template = template.replace("{" + key + "}", value)
    return template


def other_language_line(
    *,
    lang: str | None,
    user_text: str,
    persona_id: str,
    persona_name: str,
    reply_format: str | None = None,
    known: KnownAnswer | None = None,
    recall: Fact | None = None,
    introduced: str | None = None,
    earlier: Sequence[str] = (),
    index: int = 0,
    max_chars: int | None = None,
    answers_only: bool = False,
) -> str | None:
    """The line in `lang` for `user_text`, or None when `lang` has no lines (English, or a
    language not in the table). `introduced` is the name the user gave in this message;
    `earlier` the robot's earlier replies: once it has said it speaks only a little of the
    language, it does not say so again with every answer. `answers_only`: None unless the
    line answers something (a greeting, a question it knows), so the caller can say it
    instead of letting the model try."""
    entry = _table(str(prompts_dir())).get(lang or "")
    if entry is None:
        return None
    said = fold(user_text)
    lines = entry.lines
    parts: list[str] = []
    if introduced:
        parts.append(_fill(str(lines["met"]), value=introduced))
    elif any(p.search(said) for p in entry.greet):
        parts.append(str(lines["hello"]))
    if recall is not None and recall.kind in (lines.get("recall") or {}):
        parts.append(_fill(str(lines["recall"][recall.kind]), value=recall.value))
    elif known is not None:
        parts.append(_fill(str(lines["answer"]), answer=known.word_in(lang)))
    elif any(p.search(said) for p in entry.ask_name):
        parts.append(_fill(str(lines["my_name"]), name=persona_name))
    elif any(p.search(said) for p in entry.how):
        parts.append(str(lines["fine"]))
    elif any(p.search(said) for p in entry.thanks):
        parts.append(str(lines["welcome"]))
    if answers_only and not parts:
        return None
    little = lines["little"].get(persona_id) or lines["little"]["default"]
    apologies = (*little, str(lines["short"]))
    said = bool(parts) and any(a in old for old in earlier for a in apologies)
    text = " ".join([*parts] if said else [*parts, little[index % len(little)]])
    line = render_template(
        "chat/other_language.j2",
        reply_format=reply_format,
        text=text,
        short=" ".join([*parts] if said else [*parts, str(lines["short"])]),
        index=index,
    ).strip()
    if max_chars is not None and len(line) > max_chars and parts:
        # Too long for this persona: the answer matters more than the apology.
        line = render_template(
            "chat/other_language.j2",
            reply_format=reply_format,
            text=" ".join([parts[-1], little[index % len(little)]]),
            short=parts[-1],
            index=index,
        ).strip()
    return line
