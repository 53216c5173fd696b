"""The voice loop: mic -> VAD -> STT -> conversation -> TTS -> speaker.

One thread per stage, joined by queues. Every queued item carries its turn's key; a turn that
was interrupted is marked cancelled and its leftover items are dropped by every stage.
Half-duplex by default (the mic is ignored while a turn is in progress); with `barge_in`,
speech over the robot cancels the turn: playback stops at the next block, generation is
aborted and the conversation keeps only what was actually spoken.

End of turn: at the VAD's pause (`VadConfig.speculate_ms` of silence, about 0.1 s) a
provisional turn starts. Its audio is transcribed and, with `speculate_reply`, its reply
generated and synthesised; nothing is played before the endpoint. With an end-of-turn
model (`persona.speech.turn`), asked once the silence is `VadConfig.decide_ms` long, a pause
that sounds finished, and whose transcript reads finished, is the endpoint; one the model
doubts whose transcript reads like a whole sentence ends after `complete_silence_ms`; an
unfinished one waits for `unfinished_silence_ms`. The reply starts once the model has
answered: the two would share the cores (`persona.cores`), and the LLM's prompt cannot step
aside mid-batch.
Without a model the fixed `VadConfig.min_silence_ms` rule ends turns, as before. When the
user goes on, the provisional turn is dropped: its generation is aborted, its audio
discarded, a stored reply undone.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

import numpy as np

from persona.errors import PersonaError
from persona.speech.audio_io import AudioIn, AudioOut
from persona.speech.sentences import SentenceSplitter, split_for_tts
from persona.speech.stt import SpeechToText
from persona.speech.textclean import speakable
from persona.speech.tts import SpeechAudio, TextToSpeech
from persona.speech.turn import TurnDetector, finish_threshold, reads_complete
from persona.speech.vad import (
    RATE,
    WINDOW,
    StreamingVad,
    VadCancel,
    VadConfig,
    VadEnd,
    VadPause,
    VadResume,
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
    ReadAheadDone,
    ReplyChunk,
    ReplyFinished,
    SpeculationDropped,
    SpeechEnded,
    SpeechStarted,
    Transcript,
    TurnDecision,
    VoiceError,
    VoiceEvent,
    WakeHeard,
)
from persona.voice.messages import (
    QUIT,
    BrainItem,
    Generate,
    Peek,
    Play,
    PlayItem,
    Quit,
    ReadAhead,
    RecordInterruption,
    ReplyEnd,
    Retract,
    Speak,
    SttItem,
    Transcribe,
    TtsItem,
)
from persona.voice.turn_state import TurnState, heard_words, turn_metrics
from persona.voice.wake import WakeGate, route_transcript

log = logging.getLogger(__name__)

_Item = TypeVar("_Item")


class ConversationLike(Protocol):
    """What the loop needs from `persona.chat.Conversation`. Replies are generated during a
    pause (`VoiceConfig.speculate_reply`) only for conversations that also have `undo()`,
    to take back a reply stored before the user went on."""

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
    # Longer sentences are synthesised in pieces: Piper holds ~16 MB per second of speech
    # while it works (80 characters: ~4 s, +64 MB; 120: +93 MB), and a shorter first piece
    # is heard sooner.
    tts_max_chars: int = 80
    block_ms: int = 40  # speaker block: the barge-in reaction granularity
    reopen_s: float = 2.0  # wait between attempts to reopen a failed microphone
    interrupt_note: str = "[interrupted by the user]"
    # With an end-of-turn model: the silence after which a pause that sounded unfinished
    # ends the turn anyway (longer than a thinking pause), and whether the early transcript
    # must read finished too (the model alone takes synthetic voices' fragments as finished).
    unfinished_silence_ms: int = 1200
    check_transcript: bool = True
    # With the transcript checked: a pause the model doubted whose transcript reads like a
    # whole sentence (`reads_complete`) ends the turn after this much silence, between the
    # model's early end and an unfinished pause's. Smart Turn gives synthetic and flat
    # voices' finished statements 0.01-0.1 ("Tell me something interesting about
    # octopuses."), which waited the whole 1.2 s; a thinking pause mid-sentence ends on a
    # word that needs more, or unpunctuated, and still waits. Not shorter: at 800 ms a
    # 0.8 s pause before an afterthought ("What is the tallest mountain? ... The world?")
    # was cut (`persona bench voice`). 0: off.
    complete_silence_ms: int = 1000
    # Generate (and synthesise) the reply during the pause, from the early transcript; it
    # is played only after the endpoint, and thrown away if the user goes on.
    speculate_reply: bool = True
    # While the user talks, after each this much more speech, transcribe what was said so
    # far and let the LLM read its words (all but the last, which may be cut), so that the
    # reply's prompt holds only the last words then: the cores are idle while a person
    # speaks. Needs `speculate_reply` and a conversation with `read_ahead`. 0: off, the
    # default for now: the look's own transcription (~250 ms on 2 cores, not abortable) is
    # often still running when the pause comes, and one sitting of `persona bench voice
    # --read-ahead-s 0.8` against 0 measured p50 1250 vs 1095 ms (the prompt it saves:
    # ~170 ms of 510 on one thread). Worth it where the cores are more than the work.
    read_ahead_s: float = 0.0
    # The loop keeps its latest events (`VoiceLoop.events`, what `run()` returns); older
    # ones go, so a service that runs for weeks holds a bounded amount.
    max_events: int = 10_000


class VoiceLoop:
    """Wire the parts together and run until the input ends or `stop()` is called.

    `vad`: the endpointer, by default a Silero `StreamingVad` on `config.vad` (used as
    given when passed: tests pass one whose speech probabilities are faked)."""

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
        turn_detector: TurnDetector | None = None,
        vad: StreamingVad | None = None,
    ) -> None:
        self.conversation = conversation
        self.stt = stt
        self.tts = tts
        self.audio_in = audio_in
        self.audio_out = audio_out
        self.config = config or VoiceConfig()
        self.turn_detector = turn_detector
        self._on_event = on_event
        self.events: deque[VoiceEvent] = deque(maxlen=max(1, self.config.max_events))
        self._events_lock = threading.Lock()
        self._gate = WakeGate(phrase=self.config.wake_phrase, follow_up_s=self.config.follow_up_s)
        cfg = vad.config if vad is not None else self.config.vad
        if turn_detector is not None and not 0 < cfg.speculate_ms < cfg.min_silence_ms:
            log.warning(
                "the end-of-turn model needs VadConfig.speculate_ms between 0 and "
                "min_silence_ms (it is asked at that pause): turns end after a fixed silence"
            )
            turn_detector = self.turn_detector = None
        if vad is None:
            if turn_detector is not None:
                # The VAD's own endpoint becomes the rule for pauses that sounded unfinished.
                cfg = replace(
                    cfg, min_silence_ms=max(cfg.min_silence_ms, self.config.unfinished_silence_ms)
                )
            vad = StreamingVad(cfg)
        self._vad = vad
        self._speculate_reply = self.config.speculate_reply and callable(
            getattr(conversation, "undo", None)
        )
        self._pending: TurnState | None = None  # the provisional turn of the current pause
        self._read_ahead = (
            self._speculate_reply
            and self.config.read_ahead_s > 0
            and callable(getattr(conversation, "read_ahead", None))
        )
        self._peek_windows = 0  # speech windows of the utterance at its last look
        self._peek_abort = threading.Event()  # the look in flight stops when set
        self._peeking = threading.Event()  # a look is queued or being transcribed
        self._stt_q: queue.Queue[SttItem] = queue.Queue()
        self._brain_q: queue.Queue[BrainItem] = queue.Queue()
        self._tts_q: queue.Queue[TtsItem] = queue.Queue()
        self._play_q: queue.Queue[PlayItem] = queue.Queue()
        self._turns: dict[int, TurnState] = {}  # by key
        self._lock = threading.RLock()
        self._next_id = 0
        self._next_key = 0
        self._open_turns = 0
        self._idle = threading.Event()
        self._idle.set()
        self._stopping = threading.Event()
        self._armed = threading.Event()
        self._playing: int | None = None  # turn id whose audio is being written now
        self._play_ack = threading.Event()

    # ------------------------------------------------------------ public

    def run(self) -> list[VoiceEvent]:
        """Blocks until the input ends (and the last reply is played) or `stop()`; returns
        the events, the latest `VoiceConfig.max_events` of them (`on_event` sees all)."""
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
            turn = next(
                (t for t in self._turns.values() if t.replying and t.live.is_set() and not t.done),
                None,
            )
            if turn is None:
                return False
            turn.cancelled = True
            turn.abort.set()
            playing = self._playing == turn.key
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
        self._brain_q.put(RecordInterruption(turn.key, spoken))
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
                    q.put(QUIT)

        return run

    def _emit(self, event: VoiceEvent) -> None:
        with self._events_lock:
            self.events.append(event)
        if self._on_event is not None:
            try:
                self._on_event(event)
            except Exception:
                log.exception("voice event handler failed")

    def _emit_turn(self, turn: TurnState, event: VoiceEvent) -> None:
        """Emit now if the turn is live, else hold the event until its endpoint (a turn
        dropped before it never shows up in the events)."""
        with self._lock:
            if not turn.live.is_set():
                if not turn.cancelled:
                    turn.pending.append(event)
                return
            self._emit(event)

    def _go_live(self, turn: TurnState) -> None:
        with self._lock:
            if turn.live.is_set():
                return
            turn.live.set()
            pending, turn.pending = turn.pending, []
            for event in pending:
                self._emit(event)

    def _stale(self, key: int) -> bool:
        with self._lock:
            turn = self._turns.get(key)
            return turn is None or turn.cancelled or self._stopping.is_set()

    def _new_turn(self, *, start: int, speech_windows: int, stream_s: float) -> TurnState:
        with self._lock:
            self._next_key += 1
            turn = TurnState(
                key=self._next_key,
                id=self._next_id + 1,
                start=start,
                speech_windows=speech_windows,
                stream_s=stream_s,
            )
            self._turns[turn.key] = turn
        return turn

    def _begin_turn(self, end: VadEnd, by: str) -> TurnState:
        """The endpoint: the provisional turn of this pause becomes the turn, or a new one."""
        with self._lock:
            turn, self._pending = self._pending, None
        if turn is not None and (
            turn.start != end.start or turn.speech_windows != end.speech_windows
        ):
            self._drop_turn(turn)  # speech came after that pause (a max-length cut)
            turn = None
        if turn is None:
            turn = self._new_turn(
                start=end.start, speech_windows=end.speech_windows, stream_s=end.end / RATE
            )
        with self._lock:
            self._next_id += 1
            turn.id = self._next_id
            turn.endpoint = True
            turn.t_end = time.time()
            turn.stream_s = end.end / RATE
            turn.audio_s = end.duration_s
            turn.ended_by = by
            self._open_turns += 1
            self._idle.clear()
        return turn

    def _drop_turn(self, turn: TurnState) -> None:
        """The user went on after a pause: abort and discard the provisional turn."""
        with self._lock:
            if turn.cancelled:
                return
            turn.cancelled = True
            turn.abort.set()  # the LLM stops within a token; TTS and speaker drop its items
            self._turns.pop(turn.key, None)
            if self._pending is turn:
                self._pending = None
            replying = turn.replying
        self._emit(
            SpeculationDropped(
                t=time.time(),
                stream_s=round(turn.stream_s, 3),
                text=turn.guess.text if turn.guess is not None else "",
                reply_started=replying,
                reply_chars=len(turn.generated),
            )
        )
        if replying:
            self._brain_q.put(Retract(turn.key, turn))

    def _finish_turn(
        self, turn: TurnState, *, interrupted: bool = False, ignored: bool = False
    ) -> None:
        with self._lock:
            if turn.done:
                return
            turn.done = True
            self._open_turns -= 1
            if self._open_turns <= 0:
                self._idle.set()
            self._turns.pop(turn.key, None)
        if ignored:
            return
        self._emit(turn_metrics(turn, interrupted=interrupted, t=time.time()))
        if not interrupted:
            self._gate.replied(at_s=self._vad.position / RATE)

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
        if not self._stopping.is_set():
            # The input ended inside an utterance (within its pause): that is its endpoint.
            end = self._vad.end_now()
            if isinstance(end, VadEnd):
                self._on_end(end, by="end-of-input")
            elif self._pending is not None:
                self._drop_turn(self._pending)
        # Let the last turn finish before closing down (files end before the reply does).
        while not self._stopping.is_set() and not self._idle.wait(0.1):
            pass
        self._emit(
            ListenStopped(
                t=time.time(), reason=reason if not self._stopping.is_set() else "stopped"
            )
        )
        self._stt_q.put(QUIT)

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
            if not isinstance(event, VadResume):
                self._peek_abort.set()  # a pause, an end or a new start: stop reading ahead
            if isinstance(event, VadStart):
                self._peek_windows = 0
                heard = time.time()
                self._emit(
                    SpeechStarted(
                        t=heard, stream_s=event.sample / RATE, during_playback=self.speaking
                    )
                )
                if cfg.barge_in:
                    self.interrupt("barge-in", heard_at=heard)
            elif isinstance(event, VadPause):
                self._on_pause(event)
            elif isinstance(event, VadResume):
                if self._pending is not None:
                    self._drop_turn(self._pending)
            elif isinstance(event, VadEnd):
                self._on_end(event, by="max-length" if event.reason == "max-length" else "silence")
            elif isinstance(event, VadCancel):
                log.debug("speech too short at %.2f s; ignored", event.sample / RATE)
        self._maybe_end_early()
        self._maybe_peek()

    def _maybe_peek(self) -> None:
        """While the user is talking, and after `read_ahead_s` more speech since the last
        look, queue a look at the utterance so far (one at a time; none during a pause or
        while a turn is in progress: the cores are busy then)."""
        vad = self._vad
        if not self._read_ahead or not vad.in_speech or vad.silence_ms > 0:
            return
        if self._pending is not None or not self._idle.is_set() or self._peeking.is_set():
            return
        step = self.config.read_ahead_s * RATE / WINDOW
        if vad.speech_windows - self._peek_windows < step:
            return
        audio = vad.audio_so_far()
        if audio is None:
            return
        self._peek_windows = vad.speech_windows
        self._peek_abort = threading.Event()
        self._peeking.set()
        self._stt_q.put(Peek(audio, self._peek_abort))

    def _on_pause(self, pause: VadPause) -> None:
        """A likely endpoint: transcribe (and maybe answer) now; the end-of-turn decision
        follows in `_maybe_end_early`, once the silence is `VadConfig.decide_ms` long."""
        current = self._pending
        if current is not None:
            if current.start == pause.start and current.speech_windows == pause.speech_windows:
                return  # the same pause announced again: nothing new was said
            self._drop_turn(current)
        turn = self._new_turn(
            start=pause.start, speech_windows=pause.speech_windows, stream_s=pause.sample / RATE
        )
        turn.audio_s = pause.audio.size / RATE
        turn.audio = pause.audio
        with self._lock:
            self._pending = turn
        self._stt_q.put(Transcribe(turn.key, pause.audio, pause.speech_ratio, final=False))

    def _maybe_end_early(self) -> None:
        """End the turn now if its pause sounds finished to the end-of-turn model, as surely
        as its transcript asks (`finish_threshold`). Asked once the silence is
        `VadConfig.decide_ms` long, on the audio up to then. The transcript comes first: one
        that ends mid-phrase needs no model, and speech recognition gets the cores to itself
        meanwhile. The reply guessed from it waits for the answer (`TurnState.deferred`): a
        finished turn's starts at its endpoint, now; an unfinished one's during the pause."""
        turn = self._pending
        detector = self.turn_detector
        vad = self._vad
        if turn is None or detector is None:
            return
        if turn.decided:
            self._maybe_end_complete(turn)
            return
        if vad.in_speech and vad.silence_ms < vad.config.decide_ms:
            return
        if self.config.check_transcript and not turn.transcribed.is_set():
            if self.audio_in.live:
                return  # asked again after the next chunk
            # A file read as fast as possible would outrun the transcript: wait for it, so
            # the file gets the decision a live mic would.
            while not turn.transcribed.wait(0.05):
                if self._stopping.is_set() or turn.cancelled:
                    return
        if vad.in_speech and vad.speech_windows == turn.speech_windows:
            turn.audio = vad.audio_so_far()
        text_finished: bool | None = None
        needed: float | None = detector.threshold
        if self.config.check_transcript:
            if turn.guess is not None:
                text = turn.guess.text
                needed = (
                    None
                    if self._wake_only(turn, text)
                    else finish_threshold(text, detector.threshold)
                )
                text_finished = needed is not None
        if needed is not None:
            started = time.perf_counter()
            try:
                turn.probability = float(detector.probability(turn.audio))
            except Exception as exc:  # a failing model must not end the loop: silence decides
                log.warning("end-of-turn model failed (%s); this turn ends by silence", exc)
            turn.model_ms = round((time.perf_counter() - started) * 1000, 1)
        finished = (
            needed is not None and turn.probability is not None and turn.probability >= needed
        )
        with self._lock:
            turn.decided = True
            turn.complete_text = (
                not finished
                and bool(text_finished)
                and turn.guess is not None
                and reads_complete(turn.guess.text)
            )
            request, turn.deferred = turn.deferred, None
        turn.audio = None
        if request is not None and not finished:
            self._speculate(turn, request)  # a finished turn's endpoint, below, starts it
        self._emit(
            TurnDecision(
                t=time.time(),
                stream_s=round(turn.stream_s, 3),
                probability=None if turn.probability is None else round(turn.probability, 4),
                text_finished=text_finished,
                finished=finished,
                model_ms=turn.model_ms,
            )
        )
        if finished and vad.in_speech and vad.speech_windows == turn.speech_windows:
            end = vad.end_now()
            if isinstance(end, VadEnd):
                self._on_end(end, by="turn-model")

    def _maybe_end_complete(self, turn: TurnState) -> None:
        """A pause the model doubted, with a transcript that reads complete: its turn ends
        after `complete_silence_ms` (the reply was guessed meanwhile)."""
        vad = self._vad
        wait = self.config.complete_silence_ms
        if not turn.complete_text or wait <= 0 or vad.silence_ms < wait:
            return
        turn.complete_text = False
        if vad.in_speech and vad.speech_windows == turn.speech_windows:
            end = vad.end_now()
            if isinstance(end, VadEnd):
                self._on_end(end, by="transcript")

    def _wake_only(self, turn: TurnState, text: str) -> bool:
        """Just the wake phrase ("Hey Sparky."): the request usually follows a pause."""
        if not self.config.wake_phrase:
            return False
        routing = route_transcript(text, dropped=False, gate=self._gate, at_s=turn.start / RATE)
        return routing.action == "wake-only"

    def _on_end(self, end: VadEnd, *, by: str) -> None:
        self._armed.clear()
        turn = self._begin_turn(end, by)
        self._emit(
            SpeechEnded(
                t=turn.t_end or time.time(),
                turn_id=turn.id,
                stream_s=round(turn.stream_s, 3),
                duration_s=round(end.duration_s, 3),
                by=by,
            )
        )
        self._stt_q.put(Transcribe(turn.key, end.audio, end.speech_ratio, final=True))

    @staticmethod
    def _inbox(
        inbox: queue.Queue[_Item | Quit], outbox: queue.Queue[Any] | None
    ) -> Iterator[_Item]:
        """A stage's items until `QUIT`, which goes on to the next stage's `outbox`."""
        while not isinstance(item := inbox.get(), Quit):
            yield item
        if outbox is not None:
            outbox.put(QUIT)

    def _stt_stage(self) -> None:
        for item in self._inbox(self._stt_q, self._brain_q):
            if isinstance(item, Peek):
                self._peek(item)
                continue
            with self._lock:
                turn = self._turns.get(item.key)
            if turn is None or turn.cancelled:
                continue
            if item.final:
                self._transcribe_final(turn, item.audio, item.speech_ratio)
            else:
                self._transcribe_early(turn, item.audio, item.speech_ratio)

    def _peek(self, item: Peek) -> None:
        """Transcribe the utterance so far; its words but the last (maybe cut off) go to
        the LLM to read. Dropped when the user paused meanwhile: the pause's own
        transcription comes next, and the cores are its."""
        try:
            if item.abort.is_set():
                return
            try:
                heard = self.stt.transcribe(item.audio).text.split()
            except PersonaError:
                return
            if len(heard) >= 3 and not item.abort.is_set():
                self._brain_q.put(ReadAhead(" ".join(heard[:-1]), item.abort))
        finally:
            self._peeking.clear()

    def _transcribe_early(self, turn: TurnState, audio: np.ndarray, ratio: float) -> None:
        """During the pause: transcribe; start the reply (with an end-of-turn model, once it
        has answered) unless the endpoint is already past (then the final item, right
        behind in the queue, routes it)."""
        try:
            turn.guess = self.stt.transcribe(audio, speech_ratio=ratio)
            turn.t_guess = time.time()
        except PersonaError:
            return  # the final transcription will report it
        finally:
            turn.transcribed.set()
        if self._speculate_reply and not turn.endpoint and not turn.cancelled:
            self._route(turn, turn.guess.text, dropped=turn.guess.dropped, speculative=True)

    def _transcribe_final(self, turn: TurnState, audio: np.ndarray, ratio: float) -> None:
        result = turn.guess  # the endpoint's audio is the pause's: nothing was said since
        try:
            if result is None:
                result = self.stt.transcribe(audio, speech_ratio=ratio)
                turn.t_guess = time.time()
        except PersonaError as exc:
            self._emit(VoiceError(t=time.time(), message=str(exc), turn_id=turn.id))
            self._finish_turn(turn, ignored=True)
            return
        turn.t_transcript = turn.t_guess or time.time()
        turn.stt_s = result.elapsed_s
        self._emit(
            Transcript(
                t=time.time(),
                turn_id=turn.id,
                text=result.text,
                stt_s=round(result.elapsed_s, 3),
                audio_s=round(result.audio_s, 3),
            )
        )
        self._route(turn, result.text, dropped=result.dropped)

    def _route(
        self, turn: TurnState, text: str, *, dropped: bool, speculative: bool = False
    ) -> None:
        """Act on what an utterance is (`route_transcript` decides): start its reply, or
        say why it gets none. `speculative`: during the pause, only start the reply of a
        question (no events)."""
        routing = route_transcript(text, dropped=dropped, gate=self._gate, at_s=turn.start / RATE)
        if speculative:
            if routing.action == "reply":
                with self._lock:
                    if self.turn_detector is not None and not turn.decided:
                        turn.deferred = routing.request  # `_maybe_end_early` starts it
                        return
                self._speculate(turn, routing.request)
            return
        now = time.time()
        if routing.wake is not None:
            phrase = self.config.wake_phrase or ""
            self._emit(WakeHeard(t=now, turn_id=turn.id, phrase=phrase, score=routing.wake.score))
        if routing.action != "reply":
            if routing.action == "wake-only":
                self._gate.replied(at_s=turn.stream_s)  # listen for the request without it
            heard = text if text.strip() else ""
            self._ignore(turn, Ignored(t=now, turn_id=turn.id, reason=routing.reason, text=heard))
            if routing.action == "stop":
                self.interrupt("stop-command")
            return
        with self._lock:
            started = turn.replying
            turn.replying = True
        if not started:
            self._brain_q.put(Generate(turn.key, routing.request))
        self._go_live(turn)

    def _speculate(self, turn: TurnState, request: str) -> None:
        """Start the reply guessed during the pause, unless the turn has moved on."""
        with self._lock:
            if turn.cancelled or turn.replying or turn.endpoint:
                return
            turn.replying = turn.speculative = True
        self._brain_q.put(Generate(turn.key, request))

    def _ignore(self, turn: TurnState, event: Ignored) -> None:
        """No reply after all: stop one started during the pause, and close the turn."""
        with self._lock:
            started = turn.replying
            if started:
                turn.cancelled = True
                turn.abort.set()
        if started:
            self._brain_q.put(Retract(turn.key, turn))
        self._emit(event)
        self._finish_turn(turn, ignored=True)

    def _brain_stage(self) -> None:
        for item in self._inbox(self._brain_q, self._tts_q):
            match item:
                case RecordInterruption(spoken=spoken):
                    try:
                        self.conversation.record_interruption(spoken)
                    except PersonaError as exc:
                        self._emit(VoiceError(t=time.time(), message=str(exc)))
                case Retract(turn=dropped):
                    self._retract(dropped)
                case ReadAhead(text=text, abort=abort):
                    if not abort.is_set():
                        self._read_words(text, abort)
                case Generate(key=key, text=text):
                    with self._lock:
                        turn = self._turns.get(key)
                    if turn is None or turn.cancelled:
                        continue
                    turn.t_reply_start = time.time()
                    self._generate(turn, text)
                    self._tts_q.put(ReplyEnd(key))

    def _read_words(self, text: str, abort: threading.Event) -> None:
        started = time.perf_counter()
        try:
            read = self.conversation.read_ahead(text, abort)  # type: ignore[attr-defined]
        except PersonaError as exc:  # a speed-up only
            log.debug("read-ahead failed: %s", exc)
            return
        self._emit(
            ReadAheadDone(
                t=time.time(),
                text=text,
                read=bool(read),
                llm_s=round(time.perf_counter() - started, 3),
            )
        )

    def _retract(self, turn: TurnState) -> None:
        """A dropped provisional turn whose reply completed (and was stored): undo it. Runs
        on this stage after the turn's generation (queue order), so `stored` is final."""
        if not turn.stored:
            return
        turn.stored = False
        try:
            self.conversation.undo()  # type: ignore[attr-defined]
        except PersonaError as exc:
            log.warning("could not undo a reply the user talked over: %s", exc)

    def _generate(self, turn: TurnState, text: str) -> None:
        # The conversation's deltas are checked sentences (its reply gate): say each at once.
        splitter = SentenceSplitter(
            first_clause_min_chars=self.config.first_clause_min_chars, whole_deltas=True
        )
        keep_actions = bool(getattr(self.tts, "keeps_actions", False))
        index = 0

        def speak(sentences: list[str]) -> None:
            nonlocal index
            for sentence in sentences:
                spoken = speakable(sentence, keep_actions=keep_actions)
                if self._stale(turn.key):
                    continue
                for piece in split_for_tts(spoken, self.config.tts_max_chars, opening=index == 0):
                    if turn.t_first_sentence is None:
                        turn.t_first_sentence = time.time()
                    self._emit_turn(
                        turn, ReplyChunk(t=time.time(), turn_id=turn.id, text=piece, index=index)
                    )
                    self._tts_q.put(Speak(turn.key, index, piece))
                    index += 1

        try:
            for event in self.conversation.send(text, abort=turn.abort):
                if self._stale(turn.key):
                    turn.abort.set()
                    continue  # let the engine finish its abort cleanly
                delta = getattr(event, "text", "")
                if hasattr(event, "finish_reason"):  # ReplyDone: authoritative full text
                    turn.reply = event.text
                    turn.stored = getattr(event, "turn_id", None) is not None
                    turn.retries = int(getattr(event, "retries", 0) or 0)
                    speak(splitter.flush())
                    continue
                if turn.t_first_token is None and delta:
                    turn.t_first_token = time.time()
                turn.generated += delta
                speak(splitter.push(delta))
            speak(splitter.flush())
        except PersonaError as exc:
            self._emit_turn(turn, VoiceError(t=time.time(), message=str(exc), turn_id=turn.id))

    def _tts_stage(self) -> None:
        for item in self._inbox(self._tts_q, self._play_q):
            if isinstance(item, ReplyEnd):
                self._play_q.put(item)
                continue
            key, text = item.key, item.text
            if self._stale(key):
                continue
            with self._lock:
                turn = self._turns.get(key)
            start = time.perf_counter()
            try:
                for audio in self.tts.synthesize(text):
                    if turn is not None:
                        spent = time.perf_counter() - start
                        turn.tts_s += spent
                        turn.tts_audio_s += audio.duration_s
                        if turn.tts_first_s is None:
                            turn.tts_first_s = spent
                    if self._stale(key):
                        break
                    self._play_q.put(Play(key, audio))
                    start = time.perf_counter()
            except Exception as exc:  # a sentence the voice cannot say must not end the loop
                log.warning("TTS failed on %r: %s", text, exc)
                if turn is not None:
                    self._emit_turn(
                        turn,
                        VoiceError(
                            t=time.time(),
                            message=f"speech synthesis failed: {exc}",
                            turn_id=turn.id,
                        ),
                    )

    def _wait_live(self, turn: TurnState) -> bool:
        """Hold a reply prepared during the pause until its endpoint; False if dropped."""
        while not turn.live.wait(0.01):
            if turn.cancelled or turn.done or self._stopping.is_set():
                return False
        return not turn.cancelled

    def _speaker_stage(self) -> None:
        for item in self._inbox(self._play_q, None):
            with self._lock:
                turn = self._turns.get(item.key)
            if turn is None or turn.cancelled or not self._wait_live(turn):
                continue
            if isinstance(item, ReplyEnd):
                self._emit(
                    ReplyFinished(
                        t=time.time(),
                        turn_id=turn.id,
                        text=turn.reply,
                        spoken=" ".join(turn.spoken),
                    )
                )
                self._finish_turn(turn)
                continue
            self._play(turn, item.audio)

    def _play(self, turn: TurnState, audio: SpeechAudio) -> None:
        block = max(1, audio.sample_rate * self.config.block_ms // 1000)
        samples = audio.samples
        with self._lock:
            if turn.cancelled:
                return
            self._playing = turn.key
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
                heard = heard_words(audio.text, played, samples.size, cut=turn.cancelled)
                if heard:
                    turn.spoken.append(heard)
                self._playing = None
            self._play_ack.set()
