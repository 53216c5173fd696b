"""The voice loop (mic -> VAD -> STT -> conversation -> TTS -> speaker) and its events."""

from __future__ import annotations

from persona.voice.events import VoiceEvent, all_event_types
from persona.voice.loop import VoiceConfig, VoiceLoop
from persona.voice.session import VoiceSessionOptions, build_loop, warm_up

__all__ = [
    "VoiceConfig",
    "VoiceEvent",
    "VoiceLoop",
    "VoiceSessionOptions",
    "all_event_types",
    "build_loop",
    "warm_up",
]
