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

# Backends by name: "module:Class", each class with a `load(config)` constructor. A new
# backend is one module and one line here; --backend, the UI and scenarios read this list.
REGISTRY: dict[str, str] = {
    "llama": "persona.llm.llama:LlamaBackend",
    "openai": "persona.llm.openai_http:OpenAIBackend",
    "transformers": "persona.llm.transformers_backend:TransformersBackend",
}
BACKENDS = tuple(REGISTRY)

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
    import importlib

    target = REGISTRY.get(kind)
    if target is None:
        raise NotFound(f"unknown backend {kind!r}: choose one of {', '.join(BACKENDS)}")
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls).load(config or BackendConfig())
