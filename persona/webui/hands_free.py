"""Hands-free turns in the browser: the open mic's chunks in, finished questions out.

The same endpointing as the voice loop on a Pi: Silero VAD finds speech and pauses; at a
pause (`VadConfig.speculate_ms`) the question is transcribed at once; at `decide_ms` of
silence, when the transcript reads finished and the Smart Turn model agrees, the turn ends
there; when the model doubts words that read like a whole sentence, after the loop's
`complete_silence_ms`; otherwise after the VAD's full silence. Speech that starts while the
robot talks is reported, so the app can stop the reply (barge-in; it needs the browser's
echo cancellation or headphones).

As in the voice loop, the pause's transcript is reported (`TurnPaused`) before the turn is
decided, so a reply can start during the pause; `TurnResumed` takes it back.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from persona.speech.audio_decode import STT_RATE, StreamResampler, to_mono_float
from persona.speech.turn import finish_threshold, reads_complete
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
class TurnPaused:
    """A pause that may end the turn, with the transcript so far: a reply may start from
    it now (it is said only once a `HeardTurn` with the same text confirms it)."""

    text: str
    last_voice_at: float


@dataclass(frozen=True, slots=True)
class TurnResumed:
    """The last `TurnPaused` was not the end: the user went on (or its words were lost)."""


@dataclass(frozen=True, slots=True)
class HeardTurn:
    """A finished question. `last_voice_at`: wall-clock time (epoch s) of its last voiced
    audio, estimated from the chunk's arrival; `heard_at`: when the turn ended (epoch s);
    `by`: what ended it. `paused_at`: when its pause was seen (epoch s); `stt_ms` and
    `turn_ms`: how long transcription and the turn model took (None: did not run)."""

    text: str
    last_voice_at: float
    by: str  # "turn-model", "transcript" or "silence"
    heard_at: float = field(default_factory=time.time)
    paused_at: float | None = None
    stt_ms: float | None = None
    turn_ms: float | None = None


HandsFreeEvent = SpeechBegan | TurnPaused | TurnResumed | HeardTurn


@dataclass(frozen=True, slots=True)
class _Guess:
    """A pause's transcript; the utterance's end reuses it when no speech came since (the
    same `start` and speech `windows`)."""

    start: int
    windows: int
    text: str
    paused_at: float
    stt_ms: float
    decided: bool = False  # the end-of-turn model was asked about this pause
    complete: bool = False  # it doubted the pause, whose words read complete


@dataclass(eq=False)
class HandsFreeListener:
    """One per browser tab. `stt`: has `transcribe(audio_16k)`; `turn`: a Smart Turn
    detector (`probability(audio_16k)`, `threshold`) or None for silence-only endpointing."""

    stt: object
    turn: object | None = None
    vad_config: VadConfig = field(default_factory=VadConfig)
    complete_silence_ms: int | None = None  # None: the voice loop's
    _vad: StreamingVad = field(init=False)
    _resampler: StreamResampler | None = field(default=None, init=False)
    _rate: int = field(default=0, init=False)
    _guess: _Guess | None = field(default=None, init=False)  # the last pause's transcript
    _last_voice: int = field(default=0, init=False)  # stream position (16 kHz samples)

    def __post_init__(self) -> None:
        if self.turn is not None:
            # As in the voice loop: a pause that sounded unfinished ends the turn only after
            # the loop's longer silence; a finished one ends at the pause.
            from persona.voice.loop import VoiceConfig

            loop = VoiceConfig()
            longer = max(self.vad_config.min_silence_ms, loop.unfinished_silence_ms)
            self.vad_config = replace(self.vad_config, min_silence_ms=longer)
            if self.complete_silence_ms is None:
                self.complete_silence_ms = loop.complete_silence_ms
        self._vad = StreamingVad(self.vad_config)

    def feed(
        self, rate: int, samples: np.ndarray, *, arrived: float | None = None
    ) -> list[HandsFreeEvent]:
        """A mic chunk at any rate: the events it completed. `arrived`: when the chunk
        reached the server (default: now); it dates the last voiced sample."""
        return list(self.events(rate, samples, arrived=arrived))

    def events(
        self, rate: int, samples: np.ndarray, *, arrived: float | None = None
    ) -> Iterator[HandsFreeEvent]:
        """Like `feed`, lazily: each event as soon as it is known, so a `TurnPaused` is out
        before the turn model is asked about that pause."""
        arrived = time.time() if arrived is None else arrived
        audio = self._to_16k(rate, samples)
        for event in self._vad.feed(audio):
            if isinstance(event, VadStart):
                self._guess = None
                yield SpeechBegan()
            elif isinstance(event, VadPause):
                self._last_voice = event.sample - self._windows(self.vad_config.speculate_ms)
                paused_at = time.time()
                text, stt_ms = self._transcribe(event.audio)
                self._guess = _Guess(event.start, event.speech_windows, text, paused_at, stt_ms)
                if text:
                    yield TurnPaused(text, self._dated(arrived))
            elif isinstance(event, VadResume):
                if self._guess is not None and self._guess.text:
                    yield TurnResumed()
                self._guess = None
            elif isinstance(event, VadEnd):
                if event.reason != "early":
                    self._last_voice = event.end - self._windows(self.vad_config.min_silence_ms)
                guess, self._guess = self._guess, None
                if guess is not None and (guess.start, guess.windows) == (
                    event.start,
                    event.speech_windows,
                ):
                    text, stt_ms, paused_at = guess.text, guess.stt_ms, guess.paused_at
                else:
                    if guess is not None and guess.text:
                        yield TurnResumed()  # speech came after that pause (a length cut)
                    paused_at = time.time()
                    text, stt_ms = self._transcribe(event.audio)
                if text:
                    yield HeardTurn(
                        text, self._dated(arrived), "silence", paused_at=paused_at, stt_ms=stt_ms
                    )
        yield from self._decide(arrived)

    def _decide(self, arrived: float) -> Iterator[HandsFreeEvent]:
        """Once the pause is `VadConfig.decide_ms` long, ask whether it ends the turn (its
        transcript was made at the shorter `speculate_ms`, so a reply is already on its way)."""
        guess, vad = self._guess, self._vad
        if guess is None or not guess.text or not vad.in_speech:
            return
        if guess.windows != vad.speech_windows or vad.silence_ms < self.vad_config.decide_ms:
            return
        if guess.decided:
            wait = self.complete_silence_ms or 0  # 0 without a turn model: inert
            if guess.complete and wait > 0 and vad.silence_ms >= wait:
                yield from self._end_at_pause(guess, arrived, "transcript")
            return
        started = time.perf_counter()
        finished = self._finished(guess.text, vad.audio_so_far())
        turn_ms = round((time.perf_counter() - started) * 1000, 1)
        complete = not finished and reads_complete(guess.text)
        self._guess = replace(guess, decided=True, complete=complete)
        if finished:
            yield from self._end_at_pause(guess, arrived, "turn-model", turn_ms=turn_ms)

    def _end_at_pause(
        self, guess: _Guess, arrived: float, by: str, *, turn_ms: float | None = None
    ) -> Iterator[HeardTurn]:
        """The turn ends at this pause, with the pause's transcript."""
        if isinstance(self._vad.end_now(), VadEnd):
            self._guess = None
            yield HeardTurn(
                guess.text,
                self._dated(arrived),
                by,
                paused_at=guess.paused_at,
                stt_ms=guess.stt_ms,
                turn_ms=turn_ms,
            )

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

    def _transcribe(self, audio: np.ndarray) -> tuple[str, float]:
        """The words and the milliseconds it took ("" when none could be made out)."""
        started = time.perf_counter()
        try:
            text = self.stt.transcribe(audio).text.strip()
        except Exception as exc:  # noqa: BLE001 - a bad chunk must not end listening
            log.warning("could not transcribe a hands-free turn: %s", exc)
            text = ""
        return text, round((time.perf_counter() - started) * 1000, 1)

    def _finished(self, text: str, audio: np.ndarray) -> bool:
        needed = None if self.turn is None else finish_threshold(text, self.turn.threshold)
        if needed is None:
            return False
        try:
            return self.turn.probability(audio) >= needed
        except Exception as exc:  # noqa: BLE001 - the silence rule still ends the turn
            log.warning("end-of-turn model failed (%s); this turn ends by silence", exc)
            return False


class BackgroundListener:
    """A `HandsFreeListener` on its own thread. Gradio keeps only the newest mic chunk
    while the handler is busy, so the handler must hand each chunk over at once: `push`
    queues it, and `take` returns the events done so far, waiting up to `wait_s` for the
    pushed chunks to be processed (transcription can take longer; its events come with a
    later chunk). `on_event` sees each event on the listener's thread the moment it is
    known, before `take` does (the server starts replies from there)."""

    def __init__(
        self,
        listener: HandsFreeListener,
        *,
        on_event: Callable[[HandsFreeEvent], None] | None = None,
    ) -> None:
        self.listener = listener
        self.on_event = on_event
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
        """Forget a half-heard utterance; a reply started at its pause goes too."""
        self._todo.put("reset")

    def close(self) -> None:
        self._todo.put(None)

    def _run(self) -> None:
        while True:
            item = self._todo.get()
            if item is None:
                self._tell(TurnResumed())
                return
            if isinstance(item, str) and item == "reset":
                self.listener.reset()
                self._tell(TurnResumed())
                continue
            rate, samples, arrived = item
            try:
                for event in self.listener.events(rate, samples, arrived=arrived):
                    self._tell(event)
                    with self._lock:
                        self._events.append(event)
            except Exception:  # noqa: BLE001 - one bad chunk must not stop listening
                log.exception("hands-free chunk failed")
            with self._drained:
                self._pending -= 1
                self._drained.notify_all()

    def _tell(self, event: HandsFreeEvent) -> None:
        if self.on_event is None:
            return
        try:
            self.on_event(event)
        except Exception:  # noqa: BLE001 - the listener goes on whatever the app does
            log.exception("hands-free event handler failed")
