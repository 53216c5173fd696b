"""A status line on stderr while something slow runs: a model loading, a roast being written.

On a terminal it is a spinner with the seconds so far, wiped before any output comes. Anywhere
else (a pipe, a log file, a test) stderr gets nothing, so that an error stays the only line
there (`error: ...`); each finished step and its time go to the logger (`persona -v`).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

_UNICODE_FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
_ASCII_FRAMES = "|/-\\"
_CLEAR = "\r\033[K"


def _is_terminal(stream: TextIO | None) -> bool:
    if stream is None or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (ValueError, OSError):  # closed
        return False


class StatusLine:
    """`message` on `stream` (default stderr) until `stop()`.

    Use it as a context manager: leaving the block stops it, as a failure when it raised.
    `spin=None` spins only when the stream is a terminal (and TERM is not "dumb").
    """

    def __init__(
        self,
        message: str,
        *,
        stream: TextIO | None = None,
        spin: bool | None = None,
        interval: float = 0.1,
    ) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._spin = _is_terminal(self._stream) if spin is None else spin
        self._interval = interval
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._message = message
        self._started = time.monotonic()
        self._thread: threading.Thread | None = None
        encoding = (getattr(self._stream, "encoding", None) or "").lower().replace("-", "")
        self._frames = _UNICODE_FRAMES if encoding == "utf8" else _ASCII_FRAMES
        if self._spin:
            self._thread = threading.Thread(target=self._run, name="status-line", daemon=True)
            self._thread.start()

    def stop(self, *, ok: bool = True) -> None:
        """Wipe the spinner and log the step's time (when `ok`). Safe to call more than once;
        call it before writing to the terminal."""
        with self._lock:
            if self._stopped.is_set():
                return
            self._stopped.set()
            if self._spin:
                self._write(_CLEAR)
            if ok:
                self._finish_step()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def __enter__(self) -> StatusLine:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.stop(ok=exc_type is None)

    def _finish_step(self) -> None:
        log.info("%s: done in %.1f s", self._message, time.monotonic() - self._started)

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # stderr gone: the status line is not worth an error
            pass

    def _run(self) -> None:
        frame = 0
        while not self._stopped.wait(self._interval):
            with self._lock:
                if self._stopped.is_set():
                    return
                seconds = time.monotonic() - self._started
                text = (
                    f"{self._frames[frame % len(self._frames)]} {self._message} ({seconds:.0f} s)"
                )
                width = shutil.get_terminal_size().columns - 1
                self._write(_CLEAR + text[:width])
            frame += 1


def until_first(
    events: Iterable[T],
    message: str,
    *,
    ready: Callable[[T], bool] = lambda _event: True,
    stream: TextIO | None = None,
) -> Iterator[T]:
    """Yield `events` unchanged, with a status line until the first one `ready` accepts (it
    is wiped before that event reaches the caller). Lazy: the line starts with iteration."""
    line = StatusLine(message, stream=stream)
    try:
        for event in events:
            if ready(event):
                line.stop()
            yield event
    except BaseException:
        line.stop(ok=False)
        raise
    line.stop()


def model_label(args: argparse.Namespace) -> str:
    """The model `args` will load, in words: its catalog name, file name or server."""
    if getattr(args, "backend", "llama") == "openai":
        return f"the model at {args.base_url}" if getattr(args, "base_url", None) else "the model"
    if args.model:
        return Path(args.model).name
    from persona.catalog import default_name
    from persona.errors import PersonaError

    try:
        return default_name("llm")
    except PersonaError:
        return "the model"
