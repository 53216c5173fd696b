"""Hands-free turns in the browser: the open mic's chunks in, finished questions out.

The same endpointing as the voice loop on a Pi: Silero VAD finds speech and pauses; at a
pause the question is transcribed at once, and when the transcript reads finished and the
Smart Turn model agrees the turn ends there (about 200 ms of silence), otherwise after the
VAD's full silence. Speech that starts while the robot talks is reported, so the app can
stop the reply (barge-in; it needs the browser's echo cancellation or headphones).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field, replace

import numpy as np

from persona.speech.audio_decode import STT_RATE, StreamResampler, to_mono_float
from persona.speech.turn import transcript_sounds_finished
from persona.speech.vad import (
    WINDOW,
    StreamingVad,
    VadConfig,
    VadEnd,
    VadPause,
    VadResume,
    VadStart,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SpeechBegan:
    """The user started talking (a reply in flight should stop)."""


@dataclass(frozen=True, slots=True)
class HeardTurn:
    """A finished question. `last_voice_at`: wall-clock time (epoch s) of its last voiced
    audio, estimated from the chunk's arrival; `heard_at`: when the turn ended (epoch s);
    `by`: what ended it."""

    text: str
    last_voice_at: float
    by: str  # "turn-model" or "silence"
    heard_at: float = field(default_factory=time.time)


HandsFreeEvent = SpeechBegan | HeardTurn


@dataclass(eq=False)
class HandsFreeListener:
    """One per browser tab. `stt`: has `transcribe(audio_16k)`; `turn`: a Smart Turn
    detector (`is_complete(audio_16k)`) or None for silence-only endpointing."""

    stt: object
    turn: object | None = None
    vad_config: VadConfig = field(default_factory=VadConfig)
    _vad: StreamingVad = field(init=False)
    _resampler: StreamResampler | None = field(default=None, init=False)
    _rate: int = field(default=0, init=False)
    _guess: tuple[int, int, str] | None = field(default=None, init=False)  # start, windows
    _last_voice: int = field(default=0, init=False)  # stream position (16 kHz samples)

    def __post_init__(self) -> None:
        if self.turn is not None:
            # As in the voice loop: a pause that sounded unfinished ends the turn only after
            # the loop's longer silence; a finished one ends at the pause.
            from persona.voice.loop import VoiceConfig

            longer = max(self.vad_config.min_silence_ms, VoiceConfig().unfinished_silence_ms)
            self.vad_config = replace(self.vad_config, min_silence_ms=longer)
        self._vad = StreamingVad(self.vad_config)

    def feed(
        self, rate: int, samples: np.ndarray, *, arrived: float | None = None
    ) -> list[HandsFreeEvent]:
        """A mic chunk at any rate: the events it completed. `arrived`: when the chunk
        reached the server (default: now); it dates the last voiced sample."""
        arrived = time.time() if arrived is None else arrived
        audio = self._to_16k(rate, samples)
        out: list[HandsFreeEvent] = []
        for event in self._vad.feed(audio):
            if isinstance(event, VadStart):
                self._guess = None
                out.append(SpeechBegan())
            elif isinstance(event, VadPause):
                self._last_voice = event.sample - self._windows(self.vad_config.speculate_ms)
                text = self._transcribe(event.audio)
                self._guess = (event.start, event.speech_windows, text)
                if text and self._finished(text, event.audio):
                    end = self._vad.end_now()
                    if isinstance(end, VadEnd):
                        out.append(HeardTurn(text, self._dated(arrived), "turn-model"))
                        self._guess = None
            elif isinstance(event, VadResume):
                self._guess = None
            elif isinstance(event, VadEnd):
                if event.reason != "early":
                    self._last_voice = event.end - self._windows(self.vad_config.min_silence_ms)
                guess = self._guess
                if guess is not None and guess[:2] == (event.start, event.speech_windows):
                    text = guess[2]
                else:
                    text = self._transcribe(event.audio)
                self._guess = None
                if text:
                    out.append(HeardTurn(text, self._dated(arrived), "silence"))
        return out

    def reset(self) -> None:
        """Forget a half-heard utterance (hands-free switched off, or a new conversation)."""
        self._vad.reset()
        self._guess = None

    # -- helpers ---------------------------------------------------------------------
    def _to_16k(self, rate: int, samples: np.ndarray) -> np.ndarray:
        mono = to_mono_float(samples)
        if rate == STT_RATE:
            return mono
        if self._resampler is None or self._rate != rate:
            self._resampler, self._rate = StreamResampler(rate, STT_RATE), rate
        return self._resampler.push(mono)

    def _windows(self, ms: int) -> int:
        return -(-ms * STT_RATE // 1000 // WINDOW) * WINDOW

    def _dated(self, arrived: float) -> float:
        return arrived - max(0, self._vad.position - self._last_voice) / STT_RATE

    def _transcribe(self, audio: np.ndarray) -> str:
        try:
            return self.stt.transcribe(audio).text.strip()
        except Exception as exc:  # noqa: BLE001 - a bad chunk must not end listening
            log.warning("could not transcribe a hands-free turn: %s", exc)
            return ""

    def _finished(self, text: str, audio: np.ndarray) -> bool:
        if self.turn is None or not transcript_sounds_finished(text):
            return False
        try:
            return bool(self.turn.is_complete(audio))
        except Exception as exc:  # noqa: BLE001 - the silence rule still ends the turn
            log.warning("end-of-turn model failed (%s); this turn ends by silence", exc)
            return False


class BackgroundListener:
    """A `HandsFreeListener` on its own thread. Gradio keeps only the newest mic chunk
    while the handler is busy, so the handler must hand each chunk over at once: `push`
    queues it, and `take` returns the events done so far, waiting up to `wait_s` for the
    pushed chunks to be processed (transcription can take longer; its events come with a
    later chunk)."""

    def __init__(self, listener: HandsFreeListener) -> None:
        self.listener = listener
        self._todo: queue.Queue = queue.Queue()
        self._events: list[HandsFreeEvent] = []
        self._lock = threading.Lock()
        self._pending = 0
        self._drained = threading.Condition(self._lock)
        self._thread = threading.Thread(target=self._run, name="hands-free", daemon=True)
        self._thread.start()

    def push(self, rate: int, samples: np.ndarray) -> None:
        with self._lock:
            self._pending += 1
        self._todo.put((rate, np.array(samples, copy=True), time.time()))

    def take(self, wait_s: float = 0.2) -> list[HandsFreeEvent]:
        with self._drained:
            self._drained.wait_for(lambda: self._pending == 0, timeout=wait_s)
            events, self._events = self._events, []
        return events

    def reset(self) -> None:
        self._todo.put("reset")

    def close(self) -> None:
        self._todo.put(None)

    def _run(self) -> None:
        while True:
            item = self._todo.get()
            if item is None:
                return
            if item == "reset":
                self.listener.reset()
                continue
            rate, samples, arrived = item
            try:
                events = self.listener.feed(rate, samples, arrived=arrived)
            except Exception:  # noqa: BLE001 - one bad chunk must not stop listening
                log.exception("hands-free chunk failed")
                events = []
            with self._drained:
                self._events.extend(events)
                self._pending -= 1
                self._drained.notify_all()
