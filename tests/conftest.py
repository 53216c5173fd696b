"""Fixtures shared by every test folder: the real default model, loaded once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# The suite runs on the smallest catalog model, whatever the model ladder would pick for
# this machine: fast enough for the time budget, and the same model on every machine.
# Tests of the ladder itself set their own PERSONA_LLM.
os.environ.setdefault("PERSONA_LLM", "smollm2-135m")


@pytest.fixture(scope="session")
def llama_backend():
    """The embedded smallest LLM (SmolLM2-135M) through the llama.cpp backend."""
    from persona.llm import BackendConfig, open_backend

    backend = open_backend("llama", BackendConfig(n_ctx=2048))
    yield backend
    backend.close()


@pytest.fixture
def persona_home(tmp_path, monkeypatch):
    """An isolated user data folder, so tests never touch the real database."""
    home = tmp_path / "home"
    monkeypatch.setenv("PERSONA_HOME", str(home))
    return home


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300, input: str | None = None
):
    """Run `python -m persona ARGS` as a user would; returns the CompletedProcess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "persona", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        cwd=REPO,
        input=input,
    )


@pytest.fixture
def cli():
    return run_cli
