"""The persona file format (YAML or JSON): validate a mapping into a `Persona`, and back.

Errors name the file and the field, because people edit these files by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from persona.errors import BadInput
from persona.personas.model import (
    DEFAULT_MAX_REPLY_CHARS,
    DEFAULT_ROAST_STYLE,
    REPLY_FORMATS,
    Dialogue,
    Persona,
    VoiceSpec,
)

MAX_PERSONA_FILE_BYTES = 2 * 1024 * 1024
ROLES = ("user", "char")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

FIELDS = (
    "id",
    "name",
    "description",
    "personality",
    "speaking_style",
    "scenario",
    "greetings",
    "example_dialogue",
    "voice",
    "wake_phrase",
    "roast_style",
    "banned_topics",
    "max_reply_chars",
    "reply_format",
    "fallback_replies",
    "system_prompt",
    "post_history_instructions",
    "extra",
)


def slugify(name: str) -> str:
    """A persona id from a display name: lowercase letters, digits and dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64]
    return slug or "persona"


def _text(where: str, field: str, value: Any, *, optional: bool = False) -> str | None:
    if value is None:
        return None if optional else ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise BadInput(f"{where}: field '{field}' must be text, got {type(value).__name__}")
    return str(value).strip()


def _text_list(where: str, field: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise BadInput(f"{where}: field '{field}' must be a list of text")
    out = []
    for i, item in enumerate(value):
        text = _text(where, f"{field}[{i}]", item)
        if text:
            out.append(text)
    return tuple(out)


def _turn(where: str, field: str, item: Any) -> tuple[str, str]:
    # Accept {"user": "hi"} / {"char": "hello"} and ["user", "hi"].
    if isinstance(item, Mapping) and len(item) == 1:
        ((role, text),) = item.items()
    elif isinstance(item, list | tuple) and len(item) == 2:
        role, text = item
    else:
        raise BadInput(f"{where}: field '{field}' must be {{user: text}} or {{char: text}}")
    if role not in ROLES:
        raise BadInput(f"{where}: field '{field}' has role {role!r}; use 'user' or 'char'")
    return role, _text(where, field, text) or ""


def _dialogues(where: str, value: Any) -> tuple[Dialogue, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise BadInput(f"{where}: field 'example_dialogue' must be a list of dialogues")
    out = []
    for i, dialogue in enumerate(value):
        if not isinstance(dialogue, list | tuple):
            raise BadInput(f"{where}: field 'example_dialogue[{i}]' must be a list of turns")
        turns = tuple(
            _turn(where, f"example_dialogue[{i}][{j}]", turn) for j, turn in enumerate(dialogue)
        )
        if turns:
            out.append(turns)
    return tuple(out)


def _voice(where: str, value: Any) -> VoiceSpec:
    if value is None:
        return VoiceSpec()
    if isinstance(value, str):
        value = {"tts": value}
    if not isinstance(value, Mapping):
        raise BadInput(f"{where}: field 'voice' must be a mapping with 'tts' and 'speed'")
    unknown = set(value) - {"tts", "speed"}
    if unknown:
        raise BadInput(f"{where}: field 'voice.{sorted(unknown)[0]}' is unknown; use tts, speed")
    tts = _text(where, "voice.tts", value.get("tts")) or VoiceSpec().tts
    speed = value.get("speed", 1.0)
    if isinstance(speed, bool) or not isinstance(speed, int | float) or not 0.25 <= speed <= 4:
        raise BadInput(f"{where}: field 'voice.speed' must be a number from 0.25 to 4")
    return VoiceSpec(tts=tts, speed=float(speed))


def persona_from_mapping(
    data: Any, *, where: str, default_id: str = "", source: str = ""
) -> Persona:
    """Validate a persona-file mapping. `where` names the file in error messages."""
    if not isinstance(data, Mapping):
        raise BadInput(f"{where}: expected a mapping of persona fields at the top level")
    unknown = [key for key in data if key not in FIELDS]
    if unknown:
        raise BadInput(
            f"{where}: field '{unknown[0]}' is unknown; known fields: {', '.join(FIELDS)}"
        )
    name = _text(where, "name", data.get("name"))
    if not name:
        raise BadInput(f"{where}: field 'name' is required")
    pid = _text(where, "id", data.get("id")) or default_id or slugify(name)
    if not _ID_RE.match(pid):
        raise BadInput(f"{where}: field 'id' must be lowercase letters, digits, '-' or '_'")
    max_chars = data.get("max_reply_chars", DEFAULT_MAX_REPLY_CHARS)
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or not 20 <= max_chars <= 4000:
        raise BadInput(f"{where}: field 'max_reply_chars' must be a whole number from 20 to 4000")
    extra = data.get("extra") or {}
    if not isinstance(extra, Mapping):
        raise BadInput(f"{where}: field 'extra' must be a mapping")
    roast_style = _text(where, "roast_style", data.get("roast_style"))
    reply_format = _text(where, "reply_format", data.get("reply_format"), optional=True) or None
    if reply_format is not None and reply_format not in REPLY_FORMATS:
        raise BadInput(f"{where}: field 'reply_format' must be one of {', '.join(REPLY_FORMATS)}")
    return Persona(
        id=pid,
        name=name,
        description=_text(where, "description", data.get("description")) or "",
        personality=_text(where, "personality", data.get("personality")) or "",
        speaking_style=_text(where, "speaking_style", data.get("speaking_style")) or "",
        scenario=_text(where, "scenario", data.get("scenario")) or "",
        greetings=_text_list(where, "greetings", data.get("greetings")),
        example_dialogue=_dialogues(where, data.get("example_dialogue")),
        voice=_voice(where, data.get("voice")),
        wake_phrase=_text(where, "wake_phrase", data.get("wake_phrase"), optional=True) or None,
        roast_style=roast_style or DEFAULT_ROAST_STYLE,
        banned_topics=_text_list(where, "banned_topics", data.get("banned_topics")),
        max_reply_chars=max_chars,
        reply_format=reply_format,
        fallback_replies=_text_list(where, "fallback_replies", data.get("fallback_replies")),
        system_prompt=_text(where, "system_prompt", data.get("system_prompt"), optional=True)
        or None,
        post_history_instructions=_text(
            where, "post_history_instructions", data.get("post_history_instructions"), optional=True
        )
        or None,
        source=source,
        extra=dict(extra),
    )


def persona_to_mapping(persona: Persona) -> dict[str, Any]:
    """The persona as a plain mapping in file-format order (what `dump_persona_yaml` writes)."""
    out: dict[str, Any] = {
        "id": persona.id,
        "name": persona.name,
        "description": persona.description,
        "personality": persona.personality,
        "speaking_style": persona.speaking_style,
        "scenario": persona.scenario,
        "greetings": list(persona.greetings),
        "example_dialogue": [
            [{role: text} for role, text in dialogue] for dialogue in persona.example_dialogue
        ],
        "voice": {"tts": persona.voice.tts, "speed": persona.voice.speed},
        "wake_phrase": persona.wake_phrase,
        "roast_style": persona.roast_style,
        "banned_topics": list(persona.banned_topics),
        "max_reply_chars": persona.max_reply_chars,
        "reply_format": persona.reply_format,
        "fallback_replies": list(persona.fallback_replies),
        "system_prompt": persona.system_prompt,
        "post_history_instructions": persona.post_history_instructions,
        "extra": dict(persona.extra),
    }
    return {key: value for key, value in out.items() if value not in (None, "", [], {})}


def dump_persona_yaml(persona: Persona) -> str:
    return yaml.safe_dump(
        persona_to_mapping(persona), sort_keys=False, allow_unicode=True, width=100
    )


def read_persona_file(path: Path) -> Persona:
    """Load a .yaml/.yml/.json persona file (not a character card; see `cards`)."""
    data = parse_mapping_file(path)
    return persona_from_mapping(
        data, where=path.name, default_id=slugify(path.stem), source=str(path)
    )


def parse_mapping_file(path: Path) -> Any:
    """Read and parse YAML or JSON with a size cap; BadInput names the file."""
    try:
        size = path.stat().st_size
        if size > MAX_PERSONA_FILE_BYTES:
            raise BadInput(f"{path.name}: persona file is {size} bytes; the limit is 2 MB")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path.name}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise BadInput(f"{path.name}: cannot read the file ({exc.strerror})") from None
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{path.name}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    except ValueError as exc:  # e.g. an integer with too many digits
        raise BadInput(f"{path.name}: invalid JSON ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise BadInput(f"{path.name}: invalid YAML{at}: {getattr(exc, 'problem', exc)}") from None
    except RecursionError:
        raise BadInput(f"{path.name}: nesting too deep") from None
