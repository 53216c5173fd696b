"""One voice turn's state as the loop tracks it, and the pure figures drawn from it: the
latency metrics of a finished turn, and how much of a reply cut mid-sentence was heard."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from persona.speech.stt import SttResult
from persona.voice.events import TurnMetrics, VoiceEvent


@dataclass(slots=True)
class TurnState:
    """One utterance from its first pause (provisional) or endpoint to its reply's end.
    `key` is unique and marks queue items; `id` is the public turn number, fixed at the
    endpoint (a dropped provisional turn uses none)."""

    key: int
    id: int
    start: int  # the utterance's first sample in the mic stream
    speech_windows: int
    stream_s: float
    t_end: float | None = None  # wall time of the endpoint
    endpoint: bool = False
    ended_by: str = "silence"
    audio_s: float = 0.0
    audio: np.ndarray | None = None  # the pause's audio, until the end-of-turn decision
    guess: SttResult | None = None  # the transcript made during the pause
    t_guess: float | None = None
    transcribed: threading.Event = field(default_factory=threading.Event)
    probability: float | None = None  # the end-of-turn model's, at the pause
    model_ms: float | None = None
    decided: bool = False
    # The model doubted the pause, but its transcript reads complete (`reads_complete`):
    # `VoiceConfig.complete_silence_ms` of silence ends the turn.
    complete_text: bool = False
    # The reply asked for during the pause, held until the end-of-turn decision: the model
    # and the LLM's prompt must not share the cores (both would run twice as long).
    deferred: str | None = None
    live: threading.Event = field(default_factory=threading.Event)  # may be heard
    pending: list[VoiceEvent] = field(default_factory=list)  # events held until live
    speculative: bool = False  # the reply was requested before the endpoint
    stored: bool = False  # the conversation stored the reply
    generated: str = ""
    retries: int = 0  # replies the conversation's checks threw away and wrote again
    t_transcript: float | None = None
    t_reply_start: float | None = None
    t_first_token: float | None = None
    t_first_sentence: float | None = None
    t_first_audio: float | None = None
    stt_s: float = 0.0
    tts_s: float = 0.0
    tts_first_s: float | None = None
    tts_audio_s: float = 0.0
    replying: bool = False
    spoken: list[str] = field(default_factory=list)
    reply: str = ""
    cancelled: bool = False
    done: bool = False
    abort: threading.Event = field(default_factory=threading.Event)


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


def _since(start: float | None, end: float | None) -> float | None:
    return None if start is None or end is None else _ms(end - start)


def turn_metrics(turn: TurnState, *, interrupted: bool, t: float) -> TurnMetrics:
    """The latency figures of a finished turn: times from its endpoint, stage durations
    and real-time factors (None where the turn never got that far)."""
    return TurnMetrics(
        t=t,
        turn_id=turn.id,
        transcript_ms=_since(turn.t_end, turn.t_transcript),
        first_token_ms=_since(turn.t_end, turn.t_first_token),
        first_sentence_ms=_since(turn.t_end, turn.t_first_sentence),
        first_audio_ms=_since(turn.t_end, turn.t_first_audio),
        stt_rtf=round(turn.stt_s / turn.audio_s, 4) if turn.audio_s else None,
        tts_rtf=round(turn.tts_s / turn.tts_audio_s, 4) if turn.tts_audio_s else None,
        interrupted=interrupted,
        ended_by=turn.ended_by,
        speculative=turn.speculative,
        stage_stt_ms=_ms(turn.stt_s) if turn.t_transcript else None,
        stage_llm_first_sentence_ms=_since(turn.t_reply_start, turn.t_first_sentence),
        stage_tts_first_chunk_ms=_ms(turn.tts_first_s),
        retries=turn.retries,
    )


def heard_words(text: str, played: int, total: int, *, cut: bool = False) -> str:
    """What was heard of `text` when `played` of its `total` samples were played: all of
    it, else (or when playback was `cut`) the share of its words that was played, marked
    as cut off ("Once upon…"), or nothing."""
    if played >= total and not cut:
        return text
    words = text.split()
    heard = min(len(words), int(len(words) * played / max(1, total)))
    return " ".join(words[:heard]) + "…" if heard else ""
