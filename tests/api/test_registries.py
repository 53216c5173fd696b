"""Swappable parts are chosen by registry (catalog format for speech, name for LLMs), with
no silent substitution: a mismatch is an error that names what is known."""

from __future__ import annotations

import pytest

from persona.errors import ModelError, NotFound
from persona.llm import BACKENDS, REGISTRY, open_backend
from persona.speech import stt, tts


def test_every_registered_engine_imports() -> None:
    import importlib

    for table in (REGISTRY, tts.ENGINES, stt.ENGINES):
        for target in table.values():
            module, _, cls = target.partition(":")
            assert hasattr(getattr(importlib.import_module(module), cls), "load"), target
    assert BACKENDS == tuple(REGISTRY)


def test_voice_engine_follows_the_catalog_format() -> None:
    assert tts.voice_format("beeps") == "beeps"
    assert tts.voice_format("piper-joe-medium") == "piper-onnx"
    assert tts.voice_format(None) == "piper-onnx"
    assert type(tts.open_tts(tts.TtsConfig(voice="beeps"))).__name__ == "BeepsTts"
    with pytest.raises(NotFound, match="not a voice"):
        tts.open_tts(tts.TtsConfig(voice="whisper-tiny.en"))


def test_an_unregistered_format_is_named(monkeypatch) -> None:
    monkeypatch.setattr(tts, "voice_format", lambda voice: "kokoro-onnx")
    with pytest.raises(ModelError, match="no speech engine for voice format 'kokoro-onnx'"):
        tts.open_tts(tts.TtsConfig(voice="x"))


def test_stt_model_kind_is_checked() -> None:
    with pytest.raises(NotFound, match="not speech recognition"):
        stt.open_stt(stt.SttConfig(model="piper-joe-medium"))


def test_unknown_backend_lists_the_known_ones() -> None:
    with pytest.raises(NotFound, match="llama, openai, transformers"):
        open_backend("vllm")
