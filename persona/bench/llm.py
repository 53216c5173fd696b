"""Streaming vs raw llama-cpp-python tokens/s, and time to first token on turn 10 vs turn 1.

Is our streaming path as fast as the raw library, and does the KV cache keep later turns
as quick to start as the first?

Both sides run in the same process on the same loaded model, alternating order, and the
medians are compared. Progress goes to stderr; `run` returns the figures as a dict.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from persona.llm.base import BackendConfig, GenerationOptions, Message
from persona.llm.llama import LlamaBackend, default_threads

SYSTEM = "You are Sparky, a cheeky household companion robot. Answer in a few sentences."
PROMPT = "Tell me a long story about a robot who learns to bake bread."
TURNS = (
    "Hi there! What are you up to today?",
    "Tell me something funny about toasters.",
    "What is your favourite household appliance?",
    "Can you tell me a short story about a vacuum cleaner?",
    "What do you think about cats?",
    "How would you cheer me up on a rainy day?",
    "What's the best thing about being a robot?",
    "Give me a tip for keeping the kitchen tidy.",
    "What would you do on a day off?",
    "Say goodnight in your own style.",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=None, help="catalog name or GGUF path (default model)")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads (cores - 1)")
    parser.add_argument("--n-ctx", type=int, default=2048, help="context length")
    parser.add_argument("--max-tokens", type=int, default=96, help="tokens per timed reply")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each side (medians)")
    parser.add_argument("--turns", type=int, default=10, help="conversation turns for TTFT")
    parser.add_argument("--persona", default="sparky", help="persona for the conversation run")


def _progress(message: str) -> None:
    print(f"[bench llm] {message}", file=sys.stderr, flush=True)


def _timed(chunks: Any, text_of: Any) -> tuple[str, float, float, float]:
    """Drain a stream -> (text, start, first text time, end time)."""
    start = time.perf_counter()
    first = None
    parts = []
    for chunk in chunks:
        text = text_of(chunk)
        if text:
            if first is None:
                first = time.perf_counter()
            parts.append(text)
    end = time.perf_counter()
    return "".join(parts), start, first if first is not None else end, end


def _raw_run(backend: LlamaBackend, messages: list[Message], max_tokens: int, seed: int) -> Any:
    llm = backend._llm
    llm.reset()
    stream = llm.create_chat_completion(
        messages=[m.to_dict() for m in messages],
        stream=True,
        max_tokens=max_tokens,
        temperature=0.0,
        top_p=0.95,
        seed=seed,
        repeat_penalty=GenerationOptions().repeat_penalty,
    )
    return _timed(stream, lambda c: (c["choices"][0].get("delta") or {}).get("content") or "")


def _stream_run(backend: LlamaBackend, messages: list[Message], max_tokens: int, seed: int) -> Any:
    backend.drop_cache()
    options = GenerationOptions(max_tokens=max_tokens, temperature=0.0, top_p=0.95, seed=seed)
    return _timed(backend.stream_chat(messages, options), lambda d: d.text)


def _tok_s(backend: LlamaBackend, result: tuple[str, float, float, float]) -> float:
    """Decode speed: tokens after the first one over the time after the first one."""
    text, _start, first, end = result
    n = backend.count_tokens(text)
    return (n - 1) / (end - first) if n > 1 and end > first else 0.0


def _stream_vs_raw(backend: LlamaBackend, args: argparse.Namespace) -> dict[str, Any]:
    messages = [Message("system", SYSTEM), Message("user", PROMPT)]
    raw_rates: list[float] = []
    stream_rates: list[float] = []
    texts: set[tuple[str, str]] = set()
    for i in range(args.repeats):
        order = ("raw", "stream") if i % 2 == 0 else ("stream", "raw")
        got: dict[str, Any] = {}
        for side in order:
            run = _raw_run if side == "raw" else _stream_run
            got[side] = run(backend, messages, args.max_tokens, 1234)
        raw_rates.append(_tok_s(backend, got["raw"]))
        stream_rates.append(_tok_s(backend, got["stream"]))
        texts.add((got["raw"][0], got["stream"][0]))
        _progress(
            f"run {i + 1}/{args.repeats}: raw {raw_rates[-1]:.1f} tok/s,"
            f" stream {stream_rates[-1]:.1f} tok/s"
        )
    raw, stream = statistics.median(raw_rates), statistics.median(stream_rates)
    return {
        "tok_s_raw": round(raw, 2),
        "tok_s_stream": round(stream, 2),
        "stream_vs_raw_tok_s_ratio": round(stream / raw, 3) if raw else None,
        "same_text": all(a == b for a, b in texts),
        "tokens_per_reply": backend.count_tokens(next(iter(texts))[0]),
    }


def _conversation_ttfts(
    backend: LlamaBackend, args: argparse.Namespace, *, prefix_cache: bool = True
) -> tuple[list[float], str]:
    """Time to first visible text for each turn, through the Conversation engine when it
    is available, else through the backend with a growing history.

    `prefix_cache=True` starts as a new process does: nothing in the context, the persona's
    prompt prefix saved on disk (evaluated once beforehand if it was not). False starts
    cold, as before the prefix cache existed."""
    options = GenerationOptions(max_tokens=args.max_tokens, temperature=0.0, seed=1234)
    turns = [TURNS[i % len(TURNS)] for i in range(args.turns)]
    backend.drop_cache(pinned=not prefix_cache)  # turn 1 starts with an empty context
    try:
        from persona.chat import ChatStore, Conversation, ReplyDelta
        from persona.personas import load_persona
    except ImportError:
        return _history_ttfts(backend, turns, options), "llm-history"
    ttfts: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = ChatStore.open(Path(tmp) / "bench.sqlite3")
        try:
            conv = Conversation.open(
                persona=load_persona(args.persona), backend=backend, store=store, options=options
            )
            if prefix_cache and conv.warm():
                backend.drop_cache(pinned=False)  # the prefix is on disk; the context is empty
            for text in turns:
                start = time.perf_counter()
                first = None
                for event in conv.send(text):
                    if first is None and isinstance(event, ReplyDelta) and event.text:
                        first = time.perf_counter()
                ttfts.append(((first or time.perf_counter()) - start) * 1000)
        finally:
            store.close()
    return ttfts, "conversation"


def _history_ttfts(
    backend: LlamaBackend, turns: list[str], options: GenerationOptions
) -> list[float]:
    history = [Message("system", SYSTEM)]
    ttfts = []
    for text in turns:
        history.append(Message("user", text))
        reply, start, first, _end = _timed(backend.stream_chat(history, options), lambda d: d.text)
        ttfts.append((first - start) * 1000)
        history.append(Message("assistant", reply))
    return ttfts


def run(args: argparse.Namespace) -> dict[str, Any]:
    config = BackendConfig(model=args.model, n_ctx=args.n_ctx, threads=args.threads)
    _progress("loading the model")
    backend = LlamaBackend.load(config)
    try:
        _progress("warm-up")
        _stream_run(backend, [Message("user", "Hello!")], 8, 1)
        _progress(f"stream vs raw: {args.repeats} runs of {args.max_tokens} tokens each side")
        result: dict[str, Any] = {"model": backend.model_path.name}
        result.update(_stream_vs_raw(backend, args))
        runs, cold = [], []
        for i in range(args.repeats):
            _progress(f"conversation TTFT run {i + 1}/{args.repeats}: {args.turns} turns")
            ttfts, path = _conversation_ttfts(backend, args)
            runs.append(ttfts)
            cold.append(_conversation_ttfts(backend, args, prefix_cache=False)[0][0])
        first = statistics.median(r[0] for r in runs)
        last = statistics.median(r[-1] for r in runs)
        result.update(
            ttft_path=path,
            ttft_ms_turn1_cold=round(statistics.median(cold), 1),
            ttft_ms_turn1=round(first, 1),
            ttft_ms_turn10=round(last, 1),
            ttft_turn10_over_turn1=round(last / first, 3) if first else None,
            ttft_ms_by_turn=[round(statistics.median(t), 1) for t in zip(*runs, strict=True)],
            threads=config.threads or default_threads(),
            n_ctx=config.n_ctx,
            max_tokens=args.max_tokens,
            repeats=args.repeats,
        )
        return result
    finally:
        backend.close()
