"""Voice-loop events as small frozen dataclasses.

Every event serialises to one JSON object (`to_json`) with a `type` field and comes back
with `from_json`; that JSON-lines form is also what `persona voice --metrics` writes.
Times are seconds: `t` is wall-clock (`time.time()`), `stream_s` is position in the mic stream.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from dataclasses import dataclass
from typing import Any

from persona.errors import BadInput


@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceEvent:
    """Base class; every subclass is found by its class name when parsing."""

    t: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data = {"type": type(self).__name__}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            data[f.name] = list(value) if isinstance(value, tuple) else value
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @staticmethod
    def from_dict(data: dict[str, Any]) -> VoiceEvent:
        cls = {c.__name__: c for c in all_event_types()}.get(str(data.get("type")))
        if cls is None:
            raise BadInput(f"unknown voice event type {data.get('type')!r}")
        names = {f.name: f for f in dataclasses.fields(cls)}
        kwargs = {}
        for key, value in data.items():
            if key == "type":
                continue
            if key not in names:
                raise BadInput(f"voice event {cls.__name__} has no field {key!r}")
            kwargs[key] = tuple(value) if isinstance(value, list) else value
        return cls(**kwargs)

    @staticmethod
    def from_json(line: str) -> VoiceEvent:
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"voice event is not JSON: {exc}") from None
        if not isinstance(data, dict):
            raise BadInput("voice event JSON must be an object")
        return VoiceEvent.from_dict(data)


@dataclass(frozen=True, slots=True, kw_only=True)
class ListenStarted(VoiceEvent):
    """The loop is ready and reading the microphone."""

    source: str = ""
    sample_rate: int = 16000


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeechStarted(VoiceEvent):
    """The VAD heard speech begin."""

    stream_s: float = 0.0
    during_playback: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeechEnded(VoiceEvent):
    """The endpoint: the user's turn is over. `t` is when it was decided; `by` says how:
    "turn-model" (a short pause that sounded finished), "transcript" (a pause the model
    doubted, but whose words read complete: `VoiceConfig.complete_silence_ms`), "silence"
    (the fixed silence rule), "max-length" or "end-of-input"."""

    turn_id: int
    stream_s: float = 0.0
    duration_s: float = 0.0
    by: str = "silence"


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnDecision(VoiceEvent):
    """At a pause: did the user finish? `probability` is the end-of-turn model's (None
    without one), `text_finished` whether the early transcript reads finished."""

    stream_s: float = 0.0
    probability: float | None = None
    text_finished: bool | None = None
    finished: bool = False
    model_ms: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeculationDropped(VoiceEvent):
    """The user went on after a pause: the early transcript, and the reply already being
    generated from it (aborted), were thrown away."""

    stream_s: float = 0.0
    text: str = ""
    reply_started: bool = False
    reply_chars: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadAheadDone(VoiceEvent):
    """While the user was still talking, the LLM read the words heard so far (`read`:
    whether it did; it skips when busy, or when the user paused first)."""

    text: str = ""
    read: bool = False
    llm_s: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Transcript(VoiceEvent):
    turn_id: int
    text: str
    stt_s: float = 0.0
    audio_s: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Ignored(VoiceEvent):
    """An utterance that got no reply, and why: "no-wake-phrase", "empty", "hallucination",
    "half-duplex", "push-to-talk"."""

    turn_id: int
    reason: str
    text: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class WakeHeard(VoiceEvent):
    turn_id: int
    phrase: str
    score: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyChunk(VoiceEvent):
    """A sentence of the reply, ready for synthesis (already cleaned for speech)."""

    turn_id: int
    text: str
    index: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioOut(VoiceEvent):
    """A block of reply audio handed to the speaker. The samples stay in memory."""

    turn_id: int
    text: str
    samples: int = 0
    sample_rate: int = 22050


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyFinished(VoiceEvent):
    """The reply for a turn was fully generated and played."""

    turn_id: int
    text: str
    spoken: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Interrupted(VoiceEvent):
    """Playback of a turn was cut (barge-in or a stop command). `spoken` is what was heard."""

    turn_id: int
    spoken: str = ""
    reason: str = "barge-in"
    latency_ms: float | None = None  # from hearing the user to the speaker going quiet


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnMetrics(VoiceEvent):
    """Latency of one turn, in milliseconds from the endpoint (`SpeechEnded`); negative when
    the reply was prepared during the pause, before the endpoint (`speculative`). The
    `stage_*` times are durations: speech recognition, the LLM from request to first
    sentence, synthesis of the first piece."""

    turn_id: int
    transcript_ms: float | None = None
    first_token_ms: float | None = None
    first_sentence_ms: float | None = None
    first_audio_ms: float | None = None
    stt_rtf: float | None = None
    tts_rtf: float | None = None
    interrupted: bool = False
    ended_by: str = "silence"
    speculative: bool = False
    stage_stt_ms: float | None = None
    stage_llm_first_sentence_ms: float | None = None
    stage_tts_first_chunk_ms: float | None = None
    retries: int = 0  # replies the conversation's checks rejected and wrote again

    def summary(self) -> str:
        def fmt(value: float | None) -> str:
            return "-" if value is None else f"{value:.0f}"

        return (
            f"turn {self.turn_id} (ended by {self.ended_by}): stt {fmt(self.stage_stt_ms)} ms, "
            f"ready at {fmt(self.transcript_ms)} ms | llm first token "
            f"{fmt(self.first_token_ms)} ms | first sentence {fmt(self.first_sentence_ms)} ms | "
            f"first audio {fmt(self.first_audio_ms)} ms"
            + (" | prepared during the pause" if self.speculative else "")
            + (f" | written {self.retries + 1} times" if self.retries else "")
            + (" | interrupted" if self.interrupted else "")
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceError(VoiceEvent):
    """A problem the loop survived (bad audio, a failed turn); `message` is one line."""

    message: str
    turn_id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ListenStopped(VoiceEvent):
    reason: str = "end of input"


def all_event_types() -> tuple[type[VoiceEvent], ...]:
    """Every concrete event class (walks subclasses, so new ones need no registration)."""
    found: list[type[VoiceEvent]] = []
    pending = list(VoiceEvent.__subclasses__())
    while pending:
        cls = pending.pop(0)
        # slots=True rebuilds each class; skip the discarded originals.
        if cls is getattr(sys.modules.get(cls.__module__), cls.__qualname__, None):
            found.append(cls)
        pending.extend(cls.__subclasses__())
    return tuple(found)
