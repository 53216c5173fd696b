"""TransformersBackend on CPU with the default SmolLM2 GGUF (dequantized by transformers)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from persona.errors import BackendUnavailable, ModelError
from persona.llm import BackendConfig, GenerationOptions, Message, TextDelta, collect, open_backend

CHAT = [
    Message("system", "You are Sparky, a cheeky household robot."),
    Message("user", "Tell me a short story about a toaster."),
]


def test_missing_extra_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)  # as if not installed
    with pytest.raises(BackendUnavailable) as info:
        open_backend("transformers", BackendConfig())
    assert str(info.value) == (
        "install the transformers extra: pip install 'robot-persona[transformers]'"
    )


@pytest.fixture(scope="module")
def hf(default_gguf: Path) -> Iterator[object]:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    backend = open_backend(
        "transformers", BackendConfig(model=str(default_gguf), device="cpu", threads=1)
    )
    yield backend
    backend.close()


@pytest.mark.slow
def test_streams_from_the_gguf_on_cpu(hf) -> None:
    assert hf.device == "cpu"
    deltas = list(hf.stream_chat(CHAT, GenerationOptions(max_tokens=8, temperature=0)))
    assert all(isinstance(d, TextDelta) for d in deltas)
    assert [d.finish_reason for d in deltas[:-1]] == [None] * (len(deltas) - 1)
    assert deltas[-1].finish_reason == "length"
    text = "".join(d.text for d in deltas)
    assert text.strip()
    assert hf.count_tokens(text) <= 9


@pytest.mark.slow
def test_seed_and_stop_strings(hf) -> None:
    seeded = GenerationOptions(max_tokens=12, temperature=0.9, seed=21)
    assert collect(hf.stream_chat(CHAT, seeded)) == collect(hf.stream_chat(CHAT, seeded))
    full = collect(hf.stream_chat(CHAT, GenerationOptions(max_tokens=16, temperature=0)))
    stop = full.split()[2]
    cut = list(hf.stream_chat(CHAT, GenerationOptions(max_tokens=16, temperature=0, stop=(stop,))))
    assert "".join(d.text for d in cut) == full[: full.find(stop)]
    assert cut[-1].finish_reason == "stop"


@pytest.mark.slow
def test_abort_stops_generation(hf) -> None:
    abort = threading.Event()
    stream = hf.stream_chat(CHAT, GenerationOptions(max_tokens=200, temperature=0), abort)
    first = next(stream)
    abort.set()
    assert first.finish_reason is None
    assert list(stream) == [TextDelta("", finish_reason="abort")]
    assert not [t for t in threading.enumerate() if t.name == "transformers-generate"]


def test_a_broken_model_folder_is_a_model_error(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(ModelError):
        open_backend("transformers", BackendConfig(model=str(tmp_path), device="cpu"))
