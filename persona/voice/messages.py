"""What the voice loop's stages hand each other through their queues, one frozen dataclass
per kind of item. Every item but `Quit` and the looks ahead (`Peek`, `ReadAhead`: no turn
yet) carries its turn's `key`, so a stage can drop the leftovers of a turn that was
cancelled (a barge-in, or the user going on after a pause).

mic -> `Transcribe`, `Peek` -> STT -> `Generate`, `ReadAhead`, `RecordInterruption`,
`Retract` -> LLM -> `Speak`, `ReplyEnd` -> TTS -> `Play`, `ReplyEnd` -> speaker. `QUIT` goes
down every queue.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from persona.speech.tts import SpeechAudio
    from persona.voice.turn_state import TurnState


@dataclass(frozen=True, slots=True)
class Quit:
    """The end of the stream: each stage passes it on and exits."""


QUIT = Quit()


@dataclass(frozen=True, slots=True)
class Transcribe:
    """An utterance's audio for the STT: at the pause (`final=False`, an early guess that
    may start the reply) or at the endpoint."""

    key: int
    audio: np.ndarray
    speech_ratio: float
    final: bool


@dataclass(frozen=True, slots=True)
class Peek:
    """The utterance so far while the user is still talking: transcribe it, and let the LLM
    read its words (`abort`: set once the user pauses; the reading stops then)."""

    audio: np.ndarray
    abort: threading.Event


@dataclass(frozen=True, slots=True)
class ReadAhead:
    """The words heard so far of the question still being spoken, for the LLM to read."""

    text: str
    abort: threading.Event


@dataclass(frozen=True, slots=True)
class Generate:
    """Ask the conversation for the reply to `text`."""

    key: int
    text: str


@dataclass(frozen=True, slots=True)
class RecordInterruption:
    """The reply of turn `key` was cut: the conversation keeps only `spoken`."""

    key: int
    spoken: str


@dataclass(frozen=True, slots=True)
class Retract:
    """The user went on after the pause: undo the reply stored for `turn`, if it was. The
    turn itself travels along, as the loop has already forgotten it."""

    key: int
    turn: TurnState


@dataclass(frozen=True, slots=True)
class Speak:
    """Piece `index` of a reply, cleaned for speech, to synthesise."""

    key: int
    index: int
    text: str


@dataclass(frozen=True, slots=True)
class Play:
    """Synthesised audio of a reply, for the speaker."""

    key: int
    audio: SpeechAudio


@dataclass(frozen=True, slots=True)
class ReplyEnd:
    """Nothing more of turn `key`'s reply follows."""

    key: int


SttItem = Transcribe | Peek | Quit
BrainItem = Generate | ReadAhead | RecordInterruption | Retract | Quit
TtsItem = Speak | ReplyEnd | Quit
PlayItem = Play | ReplyEnd | Quit
