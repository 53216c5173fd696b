"""Build a ready-to-run voice loop from names and paths (shared by the CLI, tests, bench)."""

from __future__ import annotations

import logging
import os
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from persona.cores import speech_threads
from persona.speech.audio_io import (
    AudioIn,
    AudioOut,
    check_out_path,
    open_audio_in,
    open_audio_out,
)
from persona.speech.stt import SpeechToText, SttConfig, WhisperStt
from persona.speech.tts import TextToSpeech, TtsConfig, open_tts
from persona.speech.turn import TurnConfig, TurnDetector, load_turn_detector
from persona.voice.loop import ConversationLike, VoiceConfig, VoiceLoop

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceSessionOptions:
    persona: str | None = None
    in_path: str | Path | None = None
    out_path: str | Path | None = None
    input_device: str | None = None
    output_device: str | None = None
    realtime: bool = False  # pace file input/output like a real mic and speaker
    stt_model: str | None = None
    stt_threads: int | None = None
    voice: str | None = None  # overrides the persona's TTS voice
    # The end-of-turn model (catalog name or .onnx path; None = the default). Without it,
    # or with `end_of_turn_model=False`, turns end after a fixed silence.
    turn_model: str | None = None
    end_of_turn_model: bool = True
    loop: VoiceConfig = field(default_factory=VoiceConfig)


def limit_malloc_arenas(arenas: int = 2, mmap_threshold_mb: int = 2) -> None:
    """Cap glibc's per-thread malloc arenas (like MALLOC_ARENA_MAX=2) and fix the size
    above which a buffer is mapped for itself and unmapped when freed.

    The loop's five threads each get an arena by default; on a Pi every 50 MB of RSS counts.
    The threshold is where memory and speed meet: a mapped buffer goes back to the OS at
    once, but every page of it faults in again on the next call. Measured on 2 cores
    (`persona bench voice`): at 1 MB Whisper, Smart Turn and Piper each ran 1.6-1.8x
    slower than with glibc's adaptive threshold, which held 110 MB more (peak 694 MB);
    at 4 MB they ran at about the adaptive speed but the peak was 585-617 MB; at 2 MB
    Whisper is about 1.2x faster than at 1 MB and the peak stays about 570 MB (goal 600).
    A no-op where glibc is absent.
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-8, arenas)  # M_ARENA_MAX
        libc.mallopt(-3, mmap_threshold_mb << 20)  # M_MMAP_THRESHOLD (fixed, not adaptive)
    except (OSError, AttributeError):
        log.debug("mallopt unavailable; malloc arenas not limited")


def voice_llm_threads() -> int:
    """LLM threads for voice mode: leave one core to STT/TTS/audio, which run beside it.
    llama.cpp's threads spin-wait; sharing every core with other work slows it 10x or more."""
    return max(1, (os.cpu_count() or 2) - 1)


def tts_for_persona(persona: object, voice: str | None = None) -> TextToSpeech:
    """The persona's voice, on every core (up to 4): the LLM steps aside while it speaks
    (`persona.cores`), and Piper says a first clause about 1.8x faster on two cores."""
    spec = getattr(persona, "voice", None)
    name = voice or getattr(spec, "tts", None)
    speed = float(getattr(spec, "speed", 1.0) or 1.0)
    return open_tts(TtsConfig(voice=name, speed=speed, threads=speech_threads()))


def build_loop(
    options: VoiceSessionOptions,
    *,
    conversation: ConversationLike,
    persona: object | None = None,
    stt: SpeechToText | None = None,
    tts: TextToSpeech | None = None,
    audio_in: AudioIn | None = None,
    audio_out: AudioOut | None = None,
    turn_detector: TurnDetector | None = None,
    on_event=None,
    closer: ExitStack | None = None,
) -> VoiceLoop:
    """Everything not passed in is created from `options`; `closer` gets the cleanups."""
    # Audio first: a missing mic or unreadable file fails fast, before any model loads.
    if options.out_path is not None and audio_out is None:
        check_out_path(options.out_path)
    audio_in = audio_in or open_audio_in(
        path=options.in_path, device=options.input_device, realtime=options.realtime
    )
    if closer is not None:
        closer.callback(audio_in.close)
    stt = stt or WhisperStt.load(SttConfig(model=options.stt_model, threads=options.stt_threads))
    tts = tts or tts_for_persona(persona, options.voice)
    audio_out = audio_out or open_audio_out(
        path=options.out_path,
        device=options.output_device,
        realtime=options.realtime,
        sample_rate=tts.sample_rate,
    )
    if closer is not None:
        closer.callback(audio_out.close)
    if turn_detector is None and options.end_of_turn_model:
        turn_detector = load_turn_detector(TurnConfig(model=options.turn_model))
    return VoiceLoop(
        conversation=conversation,
        stt=stt,
        tts=tts,
        audio_in=audio_in,
        audio_out=audio_out,
        config=options.loop,
        on_event=on_event,
        turn_detector=turn_detector if options.end_of_turn_model else None,
    )


def warm_up(
    *,
    conversation: object,
    stt: SpeechToText,
    tts: TextToSpeech,
    turn_detector: TurnDetector | None = None,
) -> None:
    """Pay the first-call costs before listening, not on the first question: CTranslate2 and
    ONNX set-up, and the persona's prompt prefix (kept on disk between runs, so the first
    reply only evaluates the new message)."""
    import numpy as np

    stt.transcribe(np.zeros(16000, dtype=np.float32))
    for _ in tts.synthesize("Ready."):
        pass
    if turn_detector is not None:
        turn_detector.probability(np.zeros(16000, dtype=np.float32))
    warm = getattr(conversation, "warm", None)
    if warm is None:
        return
    try:
        warm()  # the persona's prompt prefix: loaded from disk, or evaluated and saved
    except Exception as exc:  # warming is an optimisation; the loop works without it
        log.debug("LLM warm-up failed: %s", exc)
