"""Fixtures for the adapter tests: `persona serve` and `persona wyoming` started as a user
would, on free loopback ports, and recordings made with espeak-ng (not the robot's voice)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .servers import TOKEN, free_port, running


@pytest.fixture(scope="session")
def serve_server(tmp_path_factory):
    """`persona serve --token TOKEN` on a free port; yields the Server (API at `.url`)."""
    port = free_port()
    with running(
        tmp_path_factory.mktemp("serve"), port, "serve", "--port", str(port), "--token", TOKEN
    ) as server:
        server.url = f"http://127.0.0.1:{port}/v1"
        yield server


@pytest.fixture(scope="session")
def wyoming_server(tmp_path_factory):
    """`persona wyoming --uri tcp://127.0.0.1:PORT` (persona sparky); yields the Server."""
    port = free_port()
    uri = f"tcp://127.0.0.1:{port}"
    with running(tmp_path_factory.mktemp("wyoming"), port, "wyoming", "--uri", uri) as server:
        yield server


@pytest.fixture(scope="session")
def espeak_wav(tmp_path_factory):
    """A WAV of `text` spoken by espeak-ng (22.05 kHz mono): another voice than the robot's."""
    exe = shutil.which("espeak-ng")
    if exe is None:
        pytest.fail("espeak-ng is not installed: apt-get install -y espeak-ng")
    folder = tmp_path_factory.mktemp("espeak")

    def speak(text: str) -> Path:
        path = folder / f"{abs(hash(text))}.wav"
        subprocess.run([exe, "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)
        return path

    return speak
