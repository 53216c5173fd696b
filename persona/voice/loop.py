"""The voice loop: mic -> VAD -> STT -> conversation -> TTS -> speaker.

One thread per stage, joined by queues. Every queued item carries its turn id; a turn that was
interrupted is marked cancelled and its leftover items are dropped by every stage. Half-duplex
by default (the mic is ignored while a turn is in progress); with `barge_in`, speech over the
robot cancels the turn: playback stops at the next block, generation is aborted and the
conversation keeps only what was actually spoken.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from persona.errors import PersonaError
from persona.speech.audio_io import AudioIn, AudioOut
from persona.speech.sentences import SentenceSplitter, split_for_tts
from persona.speech.stt import SpeechToText
from persona.speech.textclean import speakable
from persona.speech.tts import TextToSpeech
from persona.speech.vad import (
    RATE,
    StreamingVad,
    VadCancel,
    VadConfig,
    VadEnd,
    VadPause,
    VadStart,
)
from persona.voice.events import (
    AudioOut as AudioOutEvent,
)
from persona.voice.events import (
    Ignored,
    Interrupted,
    ListenStarted,
    ListenStopped,
    ReplyChunk,
    ReplyFinished,
    SpeechEnded,
    SpeechStarted,
    Transcript,
    TurnMetrics,
    VoiceError,
    VoiceEvent,
    WakeHeard,
)
from persona.voice.wake import WakeGate, is_stop_command

log = logging.getLogger(__name__)

_END = object()  # end of a turn's items in a queue
_QUIT = None  # end of the stream: every stage forwards it and exits


class ConversationLike(Protocol):
    """What the loop needs from `persona.chat.Conversation`."""

    def send(self, text: str, *, abort: threading.Event | None = None) -> Iterator[Any]: ...

    def record_interruption(self, spoken_text: str) -> None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceConfig:
    barge_in: bool = False
    wake_phrase: str | None = None
    follow_up_s: float = 8.0
    push_to_talk: bool = False
    vad: VadConfig = field(default_factory=VadConfig)
    first_clause_min_chars: int = 24
    tts_max_chars: int = 120  # longer sentences are synthesised in pieces (memory, latency)
    block_ms: int = 40  # speaker block: the barge-in reaction granularity
    reopen_s: float = 2.0  # wait between attempts to reopen a failed microphone
    interrupt_note: str = "[interrupted by the user]"


@dataclass(slots=True)
class _Turn:
    id: int
    stream_s: float
    t_end: float  # wall time of the endpoint
    audio_s: float = 0.0
    t_transcript: float | None = None
    t_first_token: float | None = None
    t_first_sentence: float | None = None
    t_first_audio: float | None = None
    stt_s: float = 0.0
    tts_s: float = 0.0
    tts_audio_s: float = 0.0
    replying: bool = False
    spoken: list[str] = field(default_factory=list)
    reply: str = ""
    cancelled: bool = False
    done: bool = False
    abort: threading.Event = field(default_factory=threading.Event)


class VoiceLoop:
    """Wire the parts together and run until the input ends or `stop()` is called."""

    def __init__(
        self,
        *,
        conversation: ConversationLike,
        stt: SpeechToText,
        tts: TextToSpeech,
        audio_in: AudioIn,
        audio_out: AudioOut,
        config: VoiceConfig | None = None,
        on_event: Callable[[VoiceEvent], None] | None = None,
    ) -> None:
        self.conversation = conversation
        self.stt = stt
        self.tts = tts
        self.audio_in = audio_in
        self.audio_out = audio_out
        self.config = config or VoiceConfig()
        self._on_event = on_event
        self.events: list[VoiceEvent] = []
        self._events_lock = threading.Lock()
        self._gate = WakeGate(phrase=self.config.wake_phrase, follow_up_s=self.config.follow_up_s)
        self._vad = StreamingVad(self.config.vad)
        self._stt_q: queue.Queue[Any] = queue.Queue()
        self._brain_q: queue.Queue[Any] = queue.Queue()
        self._tts_q: queue.Queue[Any] = queue.Queue()
        self._play_q: queue.Queue[Any] = queue.Queue()
        self._turns: dict[int, _Turn] = {}
        self._lock = threading.RLock()
        self._next_id = 0
        self._open_turns = 0
        self._idle = threading.Event()
        self._idle.set()
        self._stopping = threading.Event()
        self._armed = threading.Event()
        self._playing: int | None = None  # turn id whose audio is being written now
        self._play_ack = threading.Event()

    # ------------------------------------------------------------ public

    def run(self) -> list[VoiceEvent]:
        """Blocks until the input ends (and the last reply is played) or `stop()`."""
        stages = [
            threading.Thread(target=self._guard(self._mic_stage), name="voice-mic", daemon=True),
            threading.Thread(target=self._guard(self._stt_stage), name="voice-stt", daemon=True),
            threading.Thread(target=self._guard(self._brain_stage), name="voice-llm", daemon=True),
            threading.Thread(target=self._guard(self._tts_stage), name="voice-tts", daemon=True),
            threading.Thread(
                target=self._guard(self._speaker_stage), name="voice-out", daemon=True
            ),
        ]
        for thread in stages:
            thread.start()
        try:
            for thread in stages:
                while thread.is_alive():
                    thread.join(timeout=0.2)
        except KeyboardInterrupt:
            self.stop()
            raise
        return list(self.events)

    def stop(self) -> None:
        self._stopping.set()
        self._idle.set()
        self.audio_in.close()
        with self._lock:
            for turn in self._turns.values():
                turn.abort.set()
        self.audio_out.stop()

    def arm(self) -> None:
        """Push-to-talk: listen for the next utterance."""
        self._armed.set()

    @property
    def speaking(self) -> bool:
        return self._playing is not None

    def interrupt(self, reason: str = "barge-in", *, heard_at: float | None = None) -> bool:
        """Cut the reply in progress (if any). Returns True when something was cut."""
        with self._lock:
            turn = next((t for t in self._turns.values() if t.replying and not t.done), None)
            if turn is None:
                return False
            turn.cancelled = True
            turn.abort.set()
            playing = self._playing == turn.id
            self._play_ack.clear()
        if playing:
            self.audio_out.stop()
            self._play_ack.wait(timeout=0.5)
        with self._lock:
            spoken = " ".join(turn.spoken).strip()
        now = time.time()
        latency = round((now - heard_at) * 1000, 1) if heard_at is not None else None
        self._emit(
            Interrupted(t=now, turn_id=turn.id, spoken=spoken, reason=reason, latency_ms=latency)
        )
        self._brain_q.put(("interrupted", turn.id, spoken))
        self._finish_turn(turn, interrupted=True)
        return True

    # ------------------------------------------------------------ plumbing

    def _guard(self, stage: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                stage()
            except Exception as exc:  # a crashed stage must not hang the others
                log.exception("voice stage %s failed", stage.__name__)
                self._emit(VoiceError(t=time.time(), message=f"{stage.__name__}: {exc}"))
                self.stop()
                for q in (self._stt_q, self._brain_q, self._tts_q, self._play_q):
                    q.put(_QUIT)

        return run

    def _emit(self, event: VoiceEvent) -> None:
        with self._events_lock:
            self.events.append(event)
        if self._on_event is not None:
            try:
                self._on_event(event)
            except Exception:
                log.exception("voice event handler failed")

    def _stale(self, turn_id: int) -> bool:
        with self._lock:
            turn = self._turns.get(turn_id)
            return turn is None or turn.cancelled or self._stopping.is_set()

    def _begin_turn(self, end: VadEnd) -> _Turn:
        with self._lock:
            self._next_id += 1
            turn = _Turn(
                id=self._next_id, stream_s=end.end / RATE, t_end=time.time(), audio_s=end.duration_s
            )
            self._turns[turn.id] = turn
            self._open_turns += 1
            self._idle.clear()
        return turn

    def _finish_turn(
        self, turn: _Turn, *, interrupted: bool = False, ignored: bool = False
    ) -> None:
        with self._lock:
            if turn.done:
                return
            turn.done = True
            self._open_turns -= 1
            if self._open_turns <= 0:
                self._idle.set()
            self._turns.pop(turn.id, None)
        if ignored:
            return
        self._emit(self._metrics(turn, interrupted=interrupted))
        if not interrupted:
            self._gate.replied(at_s=self._vad.position / RATE)

    def _metrics(self, turn: _Turn, *, interrupted: bool) -> TurnMetrics:
        def ms(t: float | None) -> float | None:
            return None if t is None else round((t - turn.t_end) * 1000, 1)

        return TurnMetrics(
            t=time.time(),
            turn_id=turn.id,
            transcript_ms=ms(turn.t_transcript),
            first_token_ms=ms(turn.t_first_token),
            first_sentence_ms=ms(turn.t_first_sentence),
            first_audio_ms=ms(turn.t_first_audio),
            stt_rtf=round(turn.stt_s / turn.audio_s, 4) if turn.audio_s else None,
            tts_rtf=round(turn.tts_s / turn.tts_audio_s, 4) if turn.tts_audio_s else None,
            interrupted=interrupted,
        )

    # ------------------------------------------------------------ stages

    def _mic_stage(self) -> None:
        source = self.audio_in
        self._emit(ListenStarted(t=time.time(), source=source.name, sample_rate=source.sample_rate))
        reason = "end of input"
        last_error = ""
        while not self._stopping.is_set():
            try:
                for chunk in source.chunks():
                    if self._stopping.is_set():
                        break
                    self._on_mic_chunk(chunk)
                break
            except PersonaError as exc:
                # A missing or unplugged mic: say so (once) and keep trying (live sources).
                if str(exc) != last_error:
                    self._emit(VoiceError(t=time.time(), message=str(exc)))
                    last_error = str(exc)
                if not source.live or not hasattr(source, "reopen"):
                    reason = "input failed"
                    break
                self._stopping.wait(self.config.reopen_s)
                try:
                    source.reopen()  # type: ignore[attr-defined]
                except PersonaError as again:
                    log.debug("mic reopen failed: %s", again)
        # Let the last turn finish before closing down (files end before the reply does).
        while not self._stopping.is_set() and not self._idle.wait(0.1):
            pass
        self._emit(
            ListenStopped(
                t=time.time(), reason=reason if not self._stopping.is_set() else "stopped"
            )
        )
        self._stt_q.put(_QUIT)

    def _on_mic_chunk(self, chunk: np.ndarray) -> None:
        cfg = self.config
        vad = self._vad
        if not self.audio_in.live:
            # A file read as fast as possible: wait for the robot, like a polite human would.
            while not self._idle.wait(0.05):
                if self._stopping.is_set():
                    return
        elif not cfg.barge_in and not self._idle.is_set():
            vad.reset()
            vad.skip(chunk.size)  # half-duplex: the mic is ignored while the robot speaks
            return
        if cfg.push_to_talk and not self._armed.is_set() and not vad.in_speech:
            vad.skip(chunk.size)
            return
        for event in vad.feed(chunk):
            if isinstance(event, VadStart):
                heard = time.time()
                self._emit(
                    SpeechStarted(
                        t=heard, stream_s=event.sample / RATE, during_playback=self.speaking
                    )
                )
                if cfg.barge_in:
                    self.interrupt("barge-in", heard_at=heard)
            elif isinstance(event, VadPause):
                # Transcribe during the rest of the endpoint silence; reused if no speech follows.
                self._stt_q.put(
                    (
                        "speculate",
                        event.start,
                        event.audio,
                        event.speech_ratio,
                        event.speech_windows,
                    )
                )
            elif isinstance(event, VadEnd):
                self._armed.clear()
                turn = self._begin_turn(event)
                self._emit(
                    SpeechEnded(
                        t=turn.t_end,
                        turn_id=turn.id,
                        stream_s=turn.stream_s,
                        duration_s=round(event.duration_s, 3),
                    )
                )
                self._stt_q.put(
                    (turn.id, event.audio, event.speech_ratio, event.start, event.speech_windows)
                )
            elif isinstance(event, VadCancel):
                log.debug("speech too short at %.2f s; ignored", event.sample / RATE)

    def _stt_stage(self) -> None:
        speculated: dict[int, tuple[int, Any]] = {}
        while True:
            item = self._stt_q.get()
            if item is _QUIT:
                self._brain_q.put(_QUIT)
                return
            if item[0] == "speculate":
                _, start, audio, ratio, speech_windows = item
                try:
                    guess = self.stt.transcribe(audio, speech_ratio=ratio)
                except PersonaError:
                    continue  # the final transcription will report it
                speculated[start] = (speech_windows, guess)
                continue
            turn_id, audio, ratio, start, speech_windows = item
            with self._lock:
                turn = self._turns.get(turn_id)
            if turn is None:
                continue
            guess = speculated.pop(start, None)
            speculated.clear()
            try:
                if guess is not None and guess[0] == speech_windows:
                    result = guess[1]  # nothing was said after the pause: already transcribed
                else:
                    result = self.stt.transcribe(audio, speech_ratio=ratio)
            except PersonaError as exc:
                self._emit(VoiceError(t=time.time(), message=str(exc), turn_id=turn_id))
                self._finish_turn(turn, ignored=True)
                continue
            turn.t_transcript = time.time()
            turn.stt_s = result.elapsed_s
            self._emit(
                Transcript(
                    t=turn.t_transcript,
                    turn_id=turn_id,
                    text=result.text,
                    stt_s=round(result.elapsed_s, 3),
                    audio_s=round(result.audio_s, 3),
                )
            )
            self._route(turn, result.text, dropped=result.dropped)

    def _route(self, turn: _Turn, text: str, *, dropped: bool) -> None:
        """Decide what an utterance is: nothing, a stop command, a wake word, a question."""
        now = time.time()
        if not text.strip():
            self._emit(
                Ignored(t=now, turn_id=turn.id, reason="hallucination" if dropped else "empty")
            )
            self._finish_turn(turn, ignored=True)
            return
        if is_stop_command(text):
            self._emit(Ignored(t=now, turn_id=turn.id, reason="stop-command", text=text))
            self._finish_turn(turn, ignored=True)
            self.interrupt("stop-command")
            return
        answer, request, match = self._gate.check(text, at_s=turn.stream_s - turn.audio_s)
        if match is not None:
            self._emit(
                WakeHeard(
                    t=now, turn_id=turn.id, phrase=self.config.wake_phrase or "", score=match.score
                )
            )
        if not answer:
            self._emit(Ignored(t=now, turn_id=turn.id, reason="no-wake-phrase", text=text))
            self._finish_turn(turn, ignored=True)
            return
        if not request.strip():
            # Just the wake phrase: listen for the request without it.
            self._gate.replied(at_s=turn.stream_s)
            self._emit(Ignored(t=now, turn_id=turn.id, reason="wake-only", text=text))
            self._finish_turn(turn, ignored=True)
            return
        with self._lock:
            turn.replying = True
        self._brain_q.put((turn.id, request))

    def _brain_stage(self) -> None:
        while True:
            item = self._brain_q.get()
            if item is _QUIT:
                self._tts_q.put(_QUIT)
                return
            if item[0] == "interrupted":
                try:
                    self.conversation.record_interruption(item[2])
                except PersonaError as exc:
                    self._emit(VoiceError(t=time.time(), message=str(exc), turn_id=item[1]))
                continue
            turn_id, text = item
            with self._lock:
                turn = self._turns.get(turn_id)
            if turn is None or turn.cancelled:
                continue
            self._generate(turn, text)
            self._tts_q.put((turn_id, _END))

    def _generate(self, turn: _Turn, text: str) -> None:
        splitter = SentenceSplitter(first_clause_min_chars=self.config.first_clause_min_chars)
        keep_actions = bool(getattr(self.tts, "keeps_actions", False))
        index = 0

        def speak(sentences: list[str]) -> None:
            nonlocal index
            for sentence in sentences:
                spoken = speakable(sentence, keep_actions=keep_actions)
                if self._stale(turn.id):
                    continue
                for piece in split_for_tts(spoken, self.config.tts_max_chars):
                    if turn.t_first_sentence is None:
                        turn.t_first_sentence = time.time()
                    self._emit(ReplyChunk(t=time.time(), turn_id=turn.id, text=piece, index=index))
                    self._tts_q.put((turn.id, (index, piece)))
                    index += 1

        try:
            for event in self.conversation.send(text, abort=turn.abort):
                if self._stale(turn.id):
                    turn.abort.set()
                    continue  # let the engine finish its abort cleanly
                delta = getattr(event, "text", "")
                if hasattr(event, "finish_reason"):  # ReplyDone: authoritative full text
                    turn.reply = event.text
                    speak(splitter.flush())
                    continue
                if turn.t_first_token is None and delta:
                    turn.t_first_token = time.time()
                speak(splitter.push(delta))
            speak(splitter.flush())
        except PersonaError as exc:
            self._emit(VoiceError(t=time.time(), message=str(exc), turn_id=turn.id))

    def _tts_stage(self) -> None:
        while True:
            item = self._tts_q.get()
            if item is _QUIT:
                self._play_q.put(_QUIT)
                return
            turn_id, payload = item
            if payload is _END:
                self._play_q.put((turn_id, _END))
                continue
            if self._stale(turn_id):
                continue
            index, text = payload
            with self._lock:
                turn = self._turns.get(turn_id)
            start = time.perf_counter()
            try:
                for audio in self.tts.synthesize(text):
                    if turn is not None:
                        turn.tts_s += time.perf_counter() - start
                        turn.tts_audio_s += audio.duration_s
                    if self._stale(turn_id):
                        break
                    self._play_q.put((turn_id, audio))
                    start = time.perf_counter()
            except Exception as exc:  # a sentence the voice cannot say must not end the loop
                log.warning("TTS failed on %r: %s", text, exc)
                self._emit(
                    VoiceError(
                        t=time.time(), message=f"speech synthesis failed: {exc}", turn_id=turn_id
                    )
                )

    def _speaker_stage(self) -> None:
        while True:
            item = self._play_q.get()
            if item is _QUIT:
                return
            turn_id, audio = item
            with self._lock:
                turn = self._turns.get(turn_id)
            if turn is None or turn.cancelled:
                continue
            if audio is _END:
                self._emit(
                    ReplyFinished(
                        t=time.time(),
                        turn_id=turn_id,
                        text=turn.reply,
                        spoken=" ".join(turn.spoken),
                    )
                )
                self._finish_turn(turn)
                continue
            self._play(turn, audio)

    def _play(self, turn: _Turn, audio: Any) -> None:
        block = max(1, audio.sample_rate * self.config.block_ms // 1000)
        samples = audio.samples
        with self._lock:
            if turn.cancelled:
                return
            self._playing = turn.id
        if turn.t_first_audio is None:
            turn.t_first_audio = time.time()
        self._emit(
            AudioOutEvent(
                t=time.time(),
                turn_id=turn.id,
                text=audio.text,
                samples=int(samples.size),
                sample_rate=audio.sample_rate,
            )
        )
        played = 0
        try:
            for start in range(0, samples.size, block):
                if turn.cancelled or self._stopping.is_set():
                    break
                piece = samples[start : start + block]
                self.audio_out.write(piece, audio.sample_rate)
                played += piece.size
        except PersonaError as exc:
            self._emit(VoiceError(t=time.time(), message=str(exc), turn_id=turn.id))
        finally:
            with self._lock:
                words = audio.text.split()
                if played >= samples.size and not turn.cancelled:
                    turn.spoken.append(audio.text)
                elif words:
                    # Cut mid-sentence: keep the share of words that was heard.
                    heard = int(len(words) * played / max(1, samples.size))
                    if heard:
                        turn.spoken.append(" ".join(words[:heard]) + "…")
                self._playing = None
            self._play_ack.set()
