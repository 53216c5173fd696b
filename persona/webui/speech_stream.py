"""A streamed reply spoken sentence by sentence for the browser, as the voice loop does.

Text deltas go in as the model writes them; whole sentences are synthesised on a worker
thread (so the text keeps streaming) and come out as `AudioPiece`s, in order, for the
page's player (`static/player.js`) to queue back to back.
"""

from __future__ import annotations

import base64
import json
import logging
import queue
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from persona.speech.sentences import SentenceSplitter, split_for_tts
from persona.speech.textclean import speakable

log = logging.getLogger(__name__)

_END = object()
TTS_MAX_CHARS = 160  # longer sentences are said in pieces, as in the voice loop


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
    format); otherwise markup and numbers are made speakable first.
    """

    def __init__(self, tts: object, *, raw_text: bool, started: float) -> None:
        self.tts = tts
        self.raw_text = raw_text
        self.started = started
        self.turn = secrets.token_hex(6)
        self._splitter = SentenceSplitter()
        self._todo: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self._cancelled = threading.Event()
        self._seq = 0
        self.spoken: list[str] = []
        self._samples: list[np.ndarray] = []
        self.first_audio_ms: float | None = None
        self.failed = False
        self._worker = threading.Thread(target=self._run, name="ui-tts", daemon=True)
        self._worker.start()

    # -- text in ---------------------------------------------------------------------
    def push(self, delta: str) -> None:
        for sentence in self._splitter.push(delta):
            self._queue(sentence)

    def finish(self) -> None:
        for sentence in self._splitter.flush():
            self._queue(sentence)
        self._todo.put(_END)

    def cancel(self) -> None:
        self._cancelled.set()
        self._todo.put(_END)

    def _queue(self, sentence: str) -> None:
        text = sentence if self.raw_text else speakable(sentence)
        for piece in split_for_tts(text, TTS_MAX_CHARS):
            if piece.strip():
                self._todo.put(piece)

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
                chunks = [c.samples for c in self.tts.synthesize(piece)]
                if self._cancelled.is_set():
                    return
                if not chunks:
                    continue
                pcm = (np.clip(np.concatenate(chunks), -1.0, 1.0) * 32767).astype(np.int16)
                ready_ms = (time.perf_counter() - self.started) * 1000
                if self.first_audio_ms is None:
                    self.first_audio_ms = ready_ms
                self.spoken.append(piece)
                self._samples.append(pcm)
                rate = self.tts.sample_rate
                self._done.put(
                    AudioPiece(self.turn, self._seq, rate, pcm.tobytes(), piece, ready_ms)
                )
                self._seq += 1
        except Exception:  # noqa: BLE001 - speech is a bonus; the text reply stands
            log.exception("speech synthesis failed")
            self.failed = True
        finally:
            self._done.put(_END)
