"""The xiaozhi-esp32 WebSocket protocol as data: the messages this server sends, the checks
on those it receives, and the face emotion of a reply. Pure: no sockets, no models.

Reference: 78/xiaozhi-esp32 `docs/websocket.md` (protocol version 1: JSON text messages
and raw Opus packets as binary messages).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from persona.errors import BadInput

IN_RATE = 16000  # what the robot sends: Opus, 16 kHz mono
OUT_RATE = 24000  # what this server sends back
FRAME_MS = 60
MAX_TEXT_MESSAGE_CHARS = 64 * 1024
LISTEN_MODES = ("auto", "manual", "realtime")
LISTEN_STATES = ("start", "stop", "detect")

# The faces the xiaozhi firmware draws (its `emotion` names), each with the emoji it shows
# as the `llm` message's text.
EMOJI: dict[str, str] = {
    "neutral": "😶",
    "happy": "🙂",
    "laughing": "😆",
    "funny": "😂",
    "sad": "😔",
    "angry": "😠",
    "crying": "😭",
    "loving": "😍",
    "embarrassed": "😳",
    "surprised": "😯",
    "shocked": "😱",
    "thinking": "🤔",
    "winking": "😉",
    "cool": "😎",
    "relaxed": "😌",
    "delicious": "🤤",
    "kissy": "😘",
    "confident": "😏",
    "sleepy": "😴",
    "silly": "😜",
    "confused": "🙄",
}
_EMOJI_TO_EMOTION = {emoji: name for name, emoji in EMOJI.items()} | {
    "😀": "happy",
    "😊": "happy",
    "😄": "laughing",
    "🤣": "funny",
    "😢": "sad",
    "😡": "angry",
    "❤": "loving",
    "🥰": "loving",
    "😮": "surprised",
}
# Word cues, checked in this order (the first that matches wins). Whole words only.
_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sad", ("sorry", "sad", "unfortunately", "miss you", "oh no", "condolences")),
    ("angry", ("angry", "furious", "annoyed")),
    ("laughing", ("haha", "hehe", "lol", "hilarious", "ha ha")),
    ("loving", ("love", "adore", "sweet")),
    ("surprised", ("wow", "whoa", "really", "amazing", "incredible")),
    ("sleepy", ("sleepy", "tired", "yawn", "good night")),
    ("thinking", ("hmm", "let me think", "i wonder", "maybe", "perhaps", "not sure")),
    ("cool", ("beep", "boop", "robot", "circuits", "computing")),
    ("happy", ("great", "glad", "happy", "fun", "yay", "awesome", "nice", "hello", "hi")),
)
_CUE_RES = tuple(
    (name, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I))
    for name, words in _CUES
)


def emotion_for(text: str, *, default: str = "neutral") -> str:
    """The face for a reply sentence: an emoji in it names its emotion; else the first word
    cue that matches (sorry -> sad, haha -> laughing, wow -> surprised, hmm -> thinking,
    great -> happy, ...); else a question is "thinking" and an exclamation "happy"; else
    `default`. Pure and deterministic, so a face never flickers between two runs."""
    for char in text:
        if char in _EMOJI_TO_EMOTION:
            return _EMOJI_TO_EMOTION[char]
    for name, pattern in _CUE_RES:
        if pattern.search(text):
            return name
    stripped = text.rstrip()
    if stripped.endswith("?"):
        return "thinking"
    if stripped.endswith("!"):
        return "happy"
    return default if default in EMOJI else "neutral"


def persona_emotion(personality: str) -> str:
    """A persona's resting face, from its personality text: the default `emotion_for`
    falls back on. Pure."""
    text = personality.lower()
    for name, words in (
        ("happy", ("cheerful", "upbeat", "enthusiastic", "bubbly", "playful", "friendly")),
        ("cool", ("dry", "deadpan", "sarcastic", "snarky", "grumpy")),
        ("relaxed", ("calm", "gentle", "patient", "wise", "polite")),
    ):
        if any(word in text for word in words):
            return name
    return "neutral"


def is_wake_word(text: str, wake_phrase: str | None) -> bool:
    """Whether a `listen detect` text is only the wake word (then there is nothing to
    answer) rather than a question typed or spoken after it. Pure."""
    said = re.sub(r"[^\w\s]", "", text).strip().lower()
    if not said:
        return True
    phrases = {"xiaozhi", "hi xiaozhi", "hey xiaozhi", "hello xiaozhi", "你好小智", "小智"}
    if wake_phrase:
        phrases.add(re.sub(r"[^\w\s]", "", wake_phrase).strip().lower())
    return said in phrases


# -- messages ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClientMessage:
    """A checked JSON message from the robot: its `type` and the whole object."""

    type: str
    body: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.body.get(key, default)


def parse_message(raw: str) -> ClientMessage:
    """A text frame as a `ClientMessage`; BadInput (naming what is wrong) for anything that
    is not a JSON object with a string `type`. Validate, never assert: a robot with other
    firmware must not bring the server down."""
    if len(raw) > MAX_TEXT_MESSAGE_CHARS:
        raise BadInput(f"message too long ({len(raw):,} characters)")
    try:
        body = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadInput(f"message is not JSON: {exc.msg} at character {exc.pos}") from None
    if not isinstance(body, dict):
        raise BadInput("message is not a JSON object")
    kind = body.get("type")
    if not isinstance(kind, str) or not kind:
        raise BadInput("message has no `type`")
    if kind == "listen":
        state = body.get("state")
        if state not in LISTEN_STATES:
            raise BadInput(f"listen: `state` must be one of {', '.join(LISTEN_STATES)}")
        mode = body.get("mode", "auto")
        if mode not in LISTEN_MODES:
            raise BadInput(f"listen: `mode` must be one of {', '.join(LISTEN_MODES)}")
    if kind == "hello":
        params = body.get("audio_params", {})
        if not isinstance(params, dict):
            raise BadInput("hello: `audio_params` must be an object")
        fmt = params.get("format", "opus")
        if fmt != "opus":
            raise BadInput(f"hello: audio format {fmt!r} is not supported; use opus")
        rate = params.get("sample_rate", IN_RATE)
        if not isinstance(rate, int) or rate not in (8000, 12000, 16000, 24000, 48000):
            raise BadInput(f"hello: sample_rate {rate!r} is not an Opus rate")
        if params.get("channels", 1) != 1:
            raise BadInput("hello: only mono audio (channels 1) is supported")
    return ClientMessage(kind, body)


def hello_reply(session_id: str, *, sample_rate: int = OUT_RATE, frame_ms: int = FRAME_MS):
    return {
        "type": "hello",
        "transport": "websocket",
        "session_id": session_id,
        "audio_params": {
            "format": "opus",
            "sample_rate": sample_rate,
            "channels": 1,
            "frame_duration": frame_ms,
        },
    }


def stt_message(session_id: str, text: str) -> dict[str, Any]:
    return {"session_id": session_id, "type": "stt", "text": text}


def llm_message(session_id: str, emotion: str) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "type": "llm",
        "emotion": emotion,
        "text": EMOJI.get(emotion, EMOJI["neutral"]),
    }


def tts_message(session_id: str, state: str, text: str | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"session_id": session_id, "type": "tts", "state": state}
    if text is not None:
        message["text"] = text
    return message


def dumps(message: dict[str, Any]) -> str:
    return json.dumps(message, ensure_ascii=False)
