"""The persona dataclasses: what a robot character is, as plain frozen data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_TTS = "piper-joe-medium"
BEEPS_TTS = "beeps"
DEFAULT_MAX_REPLY_CHARS = 400
DEFAULT_ROAST_STYLE = "playful teasing that is never cruel"
# Reply formats a persona can require; each has a grammar (prompts/grammars/NAME.gbnf) that
# constrains generation and a check in persona.chat.guards.
REPLY_FORMATS = ("beeps",)
# Said when every try at a reply broke character: better a short honest line than a wrong one.
DEFAULT_FALLBACK_REPLY = "Sorry, my circuits got tangled there. Could you say that another way?"

# One exchange of an example dialogue: ("user" | "char", text).
Turn = tuple[str, str]
Dialogue = tuple[Turn, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class VoiceSpec:
    """How the persona sounds: a TTS catalog name (or "beeps") and a speed factor."""

    tts: str = DEFAULT_TTS
    speed: float = 1.0


@dataclass(frozen=True, kw_only=True, slots=True)
class Persona:
    """A robot character. Text may hold `{{char}}`/`{{user}}` macros, filled at render time.

    `extra` keeps card fields we do not use (creator_notes, tags, character_book, extensions...)
    so that export preserves them; nothing in `extra` ever reaches a prompt.
    """

    id: str
    name: str
    description: str = ""
    personality: str = ""
    speaking_style: str = ""
    scenario: str = ""
    greetings: tuple[str, ...] = ()
    example_dialogue: tuple[Dialogue, ...] = ()
    voice: VoiceSpec = field(default_factory=VoiceSpec)
    wake_phrase: str | None = None
    roast_style: str = DEFAULT_ROAST_STYLE
    banned_topics: tuple[str, ...] = ()
    max_reply_chars: int = DEFAULT_MAX_REPLY_CHARS
    reply_format: str | None = None
    fallback_replies: tuple[str, ...] = ()
    system_prompt: str | None = None
    post_history_instructions: str | None = None
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict, hash=False)
    avatar_png: bytes | None = field(default=None, repr=False, compare=False, hash=False)
