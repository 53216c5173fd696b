"""The LLM steps aside for speech work (`persona.cores`): pure rules, then the real model."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from persona.cores import CoreShare
from persona.llm import BackendConfig, GenerationOptions, Message
from persona.llm.llama import LlamaBackend

JOKE = [
    Message("system", "You are Sparky, a cheeky household robot."),
    Message("user", "Tell me a short story about a toaster."),
]


def _hold(share: CoreShare, cores: int, seconds: float) -> threading.Event:
    """Speech work holding `cores` for `seconds`, from now; the event is set as it ends."""
    holding, released = threading.Event(), threading.Event()

    def speak() -> None:
        with share.claim(cores):
            holding.set()
            time.sleep(seconds)
            released.set()

    threading.Thread(target=speak).start()
    holding.wait(5)
    return released


def test_claims_leave_the_llm_what_is_free() -> None:
    share = CoreShare(4)
    assert share.llm_threads(2) == 2
    with share.claim(3):
        assert share.llm_threads(2) == 1
        with share.claim(1):
            assert share.claimed == 4
    assert share.claimed == 0
    assert share.llm_threads(8) == 4  # never more than the machine has
    with share.claim(99):  # a claim is at most every core
        assert share.claimed == 4
    with pytest.raises(RuntimeError), share.claim(2):
        raise RuntimeError("a model call failed")
    assert share.claimed == 0  # its cores came back


def test_llm_waits_while_every_core_is_claimed_and_goes_on_at_release() -> None:
    share = CoreShare(2)
    released = _hold(share, 2, 0.2)
    assert share.llm_threads(2) == 2
    assert released.is_set()  # it returned only once the claim had ended


def test_an_abort_or_a_long_claim_never_stalls_the_llm() -> None:
    share = CoreShare(2, max_wait_s=0.1)
    abort = threading.Event()
    abort.set()
    with share.claim(2):
        started = time.monotonic()
        assert share.llm_threads(2, abort) == 1  # at once: the reply is being dropped
        assert share.llm_threads(2) == 1  # goes on after the bound...
        assert 0.1 <= time.monotonic() - started < 1
        started = time.monotonic()
        assert share.llm_threads(2) == 1  # ...and waits no more for the same claim
        assert time.monotonic() - started < 0.05
        assert share.llm_threads(2, wait=False) == 0  # a background read skips instead
    with share.claim(2):
        started = time.monotonic()
        share.llm_threads(2)  # a new claim is waited for again
        assert time.monotonic() - started >= 0.1


@pytest.mark.slow
def test_the_model_reads_and_writes_only_when_speech_leaves_it_cores(default_gguf: Path) -> None:
    """While speech holds every core nothing is evaluated (not the prompt, not a token); while
    it holds one, the reply's first sentence runs on the core left, not on two."""
    import llama_cpp

    share = CoreShare(2)
    backend = LlamaBackend.load(BackendConfig(model=str(default_gguf), threads=1, burst_threads=2))
    backend._cores = share
    options = GenerationOptions(max_tokens=12, seed=5)
    try:
        evaluated: list[bool] = []  # whether the claim had ended, at each evaluation
        llm = backend._llm
        eval_ = llm.eval
        llm.eval = lambda tokens: (evaluated.append(released.is_set()), eval_(tokens))[1]
        released = _hold(share, 2, 0.5)
        list(backend.stream_chat(JOKE, options))
        llm.eval = eval_
        assert evaluated and all(evaluated)  # not the prompt, not a token, before it ended

        ctx = backend._llm._ctx.ctx
        with share.claim(1):
            threads = {llama_cpp.llama_n_threads(ctx) for _ in backend.stream_chat(JOKE, options)}
        assert threads == {1}
    finally:
        backend.close()
