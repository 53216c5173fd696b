"""N robots at once: the in-process model (one reply at a time) vs a shared llama-server.

Each simulated robot holds its own multi-turn conversation through `Conversation` (persona,
memory, guards: what a real robot runs), all robots at once on threads. The in-process
llama backend serves them one reply at a time; the shared llama.cpp `llama-server`
(`scripts/build-llama-server.sh`) serves them in parallel slots with continuous batching,
through the openai backend. For each N: time to first token p50/p95 as the robots see it
(waiting for the model included) and aggregate reply tokens/s, plus the server's own
counters. Progress goes to stderr; `run` returns the figures as a dict.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from typing import Any

from persona.llm.base import BackendConfig, GenerationOptions, LLMBackend

QUESTIONS = (
    ("Hi! What are you up to today?", "Tell me something funny about toasters.", "Bye now!"),
    ("What's your favourite colour?", "Why that one?", "What else do you like?"),
    ("My name is Sam. Nice to meet you.", "What's my name?", "Tell me a joke."),
    ("How do robots sleep?", "Do you dream?", "Good night, robot."),
)
BACKENDS = ("llama", "server")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--robots", default="1,4,8,16", help="comma-separated robot counts (default 1,4,8,16)"
    )
    parser.add_argument("--turns", type=int, default=3, help="turns per robot conversation")
    parser.add_argument("--max-tokens", type=int, default=48, help="tokens per reply at most")
    parser.add_argument("--parallel", type=int, default=4, help="llama-server slots (-np)")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads, both sides")
    parser.add_argument("--n-ctx", type=int, default=2048, help="context per conversation")
    parser.add_argument("--model", default=None, help="catalog LLM name (default model)")
    parser.add_argument("--persona", default="sparky")
    parser.add_argument(
        "--backends", default="llama,server", help="which sides to run: llama, server or both"
    )
    parser.add_argument(
        "--server-url",
        default=None,
        help="use this running OpenAI-compatible server instead of starting llama-server",
    )


def _progress(message: str) -> None:
    print(f"[bench fleet] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation; None for no values. Pure."""
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def parse_robots(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        counts = []
    if not counts or any(n < 1 or n > 256 for n in counts):
        from persona.errors import BadInput

        raise BadInput(f"--robots {text!r}: give counts from 1 to 256, e.g. 1,4,8,16")
    return counts


def _robot(
    index: int,
    *,
    backend: LLMBackend,
    persona: Any,
    turns: int,
    options: GenerationOptions,
    start: threading.Barrier,
    out: list[dict[str, Any]],
) -> None:
    from persona.chat import ChatStore, Conversation, ReplyDone

    store = ChatStore.open(":memory:")
    try:
        conv = Conversation.open(
            persona=persona,
            backend=backend,
            store=store,
            user=f"robot-{index}",
            options=options,
            user_id_is_name=False,
        )
        questions = QUESTIONS[index % len(QUESTIONS)]
        start.wait()
        for turn in range(turns):
            asked = time.perf_counter()
            done = None
            for event in conv.send(questions[turn % len(questions)]):
                if isinstance(event, ReplyDone):
                    done = event
            if done is not None:
                out.append(
                    {
                        "robot": index,
                        "turn": turn,
                        "ttft_ms": done.ttft_ms,
                        "total_ms": (time.perf_counter() - asked) * 1000,
                        "text": done.text,
                    }
                )
    except Exception as exc:  # one robot failing is a result, not the end of the bench
        out.append({"robot": index, "error": f"{type(exc).__name__}: {exc}"})
    finally:
        store.close()


def fleet_round(
    backend: LLMBackend,
    *,
    persona: Any,
    robots: int,
    turns: int,
    options: GenerationOptions,
    count_tokens: Any,
) -> dict[str, Any]:
    """`robots` conversations at once on `backend`; their TTFT and aggregate tokens/s."""
    results: list[dict[str, Any]] = []
    barrier = threading.Barrier(robots + 1)
    threads = [
        threading.Thread(
            target=_robot,
            args=(i,),
            kwargs={
                "backend": backend,
                "persona": persona,
                "turns": turns,
                "options": options,
                "start": barrier,
                "out": results,
            },
            daemon=True,
        )
        for i in range(robots)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    replies = [r for r in results if "error" not in r]
    errors = [r["error"] for r in results if "error" in r]
    ttfts = [r["ttft_ms"] for r in replies if r["ttft_ms"] is not None]
    tokens = sum(count_tokens(r["text"]) for r in replies)
    return {
        "robots": robots,
        "replies": len(replies),
        "errors": errors[:3],
        "wall_s": round(wall, 2),
        "ttft_ms_p50": _round(percentile(ttfts, 50)),
        "ttft_ms_p95": _round(percentile(ttfts, 95)),
        "reply_ms_p50": _round(percentile([r["total_ms"] for r in replies], 50)),
        "reply_tokens": tokens,
        "tokens_per_s": round(tokens / wall, 1) if wall > 0 else None,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _server_delta(before: dict[str, float], after: dict[str, float]) -> dict[str, Any]:
    """What the server counted during one round."""

    def delta(name: str) -> float:
        return after.get(name, 0.0) - before.get(name, 0.0)

    predicted_s = delta("tokens_predicted_seconds_total")
    prompt_s = delta("prompt_seconds_total")
    return {
        "prompt_tokens": int(delta("prompt_tokens_total")),
        "prompt_tokens_cached": int(delta("prompt_tokens_cached_total")),
        "predicted_tokens": int(delta("tokens_predicted_total")),
        "decode_calls": int(delta("n_decode_total")),
        "prompt_tokens_per_s": round(delta("prompt_tokens_total") / prompt_s, 1)
        if prompt_s > 0
        else None,
        # Per slot: each slot's tokens over its own busy time (the server's own average).
        "predicted_tokens_per_s_per_slot": round(delta("tokens_predicted_total") / predicted_s, 1)
        if predicted_s > 0
        else None,
        "busy_slots_per_decode": after.get("n_busy_slots_per_decode"),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    from persona.adapters.fleet_server import FleetServer, FleetServerConfig
    from persona.errors import BadInput
    from persona.llm import open_backend
    from persona.llm.llama import default_threads, resolve_model_path
    from persona.personas import load_persona

    counts = parse_robots(args.robots)
    sides = [s.strip() for s in args.backends.split(",") if s.strip()]
    if not sides or any(s not in BACKENDS for s in sides):
        raise BadInput(f"--backends {args.backends!r}: use llama, server or llama,server")
    threads = args.threads or default_threads()
    persona = load_persona(args.persona)
    options = GenerationOptions(max_tokens=args.max_tokens, temperature=0.7, seed=1234)
    model_path = resolve_model_path(args.model)
    config = BackendConfig(model=args.model, n_ctx=args.n_ctx, threads=threads)
    _progress(f"loading {model_path.name} in this process ({threads} threads)")
    local = open_backend("llama", config)
    result: dict[str, Any] = {
        "model": model_path.name,
        "persona": persona.id,
        "turns": args.turns,
        "max_tokens": args.max_tokens,
        "threads": threads,
        "parallel_slots": args.parallel,
        "rounds": [],
    }
    server: FleetServer | None = None
    try:
        if "llama" in sides:
            for n in counts:
                _progress(f"in-process llama: {n} robot(s) x {args.turns} turns")
                row = fleet_round(
                    local,
                    persona=persona,
                    robots=n,
                    turns=args.turns,
                    options=options,
                    count_tokens=local.count_tokens,
                )
                result["rounds"].append({"backend": "llama", **row})
                _progress(f"  ttft p50 {row['ttft_ms_p50']} ms, {row['tokens_per_s']} tok/s")
        if "server" in sides:
            url = args.server_url
            if url is None:
                _progress(f"starting llama-server (-np {args.parallel}, continuous batching)")
                server = FleetServer.start(
                    FleetServerConfig(
                        model_path=model_path,
                        parallel=args.parallel,
                        n_ctx=args.n_ctx,
                        threads=threads,
                    )
                )
                url = server.base_url
            result["server_url"] = url if args.server_url else "loopback llama-server"
            remote = open_backend("openai", BackendConfig(base_url=url, n_ctx=args.n_ctx))
            try:
                for n in counts:
                    _progress(f"shared llama-server: {n} robot(s) x {args.turns} turns")
                    before = server.metrics() if server else {}
                    row = fleet_round(
                        remote,
                        persona=persona,
                        robots=n,
                        turns=args.turns,
                        options=options,
                        count_tokens=local.count_tokens,  # the same tokenizer on both sides
                    )
                    if server is not None:
                        row["server"] = _server_delta(before, server.metrics())
                    result["rounds"].append({"backend": "server", **row})
                    _progress(f"  ttft p50 {row['ttft_ms_p50']} ms, {row['tokens_per_s']} tok/s")
            finally:
                remote.close()
    finally:
        if server is not None:
            server.stop()
        local.close()
    result["table"] = markdown_table(result["rounds"])
    return result


def markdown_table(rounds: list[dict[str, Any]]) -> str:
    """The rounds as the README's Markdown table. Pure."""
    lines = [
        "| robots | backend | TTFT p50 (ms) | TTFT p95 (ms) | tokens/s (all robots) |",
        "|---:|---|---:|---:|---:|",
    ]
    names = {"llama": "in-process llama", "server": "shared llama-server"}
    for row in sorted(rounds, key=lambda r: (r["robots"], r["backend"])):
        lines.append(
            f"| {row['robots']} | {names.get(row['backend'], row['backend'])} | "
            f"{_cell(row['ttft_ms_p50'])} | {_cell(row['ttft_ms_p95'])} | "
            f"{_cell(row['tokens_per_s'])} |"
        )
    return "\n".join(lines)


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"
