"""SillyTavern character cards (V1, V2, V3; JSON or PNG) to and from `Persona`.

Cards are untrusted downloads: sizes are capped, nothing is evaluated, and text stays data.
Macros such as `{{user}}` are kept as written; `substitute_macros` fills them at render time.
Fields we do not use (creator_notes, tags, character_book, extensions...) go to `Persona.extra`
and come back out on export. `creator_notes` is for humans and never reaches a prompt.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from persona.errors import BadInput, NotFound
from persona.personas.model import Dialogue, Persona
from persona.personas.persona_file import FIELDS, persona_from_mapping, slugify
from persona.personas.png_chunks import (
    PNG_SIGNATURE,
    plain_avatar,
    read_chunks,
    text_chunks,
    with_text_chunk,
)

log = logging.getLogger(__name__)

MAX_CARD_FILE_BYTES = 20 * 1024 * 1024
MAX_CARD_JSON_BYTES = 8 * 1024 * 1024
EXTENSION_KEY = "robot_persona"  # our own fields, inside data.extensions

# Card fields that map onto Persona fields; everything else is kept in `extra`.
_CARD_FIELDS = (
    "name",
    "description",
    "personality",
    "scenario",
    "first_mes",
    "mes_example",
    "system_prompt",
    "post_history_instructions",
    "alternate_greetings",
)
# Old TavernAI / Pygmalion V1 names.
_V1_ALIASES = {
    "char_name": "name",
    "char_persona": "personality",
    "world_scenario": "scenario",
    "char_greeting": "first_mes",
    "example_dialogue": "mes_example",
}
# V2 fields that export always writes; empty ones are not worth keeping in `extra` on import.
_V2_DEFAULTS: dict[str, Any] = {
    "creator_notes": "",
    "tags": [],
    "creator": "",
    "character_version": "",
}
# Our persona fields that ride in data.extensions.robot_persona.
_OWN_FIELDS = tuple(
    f
    for f in FIELDS
    if f
    not in (
        "name",
        "description",
        "personality",
        "scenario",
        "greetings",
        "example_dialogue",
        "system_prompt",
        "post_history_instructions",
        "extra",
    )
)

_START_RE = re.compile(r"<start>", re.IGNORECASE)


def _prefix_re(char_name: str) -> re.Pattern[str]:
    names = r"\{\{\s*(?P<user>user)\s*\}\}|<(?P<user2>user)>|\{\{\s*char\s*\}\}|<bot>"
    if char_name:
        names += "|" + re.escape(char_name)
    return re.compile(rf"^\s*(?:{names})\s*:\s?(?P<text>.*)$", re.IGNORECASE)


def parse_mes_example(text: str, char_name: str = "") -> tuple[Dialogue, ...]:
    """Split `mes_example` into dialogues on `<START>` and turns on `{{user}}:`/`{{char}}:`."""
    prefix = _prefix_re(char_name)
    dialogues = []
    for block in _START_RE.split(text or ""):
        turns: list[list[str]] = []
        for line in block.splitlines():
            match = prefix.match(line)
            if match:
                role = "user" if (match.group("user") or match.group("user2")) else "char"
                turns.append([role, match.group("text").strip()])
            elif turns and line.strip():
                turns[-1][1] = f"{turns[-1][1]}\n{line.strip()}".strip()
        kept = tuple((role, body) for role, body in turns if body)
        if kept:
            dialogues.append(kept)
    return tuple(dialogues)


def format_mes_example(dialogues: tuple[Dialogue, ...]) -> str:
    blocks = []
    for dialogue in dialogues:
        lines = ["<START>"]
        for role, text in dialogue:
            lines.append(f"{{{{{role}}}}}: {text}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def _decode_json(raw: bytes | str, *, where: str) -> Any:
    if len(raw) > MAX_CARD_JSON_BYTES:
        raise BadInput(f"{where}: card JSON is larger than 8 MB")
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        return json.loads(text)
    except UnicodeDecodeError:
        raise BadInput(f"{where}: card JSON is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise BadInput(f"{where}: invalid card JSON at line {exc.lineno}: {exc.msg}") from None
    except ValueError as exc:  # e.g. an integer with too many digits
        raise BadInput(f"{where}: invalid card JSON ({exc})") from None
    except RecursionError:
        raise BadInput(f"{where}: card JSON is nested too deep") from None


def _card_json_from_png(blob: bytes, *, where: str) -> Any:
    texts = text_chunks(read_chunks(blob, where=where), where=where, keys=("ccv3", "chara"))
    keyword = "ccv3" if "ccv3" in texts else "chara" if "chara" in texts else None
    if keyword is None:
        raise BadInput(f"{where}: PNG has no character card (no 'chara' or 'ccv3' text chunk)")
    encoded = "".join(texts[keyword].split())
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise BadInput(f"{where}: the PNG '{keyword}' chunk is not valid base64") from None
    return _decode_json(raw, where=f"{where} ({keyword} chunk)")


def _text_field(data: dict[str, Any], key: str, *, where: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadInput(f"{where}: card field '{key}' must be text, got {type(value).__name__}")
    return value


def persona_from_card(
    card: Any, *, where: str, source: str = "", avatar: bytes | None = None
) -> Persona:
    """Turn parsed card JSON (any version) into a Persona; BadInput names `where` and the field."""
    if not isinstance(card, dict):
        raise BadInput(f"{where}: a character card must be a JSON object")
    spec = card.get("spec")
    if spec in ("chara_card_v2", "chara_card_v3"):
        data = card.get("data")
        if not isinstance(data, dict):
            raise BadInput(f"{where}: card field 'data' must be an object ({spec})")
        data = dict(data)
    elif spec is not None:
        raise BadInput(
            f"{where}: unsupported card spec {str(spec)[:40]!r}; use a V1, V2 or V3 card"
        )
    else:
        data = {_V1_ALIASES.get(key, key): value for key, value in card.items()}

    fields = {key: _text_field(data, key, where=where) for key in _CARD_FIELDS[:-1]}
    alternates = data.get("alternate_greetings") or []
    if not isinstance(alternates, list) or not all(isinstance(g, str) for g in alternates):
        raise BadInput(f"{where}: card field 'alternate_greetings' must be a list of text")
    name = fields["name"].strip()
    if not name:
        raise BadInput(f"{where}: card field 'name' is empty")

    extra = {key: value for key, value in data.items() if key not in _CARD_FIELDS}
    for key, empty in _V2_DEFAULTS.items():
        if key in extra and extra[key] in (empty, None):
            del extra[key]
    own: dict[str, Any] = {}
    extensions = extra.get("extensions")
    if isinstance(extensions, dict):
        extensions = dict(extensions)
        found = extensions.pop(EXTENSION_KEY, None)
        if isinstance(found, dict):
            own = {key: value for key, value in found.items() if key in _OWN_FIELDS}
        if extensions:
            extra["extensions"] = extensions
        else:
            del extra["extensions"]
    elif extensions is None:
        extra.pop("extensions", None)

    mapping = {
        **own,
        "name": name,
        "description": fields["description"],
        "personality": fields["personality"],
        "scenario": fields["scenario"],
        "greetings": [fields["first_mes"], *alternates],
        "example_dialogue": [
            [list(turn) for turn in dialogue]
            for dialogue in parse_mes_example(fields["mes_example"], name)
        ],
        "system_prompt": fields["system_prompt"],
        "post_history_instructions": fields["post_history_instructions"],
        "extra": extra,
    }
    mapping.setdefault("id", slugify(name))
    persona = persona_from_mapping(mapping, where=where, source=source)
    if avatar is not None:
        persona = replace(persona, avatar_png=avatar)
    return persona


def _read_source(source: str | Path | bytes) -> tuple[bytes, str, str]:
    if isinstance(source, bytes | bytearray):
        if len(source) > MAX_CARD_FILE_BYTES:
            raise BadInput("card: the card is larger than 20 MB")
        return bytes(source), "card", "card"
    path = Path(source)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise NotFound(f"{path}: no such card file; check the path") from None
    except OSError as exc:
        raise BadInput(f"{path.name}: cannot read the card ({exc.strerror})") from None
    if size > MAX_CARD_FILE_BYTES:
        raise BadInput(f"{path.name}: the card is {size} bytes; the limit is 20 MB")
    try:
        return path.read_bytes(), path.name, str(path)
    except OSError as exc:
        raise BadInput(f"{path.name}: cannot read the card ({exc.strerror})") from None


def import_card(source: str | Path | bytes) -> Persona:
    """Load a character card from a .json/.png path or raw bytes (PNG or JSON)."""
    blob, where, origin = _read_source(source)
    if blob.startswith(PNG_SIGNATURE):
        card = _card_json_from_png(blob, where=where)
        return persona_from_card(card, where=where, source=f"card:{origin}", avatar=blob)
    return persona_from_card(_decode_json(blob, where=where), where=where, source=f"card:{origin}")


def card_from_persona(persona: Persona) -> dict[str, Any]:
    """A V2 card (`chara_card_v2`) for the persona; unknown card fields in `extra` come along."""
    data: dict[str, Any] = {**_V2_DEFAULTS, **persona.extra}
    extensions = data.get("extensions")
    extensions = dict(extensions) if isinstance(extensions, dict) else {}
    extensions[EXTENSION_KEY] = {
        "id": persona.id,
        "speaking_style": persona.speaking_style,
        "voice": {"tts": persona.voice.tts, "speed": persona.voice.speed},
        "wake_phrase": persona.wake_phrase,
        "roast_style": persona.roast_style,
        "banned_topics": list(persona.banned_topics),
        "max_reply_chars": persona.max_reply_chars,
    }
    if persona.reply_format:
        extensions[EXTENSION_KEY]["reply_format"] = persona.reply_format
    if persona.fallback_replies:
        extensions[EXTENSION_KEY]["fallback_replies"] = list(persona.fallback_replies)
    greetings = persona.greetings
    data.update(
        name=persona.name,
        description=persona.description,
        personality=persona.personality,
        scenario=persona.scenario,
        first_mes=greetings[0] if greetings else "",
        alternate_greetings=list(greetings[1:]),
        mes_example=format_mes_example(persona.example_dialogue),
        system_prompt=persona.system_prompt or "",
        post_history_instructions=persona.post_history_instructions or "",
        extensions=extensions,
    )
    return {"spec": "chara_card_v2", "spec_version": "2.0", "data": data}


def card_png_bytes(persona: Persona) -> bytes:
    """The persona as a PNG card: its own image (or a generated one) with a `chara` tEXt chunk."""
    payload = json.dumps(card_from_persona(persona), ensure_ascii=False).encode("utf-8")
    encoded = base64.b64encode(payload).decode("ascii")
    image = persona.avatar_png or plain_avatar(persona.id)
    return with_text_chunk(image, "chara", encoded, drop=("chara", "ccv3"), where=persona.id)


def export_card(persona: Persona, path: str | Path) -> Path:
    """Write the persona as a V2 card: `.json`, or `.png` with the card embedded."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        blob = json.dumps(card_from_persona(persona), ensure_ascii=False, indent=2).encode("utf-8")
    elif suffix == ".png":
        blob = card_png_bytes(persona)
    else:
        raise BadInput(f"{path.name}: export a card as .json or .png")
    try:
        path.write_bytes(blob)
    except OSError as exc:
        raise BadInput(f"{path}: cannot write the card ({exc.strerror})") from None
    log.debug("exported %s to %s", persona.id, path)
    return path
