"""Test doubles for the fast deterministic tier: they stand in for a model's numerics only,
never for the code paths under test (prompting, guards, storage run for real)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

from persona.llm.base import GenerationOptions, Message, TextDelta


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
