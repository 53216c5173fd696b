"""Helpers for the adapter tests: servers started as a user would start them, and WAVs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "test-token-1234"
# Short, repeatable replies; one roast candidate: the whole folder must stay fast.
SERVER_ARGS = ("--max-tokens", "40", "--temperature", "0.2", "--seed", "7")
SERVER_ENV = {"PERSONA_UI_ROAST_N": "1", "PERSONA_UI_ROAST_MAX_TOKENS": "40"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    proc: subprocess.Popen
    log: Path
    db: Path
    port: int = 0
    url: str = ""

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def running(base: Path, port: int, *args: str, timeout: float = 120.0) -> Iterator[Server]:
    """`python -m persona ARGS` with its own data folder, once it listens on `port`;
    stopped on leaving. Its output goes to a log file, shown when it fails to start."""
    base.mkdir(parents=True, exist_ok=True)
    log, db = base / "server.log", base / "chat.db"
    env = dict(os.environ, PERSONA_HOME=str(base / "home"), **SERVER_ENV)
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "persona", *args, "--db", str(db), *SERVER_ARGS],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(proc, log, db, port)
    try:
        deadline = time.monotonic() + timeout
        while not _accepts(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"`persona {args[0]}` did not start:\n{server.output()}")
            time.sleep(0.2)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def _accepts(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def read_wav(data: bytes | Path) -> tuple[np.ndarray, int, int]:
    """(int16 samples, rate, channels) of a WAV file or its bytes."""
    import io

    source = io.BytesIO(data) if isinstance(data, bytes) else str(data)
    with wave.open(source, "rb") as wav:
        assert wav.getsampwidth() == 2
        frames = wav.readframes(wav.getnframes())
        return np.frombuffer(frames, dtype="<i2"), wav.getframerate(), wav.getnchannels()


def words(text: str) -> set[str]:
    from persona.speech.stt import normalise

    return set(normalise(text).split())
