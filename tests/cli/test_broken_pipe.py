"""`persona ... | head`: a reader that leaves early ends the command quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run_into_closed_pipe(*args: str, unbuffered: bool) -> subprocess.CompletedProcess:
    """Run `python -m persona ARGS` writing into a pipe nobody reads any more."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "persona", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
            timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize("unbuffered", [False, True])
@pytest.mark.parametrize("command", [("models", "list"), ("personas", "list")])
def test_a_closed_pipe_exits_quietly(command, unbuffered) -> None:
    proc = _run_into_closed_pipe(*command, unbuffered=unbuffered)
    assert proc.stderr == ""
    assert proc.returncode == 141  # 128 + SIGPIPE, as `cat` would report


def test_head_gets_its_line_and_no_traceback() -> None:
    proc = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m persona models list | head -1"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.split() == ["NAME", "KIND", "SIZE", "INSTALLED", "DESCRIPTION"]
