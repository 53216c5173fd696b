"""Saved KV caches let one model serve several conversations without re-reading each."""

from __future__ import annotations

from persona.llm import GenerationOptions, Message, collect
from persona.llm.kv_snapshots import SnapshotCache, common_prefix
from persona.llm.llama import LlamaBackend


def test_common_prefix():
    assert common_prefix([1, 2, 3], [1, 2, 4, 5]) == 2
    assert common_prefix([1, 2], [1, 2, 3]) == 2
    assert common_prefix([], [1]) == 0
    assert common_prefix([9], [1]) == 0


def test_cache_finds_longest_prefix_supersedes_and_evicts():
    cache = SnapshotCache(capacity_bytes=10)
    cache.put([1, 2, 3], b"aaa")
    cache.put([7, 8], b"bb")
    snap, shared = cache.best([1, 2, 3, 4])
    assert snap.tokens == (1, 2, 3) and shared == 3
    cache.put([1, 2, 3, 4, 5], b"cccc")  # the same conversation, later: replaces its prefix
    assert len(cache) == 2 and cache.size_bytes == 6
    cache.put([5, 5, 5], b"dddddd")  # over budget: the least recently used goes
    assert cache.size_bytes <= 10
    assert cache.best([7, 8]) is None
    assert cache.best([0]) is None


def _evaluated(llama: LlamaBackend, messages, opts) -> tuple[int, str]:
    evals: list[int] = []
    real_eval = llama._llm.eval
    llama._llm.eval = lambda tokens: (evals.append(len(tokens)), real_eval(tokens))[1]
    try:
        text = collect(llama.stream_chat(messages, opts))
    finally:
        del llama._llm.eval
    return sum(evals), text


def test_switching_conversations_reuses_each_ones_cache(default_gguf):
    from persona.llm import BackendConfig, open_backend

    llama = open_backend("llama", BackendConfig(model=str(default_gguf), threads=1))
    try:
        opts = GenerationOptions(max_tokens=16, temperature=0.0, seed=3)
        sys_a = Message("system", "You are Sparky, a cheeky household robot who loves toast. " * 6)
        sys_b = Message("system", "You are Percival, a fussy droid fond of etiquette. " * 6)
        a1 = [sys_a, Message("user", "What is your favourite food?")]
        reply_a = collect(llama.stream_chat(a1, opts))
        collect(llama.stream_chat([sys_b, Message("user", "Good evening.")], opts))  # another user

        a2 = [*a1, Message("assistant", reply_a), Message("user", "And your favourite colour?")]
        new_tokens = len(llama.prompt_tokens(a2)) - len(llama.prompt_tokens(a1))
        evaluated, text = _evaluated(llama, a2, opts)
        # Only A's new tokens (and the generated ones, evaluated one by one) are read.
        assert evaluated <= new_tokens + 2 + opts.max_tokens
        assert evaluated < len(llama.prompt_tokens(a2)) // 2

        # The restored cache gives exactly the reply a cold cache gives.
        llama._llm.reset()
        llama._snapshots = None
        assert collect(llama.stream_chat(a2, opts)) == text
    finally:
        llama.close()
