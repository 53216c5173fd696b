"""The public Python API: a few names, importable cheaply from `persona`."""

from __future__ import annotations

import subprocess
import sys

import persona


def test_every_exported_name_resolves() -> None:
    for name in persona.__all__:
        assert getattr(persona, name) is not None, name
    assert persona.__version__ and persona.__version__ != "0.0.0"


def test_import_persona_loads_no_model_library() -> None:
    heavy = "('llama_cpp', 'faster_whisper', 'piper', 'gradio')"
    code = f"import persona, sys; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_unknown_name_is_an_attribute_error() -> None:
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        persona.nope  # noqa: B018
