"""Streaming end-of-speech detection with the Silero VAD that faster-whisper bundles.

`StreamingVad.feed(chunk)` takes 16 kHz mono float32 audio of any chunk size and returns the
events it caused: `VadStart` when speech begins, `VadEnd` (with the utterance audio, including
a pre-roll) once `min_silence_ms` of silence follows it, or `VadCancel` when the "speech" was
too short to keep. `VadPause` announces a likely endpoint after `speculate_ms` of silence, and
`VadResume` takes it back when speech goes on. `silence_ms` tells when to ask an end-of-turn
model (`decide_ms`), and `end_now()` ends the utterance at once (that model heard it finish).
Memory is bounded: only the pre-roll and the current utterance are held.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field

import numpy as np

WINDOW = 512  # Silero v6 at 16 kHz: 32 ms windows, with 64 samples of context
CONTEXT = 64
RATE = 16000
QUIET_RESET_S = 5.0


@dataclass(frozen=True, slots=True, kw_only=True)
class VadConfig:
    threshold: float = 0.5
    neg_threshold: float | None = None  # default threshold - 0.15
    min_silence_ms: int = 500
    pre_roll_ms: int = 300
    min_speech_ms: int = 200
    max_utterance_s: float = 30.0
    post_pad_ms: int = 150  # silence kept after the speech, so words are not clipped
    # After this much silence, emit `VadPause` so transcription (and the reply) can start
    # before the endpoint (0 = never). If no speech follows, that transcript is the
    # utterance's. Three windows: short enough to save a tenth of a second on every turn,
    # long enough that a stop consonant inside a word is not a pause.
    speculate_ms: int = 96
    # After this much silence an end-of-turn model is asked whether the pause ends the turn
    # (Smart Turn is made for 200 ms); the consumer reads `StreamingVad.silence_ms`.
    decide_ms: int = 200
    # Background talk (a TV, other people) is speech to Silero, so no endpoint comes while it
    # goes on. With a margin, a window is speech only when it is also this many dB above the
    # background: the quiet end (10th percentile) of the last `floor_window_s` of levels.
    # None: Silero alone.
    floor_margin_db: float | None = None
    floor_window_s: float = 4.0


@dataclass(frozen=True, slots=True)
class VadStart:
    sample: int  # stream position (16 kHz samples) where speech began


@dataclass(frozen=True, slots=True)
class VadEnd:
    audio: np.ndarray  # the utterance (pre-roll + speech + post pad), 16 kHz mono float32
    start: int
    end: int  # stream position of the endpoint: the end of the trailing silence
    speech_ratio: float  # share of windows above threshold
    speech_windows: int = 0
    reason: str = "silence"  # "silence", "max-length", or "early" (`end_now`)

    @property
    def duration_s(self) -> float:
        return self.audio.size / RATE


@dataclass(frozen=True, slots=True)
class VadCancel:
    sample: int


@dataclass(frozen=True, slots=True)
class VadPause:
    """A likely endpoint: `speculate_ms` of silence. `audio` is the utterance so far; it is
    final when the `VadEnd` that follows has the same `speech_windows`."""

    audio: np.ndarray
    start: int
    sample: int
    speech_ratio: float
    speech_windows: int


@dataclass(frozen=True, slots=True)
class VadResume:
    """Speech again after a `VadPause`: that pause was not the end of the utterance."""

    sample: int
    start: int  # the utterance's start, as in the pause


VadEvent = VadStart | VadEnd | VadCancel | VadPause | VadResume


class SileroStream:
    """Silero speech probabilities for consecutive 512-sample windows, keeping the RNN
    state across calls (faster-whisper's `SileroVADModel.__call__` restarts it each call)."""

    def __init__(self) -> None:
        from faster_whisper.vad import get_vad_model

        self._session = get_vad_model().session
        self.reset()

    def reset(self) -> None:
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(CONTEXT, dtype=np.float32)

    def probabilities(self, windows: np.ndarray) -> np.ndarray:
        """`windows`: (n, 512) float32 -> (n,) probabilities."""
        if windows.size == 0:
            return np.zeros(0, dtype=np.float32)
        contexts = np.concatenate([self._context[None, :], windows[:-1, -CONTEXT:]], axis=0)
        batch = np.concatenate([contexts, windows], axis=1).astype(np.float32)
        out, self._h, self._c = self._session.run(
            None, {"input": batch, "h": self._h, "c": self._c}
        )
        self._context = windows[-1, -CONTEXT:].copy()
        return np.asarray(out, dtype=np.float32).reshape(-1)


@dataclass(slots=True)
class StreamingVad:
    """Endpointing state machine over Silero probabilities. Not thread-safe; one per stream."""

    config: VadConfig = field(default_factory=VadConfig)
    position: int = 0  # samples consumed so far
    _model: SileroStream = field(default_factory=SileroStream, init=False)
    _pending: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32), init=False)
    _pre: collections.deque = field(init=False)
    _utterance: list[np.ndarray] = field(default_factory=list, init=False)
    _in_speech: bool = field(default=False, init=False)
    _start: int = field(default=0, init=False)
    _silent_windows: int = field(default=0, init=False)
    _speech_windows: int = field(default=0, init=False)
    _quiet_windows: int = field(default=0, init=False)
    _paused: bool = field(default=False, init=False)  # a VadPause is out for this silence
    _levels: collections.deque = field(init=False)  # recent window levels (dB), for the floor

    def __post_init__(self) -> None:
        self._pre = collections.deque(
            maxlen=max(1, self.config.pre_roll_ms * RATE // 1000 // WINDOW)
        )
        self._levels = collections.deque(
            maxlen=max(1, int(self.config.floor_window_s * RATE) // WINDOW)
        )

    @property
    def in_speech(self) -> bool:
        return self._in_speech

    @property
    def silence_ms(self) -> float:
        """The silence at the end of the utterance so far (0 outside speech)."""
        return self._silent_windows * WINDOW * 1000 / RATE if self._in_speech else 0.0

    def audio_so_far(self) -> np.ndarray | None:
        """The utterance so far as a `VadPause` would give it now (None: not in speech)."""
        return np.concatenate(self._trimmed()) if self._in_speech and self._utterance else None

    @property
    def speech_windows(self) -> int:
        """Speech windows in the utterance so far (a `VadPause` with as many still holds)."""
        return self._speech_windows

    def end_now(self) -> VadEnd | VadCancel | None:
        """End the current utterance here, without waiting for `min_silence_ms` (its audio is
        the same as the last `VadPause`'s when no speech came since). None: not in speech."""
        if not self._in_speech:
            return None
        return self._finish(reason="early")

    def reset(self) -> None:
        """Forget any partial utterance (used while the robot talks in half-duplex)."""
        self._model.reset()
        self._pending = np.zeros(0, np.float32)
        self._pre.clear()
        self._utterance = []
        self._in_speech = False
        self._paused = False
        self._silent_windows = self._speech_windows = 0

    def skip(self, samples: int) -> None:
        """Advance the stream clock over audio that was not fed (ignored mic input)."""
        self.position += samples

    def feed(self, chunk: np.ndarray) -> list[VadEvent]:
        data = np.concatenate([self._pending, np.asarray(chunk, dtype=np.float32).reshape(-1)])
        n = data.size // WINDOW
        self._pending = data[n * WINDOW :]
        if n == 0:
            return []
        windows = data[: n * WINDOW].reshape(n, WINDOW)
        probs = self._model.probabilities(windows)
        if self.config.floor_margin_db is not None:
            probs = self._above_floor(windows, probs)
        events: list[VadEvent] = []
        for window, prob in zip(windows, probs, strict=True):
            self.position += WINDOW
            event = self._step(window, float(prob))
            if event is not None:
                events.append(event)
        return events

    def _above_floor(self, windows: np.ndarray, probs: np.ndarray) -> np.ndarray:
        """Zero the probability of windows not `floor_margin_db` above the background floor
        (once a second of levels is known)."""
        margin = float(self.config.floor_margin_db or 0.0)
        levels = 10.0 * np.log10(np.mean(windows.astype(np.float64) ** 2, axis=1) + 1e-10)
        out = probs.copy()
        for i, level in enumerate(levels):
            self._levels.append(float(level))
            if len(self._levels) * WINDOW >= RATE:
                if level < np.percentile(self._levels, 10) + margin:
                    out[i] = 0.0
        return out

    def _step(self, window: np.ndarray, prob: float) -> VadEvent | None:
        cfg = self.config
        neg = (
            cfg.neg_threshold if cfg.neg_threshold is not None else max(cfg.threshold - 0.15, 0.01)
        )
        if not self._in_speech:
            if prob >= cfg.threshold:
                self._in_speech = True
                self._utterance = [*self._pre, window]
                self._pre.clear()
                self._start = self.position - WINDOW * len(self._utterance)
                self._speech_windows, self._silent_windows = 1, 0
                self._quiet_windows = 0
                return VadStart(self.position - WINDOW)
            self._pre.append(window)
            self._quiet_windows += 1
            if self._quiet_windows * WINDOW >= QUIET_RESET_S * RATE:
                # Minutes of silence drift the RNN state and dull the next detection.
                self._model.reset()
                self._quiet_windows = 0
            return None
        self._utterance.append(window)
        if prob >= cfg.threshold:
            self._speech_windows += 1
            self._silent_windows = 0
            if self._paused:
                self._paused = False
                return VadResume(self.position - WINDOW, self._start)
        elif prob < neg:
            self._silent_windows += 1
        else:
            self._silent_windows = 0
        too_long = len(self._utterance) * WINDOW >= cfg.max_utterance_s * RATE
        if self._silent_windows * WINDOW * 1000 >= cfg.min_silence_ms * RATE or too_long:
            return self._finish(reason="max-length" if too_long else "silence")
        spec = -(-cfg.speculate_ms * RATE // 1000 // WINDOW)
        if 0 < cfg.speculate_ms < cfg.min_silence_ms and self._silent_windows == spec:
            if self._speech_windows * WINDOW * 1000 >= cfg.min_speech_ms * RATE:
                self._paused = True
                windows = self._trimmed()
                return VadPause(
                    np.concatenate(windows),
                    self._start,
                    self.position,
                    self._speech_windows / max(1, len(windows)),
                    self._speech_windows,
                )
        return None

    def _trimmed(self) -> list[np.ndarray]:
        keep_silence = -(-self.config.post_pad_ms * RATE // 1000 // WINDOW)
        trim = max(0, self._silent_windows - keep_silence)
        return self._utterance[: len(self._utterance) - trim] if trim else self._utterance

    def _finish(self, *, reason: str) -> VadEnd | VadCancel:
        cfg = self.config
        windows = self._trimmed()
        speech_windows = self._speech_windows
        speech_ms = self._speech_windows * WINDOW * 1000 / RATE
        ratio = self._speech_windows / max(1, len(windows))
        self._in_speech = False
        self._paused = False
        self._utterance = []
        self._silent_windows = self._speech_windows = 0
        if speech_ms < cfg.min_speech_ms:
            return VadCancel(self.position)
        return VadEnd(
            np.concatenate(windows), self._start, self.position, ratio, speech_windows, reason
        )
