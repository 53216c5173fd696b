"""The CPU's cores, shared by one process's models.

On a 2-core board every model of a voice turn wants the same cores at once: Smart Turn and
Piper run while the LLM writes. llama.cpp's threads spin-wait for each other, so an LLM that
keeps both cores while another model runs slows that model 2-3x (Smart Turn: 111 ms alone,
287 ms beside a 2-thread LLM) and itself as well. So speech work claims the cores it uses
while it runs (`claim`), and the LLM, which can change its thread count between tokens,
takes what is left (`llm_threads`), waiting while nothing is. Claims never wait: the person
is listening for speech, and the LLM's next sentence is not due until this one is played.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator
from functools import lru_cache

log = logging.getLogger(__name__)


def available_cores() -> int:
    """Cores this process may run on (its affinity, where the OS says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@lru_cache(maxsize=1)
def single_threaded_blas() -> None:
    """numpy's BLAS on one thread, for the whole process. Its worker threads spin for a while
    after every call, so the small matrix products of audio features (Whisper's, Smart
    Turn's) held both cores from the model that ran next: Smart Turn 183 ms after its
    features against 130 alone, Whisper 407 against 354 (2 cores). Those products are too
    small to gain from threads. Called by the speech model loaders; once is enough."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # a dependency; without it, only slower
        log.debug("threadpoolctl is missing: numpy's BLAS keeps its threads")
        return
    threadpool_limits(limits=1, user_api="blas")


def speech_threads() -> int:
    """Threads for a voice that speaks while the LLM steps aside: every core, up to 4."""
    return min(4, available_cores())


class CoreShare:
    """Cores claimed by speech work now, and what that leaves the LLM."""

    def __init__(self, cores: int | None = None, *, max_wait_s: float = 2.0) -> None:
        self.cores = max(1, cores or available_cores())
        # A claim is held for one model call; one that lasts longer than this (a server
        # saying a whole text at once) no longer holds the LLM back: it goes on with a thread.
        self.max_wait_s = max_wait_s
        self._claimed = 0
        self._releases = 0  # claims ended so far
        self._gave_up: int | None = None  # `_releases` when the LLM last stopped waiting
        self._cond = threading.Condition()

    @property
    def claimed(self) -> int:
        return self._claimed

    @contextlib.contextmanager
    def claim(self, threads: int) -> Iterator[None]:
        """Hold `threads` cores (at most all) while the block runs."""
        n = max(0, min(int(threads), self.cores))
        with self._cond:
            self._claimed += n
        try:
            yield
        finally:
            with self._cond:
                self._claimed -= n
                self._releases += 1
                self._cond.notify_all()

    def llm_threads(
        self, wanted: int, abort: threading.Event | None = None, *, wait: bool = True
    ) -> int:
        """Threads the LLM may use for its next evaluation: `wanted`, or fewer while speech
        work holds cores. While it holds them all: waits (returns 1 at once on `abort`, and
        after `max_wait_s`, then without waiting again until a claim ends), or with
        `wait=False` returns 0."""
        wanted = max(1, wanted)
        with self._cond:
            if self._claimed < self.cores:
                return min(wanted, self.cores - self._claimed)
            if not wait:
                return 0
            if self._gave_up == self._releases:
                return 1  # still the claims it waited out before
            deadline = time.monotonic() + self.max_wait_s
            while self._claimed >= self.cores:
                left = deadline - time.monotonic()
                if abort is not None and abort.is_set():
                    return 1
                if left <= 0:
                    log.debug("cores held for %.1f s; the LLM goes on", self.max_wait_s)
                    self._gave_up = self._releases
                    return 1
                self._cond.wait(min(left, 0.05))
            return min(wanted, self.cores - self._claimed)


# One per process: the cores are the machine's, whoever loaded the models.
CORES = CoreShare()
