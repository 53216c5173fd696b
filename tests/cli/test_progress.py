"""The status line: a spinner on a terminal, one plain line elsewhere, nothing on failure."""

from __future__ import annotations

import io
import logging
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from persona.cli.progress import StatusLine, until_first

REPO = Path(__file__).resolve().parents[2]
CLEAR = "\r\033[K"


class Terminal(io.StringIO):
    """A stream that says it is a terminal, with an encoding like a real one."""

    def __init__(self, encoding: str = "utf-8") -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:
        return self._encoding

    def isatty(self) -> bool:
        return True


def test_off_a_terminal_nothing_is_written_and_the_time_is_logged(caplog) -> None:
    stream = io.StringIO()
    with caplog.at_level(logging.INFO, logger="persona.cli.progress"):
        with StatusLine("loading tiny", stream=stream):
            pass
        with pytest.raises(RuntimeError), StatusLine("loading big", stream=stream):
            raise RuntimeError("no model")
    assert stream.getvalue() == ""  # so an error stays the only line on stderr
    assert [r.getMessage().split(": done")[0] for r in caplog.records] == ["loading tiny"]


@pytest.mark.parametrize(("encoding", "frames"), [("utf-8", "⠋⠙⠹"), ("ascii", "|/-")])
def test_on_a_terminal_it_spins_and_wipes_itself(encoding, frames) -> None:
    stream = Terminal(encoding)
    line = StatusLine("loading tiny", stream=stream, interval=0.01)
    time.sleep(0.2)
    line.stop()
    text = stream.getvalue()
    assert f"{CLEAR}{frames[0]} loading tiny (0 s)" in text and frames[1] in text
    assert text.endswith(CLEAR) and "\n" not in text
    time.sleep(0.05)
    assert stream.getvalue() == text  # nothing drawn after stop
    line.stop()  # twice is fine
    assert stream.getvalue() == text


def test_until_first_wipes_the_line_before_the_first_ready_event() -> None:
    stream = Terminal()
    seen = []

    def slow():
        time.sleep(0.1)
        yield "angles"
        yield "roast"
        yield "done"

    for event in until_first(slow(), "writing", ready=lambda e: e == "roast", stream=stream):
        seen.append((event, stream.getvalue().endswith(CLEAR)))
    assert [event for event, _ in seen] == ["angles", "roast", "done"]
    assert seen[1][1] and seen[2][1]  # wiped by the time "roast" reaches the caller

    plain = io.StringIO()
    assert list(until_first(iter("ab"), "thinking", stream=plain)) == ["a", "b"]
    assert plain.getvalue() == ""


def _run_with_terminal_stderr(*args: str, timeout: float = 300) -> tuple[int, str, str]:
    """Run `python -m persona ARGS` with stderr on a pseudo-terminal and stdout on a pipe."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "persona", *args],
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
        cwd=REPO,
        env=env,
    )
    os.close(slave)
    err = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed its end
                break
            if not chunk:
                break
            err += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    out = proc.stdout.read().decode()
    proc.stdout.close()
    return proc.wait(timeout=30), out, err.decode("utf-8", "replace")


def test_roast_spins_on_a_terminal_and_keeps_stdout_clean(persona_home) -> None:
    code, out, err = _run_with_terminal_stderr(
        "roast", "I have four cats and bake sourdough every Sunday", "--n", "1", "--seed", "1"
    )
    assert code == 0, err
    assert "\033" not in out and out.strip()
    assert "Sparky is writing the roast (" in err
    status, _, angles = err.rpartition(CLEAR)
    assert "Sparky is writing the roast" in status and "writing" not in angles
    assert angles.lstrip().startswith("- ")  # the angles come after the wiped line


def test_roast_off_a_terminal_keeps_stderr_plain(cli, persona_home) -> None:
    text = "I have four cats and bake sourdough every Sunday"
    proc = cli("roast", text, "--n", "1")
    assert proc.returncode == 0, proc.stderr
    assert "writing the roast" not in proc.stderr and "\033" not in proc.stderr
    assert proc.stderr.lstrip().startswith("- ")  # only the angles
    verbose = cli("-v", "roast", text, "--n", "1")
    assert "persona.cli.progress: loading smollm2-135m: done in " in verbose.stderr
    assert "persona.cli.progress: Sparky is writing the roast: done in " in verbose.stderr
