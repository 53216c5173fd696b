"""`persona chat` and `persona forget` as a user runs them, including bad input."""

from __future__ import annotations

import json
import sqlite3

import pytest


def assert_user_error(proc, *words):
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    for word in words:
        assert word.lower() in lines[0].lower()


def test_once_json_and_forget(cli, tmp_path):
    db = tmp_path / "chat.db"
    proc = cli(
        "chat",
        "--once",
        "Hi, my name is Ada!",
        "--json",
        "--seed",
        "3",
        "--user",
        "ada",
        "--db",
        str(db),
        "--max-tokens",
        "40",
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["persona"] == "sparky" and out["reply"] and out["turn_id"]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT value FROM memory WHERE user='ada' AND kind='name'").fetchone() == (
        "Ada",
    )
    conn.close()

    forget = cli("forget", "ada", "--db", str(db))
    assert forget.returncode == 0 and "forgot ada" in forget.stdout
    conn = sqlite3.connect(db)
    for table in ("memory", "conversations"):
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE user='ada'").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM turns").fetchone() == (0,)


def test_interactive_chat_streams_and_quits(cli, tmp_path):
    proc = cli(
        "chat",
        "--persona",
        "percival",
        "--db",
        str(tmp_path / "c.db"),
        "--seed",
        "1",
        "--max-tokens",
        "30",
        input="Good morning!\n/quit\n",
    )
    assert proc.returncode == 0, proc.stderr
    assert "chatting with" in proc.stdout
    assert proc.stdout.count(":") >= 2  # the greeting and one reply, each after the name


@pytest.mark.parametrize(
    "args, words",
    [
        (["--persona", "no-such-robot"], ["persona"]),
        (["--model", "no-such-model"], ["model"]),
        (["--model", "/nonexistent/model.gguf"], ["/nonexistent/model.gguf"]),
        (["--backend", "openai", "--base-url", "http://127.0.0.1:9/v1"], ["127.0.0.1:9"]),
        (["--backend", "openai", "--base-url", "notaurl"], ["base-url"]),
        (["--n-ctx", "-5"], ["--n-ctx"]),
        (["--max-tokens", "0"], ["--max-tokens"]),
        (["--threads", "-3"], ["--threads"]),
        (["--temperature", "-1"], ["--temperature"]),
        (["--n-ctx", "1048576"], ["--n-ctx", "131072"]),
        (["--backend", "openai", "--base-url", "http://[::1"], ["--base-url", "http://[::1"]),
    ],
)
def test_bad_options_give_one_line(cli, tmp_path, args, words):
    db = tmp_path / "c.db"
    proc = cli("chat", "--once", "hello", "--db", str(db), *args)
    assert_user_error(proc, *words)
    if db.exists():
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT count(*) FROM turns").fetchone() == (0,)


def test_corrupt_and_truncated_gguf(cli, tmp_path, llama_backend):
    real = llama_backend.model_path.read_bytes()
    truncated = tmp_path / "truncated.gguf"
    truncated.write_bytes(real[: len(real) // 3])
    garbage = tmp_path / "garbage.gguf"
    garbage.write_bytes(b"GGUF" + b"\x00\xff" * 5000)
    for path in (truncated, garbage):
        proc = cli("chat", "--once", "hello", "--model", str(path), "--db", str(tmp_path / "c.db"))
        assert_user_error(proc)


@pytest.mark.parametrize("message", ["", "   ", "x" * 1_000_000])
def test_empty_and_huge_messages(cli, tmp_path, message):
    db = tmp_path / "c.db"
    proc = cli("chat", "--once", "-", "--db", str(db), input=message)
    assert_user_error(proc)
    if db.exists():
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT count(*) FROM turns").fetchone() == (0,)


def test_interactive_huge_line_keeps_the_chat_going(cli, tmp_path):
    proc = cli(
        "chat",
        "--db",
        str(tmp_path / "c.db"),
        "--max-tokens",
        "20",
        input="y" * 1_000_000 + "\nHello!\n/quit\n",
    )
    assert proc.returncode == 0
    assert "too long" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout.count("Sparky:") >= 2  # greeting, then the reply to "Hello!"


def test_roast_mode_in_chat_asks_consent_and_stops(cli, tmp_path):
    db = tmp_path / "c.db"
    proc = cli(
        "chat",
        "--db",
        str(db),
        "--seed",
        "2",
        "--threads",
        "1",
        "--roast",
        "I'm a dentist who runs marathons and owns four cats.",
        input="yes\nthat hurt\n/quit\n",
    )
    assert proc.returncode == 0, proc.stderr
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT user_text, finish_reason FROM turns WHERE user_text IS NOT NULL"
    ).fetchall()
    assert [r[1] for r in rows] == ["roast:roast", "roast:apology"]
    roast_line = conn.execute(
        "SELECT reply_text FROM turns WHERE finish_reason='roast:roast'"
    ).fetchone()[0]
    assert any(w in roast_line.lower() for w in ("dentist", "marathon", "cat")), roast_line
    assert "roast" in proc.stdout.lower()  # the consent question


def test_unreadable_file_is_one_line_not_a_traceback(monkeypatch, capsys):
    """Any OSError a command lets through (permissions, a folder for a file) is a user
    error: one line, exit 2."""
    from persona.cli import chat_cmd, main

    def unreadable(args):
        raise PermissionError(13, "Permission denied", "/home/ada/profile.zip")

    monkeypatch.setattr(chat_cmd, "run", unreadable)
    assert main(["chat", "--once", "hi"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "/home/ada/profile.zip: Permission denied" in err


def _run_bytes(*args: bytes | str, stdin: bytes = b"", timeout: float = 300):
    """`python -m persona ARGS` with raw bytes on the command line and standard input."""
    import subprocess
    import sys
    from pathlib import Path

    return subprocess.run(
        [sys.executable, "-m", "persona", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_a_line_of_bad_utf8_is_skipped_and_the_chat_goes_on(tmp_path):
    proc = _run_bytes(
        "chat",
        "--db",
        str(tmp_path / "c.db"),
        "--max-tokens",
        "20",
        stdin=b"caf\xe9 \xff\xfe?\nHello!\n/quit\n",
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, err
    assert "not valid UTF-8" in err and "Traceback" not in err
    assert proc.stdout.decode().count("Sparky:") >= 2  # the greeting, then the reply to Hello


@pytest.mark.parametrize(
    "args, stdin",
    [
        (["--once", "-"], b"hi \xff there"),
        (["--once", b"hi \xff there"], b""),
        (["--once", "hi", "--user", b"ad\xe9"], b""),
    ],
)
def test_bad_utf8_for_once_is_one_line(tmp_path, args, stdin):
    db = tmp_path / "c.db"
    proc = _run_bytes("chat", "--db", str(db), *args, stdin=stdin, timeout=120)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "not valid UTF-8" in lines[0], err
