"""A streamed reply spoken sentence by sentence for the browser, as the voice loop does.

Text deltas go in as the model writes them; whole sentences are synthesised on a worker
thread (so the text keeps streaming) and come out as `AudioPiece`s, in order, for the
page's player (`static/player.js`) to queue back to back. Sentences are cut as the voice
loop cuts them (its splitter and piece size), so the first clause of a long opening
sentence is said while the rest is synthesised.
"""

from __future__ import annotations

import base64
import json
import logging
import queue
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from persona.speech.sentences import BUSY_COVER, SentenceSplitter, split_for_tts
from persona.speech.textclean import speakable

log = logging.getLogger(__name__)

_END = object()


def _loop_sizes() -> tuple[int, int]:
    """The voice loop's first-clause length and TTS piece size (one definition for both)."""
    from persona.voice.loop import VoiceConfig

    config = VoiceConfig()
    return config.first_clause_min_chars, config.tts_max_chars


FIRST_CLAUSE_MIN_CHARS, TTS_MAX_CHARS = _loop_sizes()


@dataclass(frozen=True, slots=True)
class AudioPiece:
    """One synthesised piece of a reply: int16 mono samples and the text they say."""

    turn: str
    seq: int
    sample_rate: int
    pcm: bytes
    text: str
    ready_ms: float  # from the start of the turn to this piece being ready

    def payload(self) -> str:
        """The JSON the page's player reads (`window.robotAudio.feed`)."""
        return json.dumps(
            {
                "turn": self.turn,
                "seq": self.seq,
                "rate": self.sample_rate,
                "pcm": base64.b64encode(self.pcm).decode("ascii"),
                "text": self.text,  # the subtitle, shown as the piece plays
                "sent": round(time.time() * 1000, 1),  # for the page's delivery figure
            }
        )


def control(**fields: object) -> str:
    """A player message that carries no audio: {"stop": true}, {"state": "thinking"}."""
    return json.dumps({"nonce": secrets.token_hex(4), **fields})


class ReplySpeaker:
    """Speaks one reply as it streams. `push` text, `finish` at the end, and take pieces
    with `ready()` (never blocks) or `rest()` (until the last one); `cancel` drops the rest.

    `raw_text`: give the text to the engine as written (the beeps voice reads its own
    format); otherwise markup and numbers are made speakable first. `whole_sentences`:
    the text comes from the chat's reply gate, which lets it out a checked sentence at a
    time, so text that ends a sentence is said at once instead of waiting for the next
    text to show the sentence is over. `on_ready` (set it before pushing text) is called
    on the synthesis thread after each piece is ready.
    """

    def __init__(
        self, tts: object, *, raw_text: bool, started: float, whole_sentences: bool = False
    ) -> None:
        self.tts = tts
        self.raw_text = raw_text
        self.started = started
        self.turn = secrets.token_hex(6)
        self._splitter = SentenceSplitter(
            first_clause_min_chars=FIRST_CLAUSE_MIN_CHARS, whole_deltas=whole_sentences
        )
        self._todo: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self._cancelled = threading.Event()
        self._seq = 0
        self._samples: list[np.ndarray] = []
        self.first_text_ms: float | None = None  # the first text reached the speaker
        self.first_piece_ms: float | None = None  # the first piece went to synthesis
        self.first_tts_ms: float | None = None  # how long that piece took to synthesise
        self.first_audio_ms: float | None = None
        self.failed = False
        self.on_ready: Callable[[], None] | None = None
        self._finished = False
        self._worker = threading.Thread(target=self._run, name="ui-tts", daemon=True)
        self._worker.start()

    # -- text in ---------------------------------------------------------------------
    def push(self, delta: str) -> None:
        if self.first_text_ms is None and delta.strip():
            self.first_text_ms = self._ms()
        for sentence in self._splitter.push(delta):
            self._queue(sentence)

    def finish(self) -> None:
        """No more text (idempotent)."""
        if self._finished:
            return
        self._finished = True
        for sentence in self._splitter.flush():
            self._queue(sentence)
        self._todo.put(_END)

    def cancel(self) -> None:
        self._cancelled.set()
        self._todo.put(_END)

    def _queue(self, sentence: str) -> None:
        sentence = " ".join(sentence.split())
        text = sentence if self.raw_text else speakable(sentence)
        first = self.first_piece_ms is None
        # Cautiously: the browser shares these cores.
        for piece in split_for_tts(text, TTS_MAX_CHARS, opening=first, cover=BUSY_COVER):
            if piece.strip():
                if self.first_piece_ms is None:
                    self.first_piece_ms = self._ms()
                self._todo.put(piece)

    def _ms(self) -> float:
        return round((time.perf_counter() - self.started) * 1000, 1)

    # -- audio out -------------------------------------------------------------------
    def ready(self) -> list[AudioPiece]:
        out = []
        while True:
            try:
                item = self._done.get_nowait()
            except queue.Empty:
                return out
            if item is _END:
                self._done.put(_END)  # keep the end marker for `rest`
                return out
            out.append(item)

    def rest(self) -> Iterator[AudioPiece]:
        while True:
            item = self._done.get()
            if item is _END:
                self._done.put(_END)
                return
            yield item

    def full_audio(self) -> tuple[int, np.ndarray] | None:
        """Everything said so far as one (rate, int16) clip, for the replay player."""
        if not self._samples:
            return None
        return self.tts.sample_rate, np.concatenate(self._samples)

    def _run(self) -> None:
        try:
            while True:
                piece = self._todo.get()
                if piece is _END or self._cancelled.is_set():
                    return
                began = time.perf_counter()
                chunks = [c.samples for c in self.tts.synthesize(piece)]
                if self._cancelled.is_set():
                    return
                if not chunks:
                    continue
                pcm = (np.clip(np.concatenate(chunks), -1.0, 1.0) * 32767).astype(np.int16)
                ready_ms = (time.perf_counter() - self.started) * 1000
                if self.first_audio_ms is None:
                    self.first_audio_ms = round(ready_ms, 1)
                    self.first_tts_ms = round((time.perf_counter() - began) * 1000, 1)
                self._samples.append(pcm)
                rate = self.tts.sample_rate
                self._done.put(
                    AudioPiece(self.turn, self._seq, rate, pcm.tobytes(), piece, ready_ms)
                )
                self._seq += 1
                if self.on_ready is not None:
                    self.on_ready()
        except Exception:  # noqa: BLE001 - speech is a bonus; the text reply stands
            log.exception("speech synthesis failed")
            self.failed = True
        finally:
            self._done.put(_END)
