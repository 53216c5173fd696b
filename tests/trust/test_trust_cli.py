"""Command-line guards that protect the user's files and machine (no model is loaded)."""

from __future__ import annotations

import argparse
import math
import struct
import wave
from pathlib import Path

import numpy as np
import pytest

from persona.cli import common, main
from persona.errors import BadInput


def _tone(path: Path) -> bytes:
    t = np.arange(16000) / 16000
    samples = (0.3 * np.sin(2 * math.pi * 440 * t) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(samples.tobytes())
    return path.read_bytes()


@pytest.mark.parametrize("spelling", ["same", "dot-slash", "symlink"])
def test_voice_refuses_to_write_the_reply_over_the_recording(
    tmp_path, monkeypatch, capsys, spelling
):
    monkeypatch.chdir(tmp_path)
    before = _tone(tmp_path / "me.wav")
    out = {"same": "me.wav", "dot-slash": "./me.wav", "symlink": "link.wav"}[spelling]
    if spelling == "symlink":
        (tmp_path / "link.wav").symlink_to(tmp_path / "me.wav")
    assert main(["voice", "--in", "me.wav", "--out", out, "--db", str(tmp_path / "c.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "same file as --in" in err
    assert (tmp_path / "me.wav").read_bytes() == before  # the recording is untouched


def _args(**changes) -> argparse.Namespace:
    base = dict(
        model=None,
        n_ctx=2048,
        threads=None,
        max_tokens=160,
        temperature=0.7,
        backend="llama",
        base_url=None,
    )
    return argparse.Namespace(**{**base, **changes})


def test_n_ctx_is_capped():
    common.check_model_options(_args(n_ctx=131072))
    with pytest.raises(BadInput, match="--n-ctx 1048576 is out of range"):
        common.check_model_options(_args(n_ctx=1 << 20))


def test_n_ctx_that_does_not_fit_in_memory_is_refused(monkeypatch):
    """SmolLM2-135M keeps 23,040 bytes of KV cache per token: 65,536 tokens need 1.5 GB."""
    monkeypatch.setattr(common, "machine_memory_bytes", lambda: 1 << 30)
    common.check_model_options(_args(n_ctx=4096))
    with pytest.raises(BadInput, match=r"--n-ctx 65536 needs about 1\.6 GB .* has 1\.1 GB"):
        common.check_model_options(_args(n_ctx=65536))
    common.check_model_options(_args(n_ctx=65536, backend="openai"))  # memory of the server


def _gguf(path: Path, meta: dict[str, int | str]) -> Path:
    """A GGUF header with just these metadata keys (u32 numbers, strings)."""

    def text(s: str) -> bytes:
        return struct.pack("<Q", len(s)) + s.encode()

    body = b""
    for key, value in meta.items():
        if isinstance(value, str):
            body += text(key) + struct.pack("<I", 8) + text(value)
        else:
            body += text(key) + struct.pack("<II", 4, value)
    tokens = text("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 2) + text("a") + text("b")
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, len(meta) + 1) + body + tokens)
    return path


def test_kv_cache_size_comes_from_the_gguf_header(tmp_path):
    path = _gguf(
        tmp_path / "tiny.gguf",
        {
            "general.architecture": "llama",
            "llama.block_count": 30,
            "llama.context_length": 8192,
            "llama.embedding_length": 576,
            "llama.attention.head_count": 9,
            "llama.attention.head_count_kv": 3,
        },
    )
    assert common.gguf_context_shape(path) == (23040, 8192)
    (tmp_path / "junk.gguf").write_bytes(b"GGUF" + b"\xff" * 40)
    assert common.gguf_context_shape(tmp_path / "junk.gguf") is None


def test_resume_shows_where_the_chat_left_off(cli, tmp_path) -> None:
    db = str(tmp_path / "chat.db")
    first = cli(
        "chat", "--db", db, "--user", "ada", "--max-tokens", "16", input="Hi there!\n/quit\n"
    )
    assert first.returncode == 0, first.stderr
    again = cli(
        "chat", "--db", db, "--user", "ada", "--resume", "--max-tokens", "8", input="/quit\n"
    )
    assert again.returncode == 0, again.stderr
    assert "(continuing: the last" in again.stdout and "you: Hi there!" in again.stdout
