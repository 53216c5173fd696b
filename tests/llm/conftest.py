"""Fixtures for the LLM backend tests: the real default GGUF, loaded once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from persona.llm import BackendConfig
from persona.llm.llama import LlamaBackend, resolve_model_path


@pytest.fixture(scope="session")
def default_gguf() -> Path:
    return resolve_model_path(None)


@pytest.fixture(scope="module")
def llama(default_gguf: Path) -> Iterator[LlamaBackend]:
    backend = LlamaBackend.load(BackendConfig(model=str(default_gguf), n_ctx=2048, threads=1))
    yield backend
    backend.close()
