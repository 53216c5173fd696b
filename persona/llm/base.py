"""The one interface every LLM backend implements: chat messages in, text deltas out."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Message:
    """One chat message. `role` is "system", "user" or "assistant"."""

    role: str
    content: str

    def to_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True, slots=True, kw_only=True)
class GenerationOptions:
    """Per-call sampling options."""

    max_tokens: int = 256
    temperature: float = 0.7
    top_p: float = 0.95
    seed: int | None = None
    stop: tuple[str, ...] = ()
    # Tiny models loop ("I'm so glad you're here. I'm so glad...") without a mild penalty.
    repeat_penalty: float = 1.1
    # A llama.cpp GBNF grammar the reply must match (llama backend and llama.cpp servers;
    # other backends ignore it and the engine's guards check the format instead).
    grammar: str | None = None


@dataclass(frozen=True, slots=True)
class TextDelta:
    """A piece of streamed text. The last delta of a stream carries `finish_reason`
    ("stop", "length" or "abort") and may have empty text."""

    text: str
    finish_reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BackendConfig:
    """Load-time options shared by the backends; each reads what applies to it."""

    model: str | None = None  # catalog name, file path, HF folder, or server model id
    n_ctx: int = 2048
    threads: int | None = None
    # llama: threads up to the reply's first sentence; None = every core (at most 4), or
    # PERSONA_LLM_BURST_THREADS; `threads` or fewer = no burst.
    burst_threads: int | None = None
    base_url: str | None = None  # OpenAI-compatible server
    api_key: str | None = None
    timeout_s: float = 60.0
    retries: int = 2
    device: str | None = None  # transformers: "cpu", "cuda"
    extra: dict[str, object] = field(default_factory=dict)


@runtime_checkable
class LLMBackend(Protocol):
    """A chat model. `stream_chat` is a lazy generator: nothing runs until iterated.

    Setting `abort` stops generation within one token; the stream then ends with a
    delta whose finish_reason is "abort".
    """

    name: str
    context_length: int

    def stream_chat(
        self,
        messages: Sequence[Message],
        options: GenerationOptions,
        abort: threading.Event | None = None,
    ) -> Iterator[TextDelta]: ...

    def count_tokens(self, text: str) -> int: ...

    def close(self) -> None: ...


def collect(stream: Iterator[TextDelta]) -> str:
    """Join a stream into one string."""
    return "".join(d.text for d in stream)
