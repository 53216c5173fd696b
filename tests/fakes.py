"""Test doubles for the fast deterministic tier: they stand in for a model's numerics only,
never for the code paths under test (prompting, guards, storage run for real)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from persona.llm.base import GenerationOptions, Message, TextDelta
from persona.speech.stt import SttResult
from persona.speech.tts import SpeechAudio
from persona.speech.vad import StreamingVad, VadConfig


class ScriptedBackend:
    """An LLMBackend that replies with the given texts in order, a few characters per delta
    (as a model streams), and records every request it was sent."""

    name = "scripted"

    def __init__(self, replies: Sequence[str], *, chunk: int = 3, context_length: int = 4096):
        self.replies = list(replies)
        self.chunk = chunk
        self.context_length = context_length
        self.requests: list[tuple[list[Message], GenerationOptions]] = []

    def stream_chat(
        self,
        messages: Sequence[Message],
        options: GenerationOptions,
        abort: threading.Event | None = None,
    ) -> Iterator[TextDelta]:
        self.requests.append((list(messages), options))
        text = self.replies.pop(0) if self.replies else ""
        for i in range(0, len(text), self.chunk):
            if abort is not None and abort.is_set():
                yield TextDelta("", finish_reason="abort")
                return
            yield TextDelta(text[i : i + self.chunk])
        yield TextDelta("", finish_reason="stop")

    def count_tokens(self, text: str) -> int:
        return max(1, len(text) // 4)

    def close(self) -> None:
        pass


# --- the voice loop's parts: a list-fed mic, a scripted STT, a silent voice, a speaker ----

RATE = 16000  # the mic's and the STT's sample rate


def tone(seconds: float, *, level: float = 0.5) -> np.ndarray:
    """A loud stretch of mic audio: "speech" to the loudness VAD, `seconds` long."""
    n = int(seconds * RATE)
    wave = np.sign(np.sin(2 * np.pi * 220 * (np.arange(n) + 0.5) / RATE))  # square: all loud
    return (level * wave).astype(np.float32)


def quiet(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.float32)


class _Loudness:
    """Silero's place in `StreamingVad`: a window is speech when it is loud."""

    def __init__(self, level: float) -> None:
        self.level = level

    def reset(self) -> None:
        pass

    def probabilities(self, windows: np.ndarray) -> np.ndarray:
        return (np.abs(windows).max(axis=1) >= self.level).astype(np.float32)


def loudness_vad(config: VadConfig | None = None, *, level: float = 0.1) -> StreamingVad:
    """The real endpointing state machine with Silero's numerics swapped for loudness, so
    `tone()` is speech and `quiet()` is silence."""
    vad = StreamingVad(config or VadConfig())
    vad._model = _Loudness(level)  # the model's numerics only: every decision stays real
    return vad


class ListMic:
    """An `AudioIn` fed from a list: audio arrays, sent in 32 ms blocks, and conditions
    (callables), each held until it is true, as a user waits for the robot to talk."""

    name = "list"
    sample_rate = RATE

    def __init__(self, *parts: np.ndarray | Callable[[], bool], live: bool = False) -> None:
        self.parts = parts
        self.live = live
        self.closed = threading.Event()

    def chunks(self) -> Iterator[np.ndarray]:
        for part in self.parts:
            if callable(part):
                while not part() and not self.closed.wait(0.005):
                    pass
                continue
            for i in range(0, part.size, 512):
                if self.closed.is_set():
                    return
                yield part[i : i + 512]

    def close(self) -> None:
        self.closed.set()


class ScriptedStt:
    """A `SpeechToText` that hears the scripted line whose length (seconds of loud audio)
    is nearest to the utterance's, whatever order the loop asks in."""

    def __init__(self, lines: dict[float, str], *, level: float = 0.1) -> None:
        self.lines = lines
        self.level = level
        self.calls: list[str] = []

    def transcribe(self, audio, *, sample_rate: int = RATE, speech_ratio: float = 1.0):
        loud = float(np.count_nonzero(np.abs(audio) >= self.level)) / sample_rate
        text = self.lines[min(self.lines, key=lambda length: abs(length - loud))]
        self.calls.append(text)
        return SttResult(text=text, audio_s=audio.size / sample_rate, elapsed_s=0.0)


class SilentTts:
    """A `TextToSpeech` that says nothing, for as long as the text would take to say."""

    sample_rate = RATE

    def __init__(self, *, seconds_per_word: float = 0.1) -> None:
        self.seconds_per_word = seconds_per_word
        self.said: list[str] = []

    def synthesize(self, text: str) -> Iterator[SpeechAudio]:
        self.said.append(text)
        n = int(len(text.split()) * self.seconds_per_word * self.sample_rate)
        yield SpeechAudio(np.zeros(max(n, 1), dtype=np.float32), self.sample_rate, text)


class HoldingSpeaker:
    """An `AudioOut` that plays instantly, except that after `hold_after` blocks it holds
    the next one until `stop()` (a barge-in), once: `holding` is set meanwhile."""

    name = "holding"
    realtime = False

    def __init__(self, *, hold_after: int | None = None) -> None:
        self.hold_after = hold_after
        self.blocks = 0
        self.holding = threading.Event()
        self._released = threading.Event()

    def write(self, samples: np.ndarray, sample_rate: int) -> None:
        self.blocks += 1
        if self.hold_after is not None and self.blocks == self.hold_after + 1:
            self.holding.set()
            self._released.wait(10)

    def stop(self) -> None:
        self._released.set()

    def close(self) -> None:
        self._released.set()
