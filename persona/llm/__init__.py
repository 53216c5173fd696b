"""LLM backends behind one protocol (`LLMBackend`)."""

from __future__ import annotations

from persona.errors import NotFound
from persona.llm.base import (
    BackendConfig,
    GenerationOptions,
    LLMBackend,
    Message,
    TextDelta,
    collect,
)

BACKENDS = ("llama", "openai", "transformers")

__all__ = [
    "BACKENDS",
    "BackendConfig",
    "GenerationOptions",
    "LLMBackend",
    "Message",
    "TextDelta",
    "collect",
    "open_backend",
]


def open_backend(kind: str = "llama", config: BackendConfig | None = None) -> LLMBackend:
    """Load a backend by name; heavy imports happen only for the one asked for."""
    config = config or BackendConfig()
    if kind == "llama":
        from persona.llm.llama import LlamaBackend

        return LlamaBackend.load(config)
    if kind == "openai":
        from persona.llm.openai_http import OpenAIBackend

        return OpenAIBackend.load(config)
    if kind == "transformers":
        from persona.llm.transformers_backend import TransformersBackend

        return TransformersBackend.load(config)
    raise NotFound(f"unknown backend {kind!r}: choose one of {', '.join(BACKENDS)}")
