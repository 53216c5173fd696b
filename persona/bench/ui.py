"""UI under load: concurrent browser sessions through gradio_client (errors, leaks, TTFT).

Each session tells the robot a made-up name and secret word, then chats; a leak is any
session's replies or chat state containing another session's secret. TTFT is measured at
the client: from submitting a message to the first streamed reply text.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from persona.paths import REPO_ROOT

FOLLOW_UPS = (
    "What do you like doing?",
    "Tell me a short joke.",
    "What did I say my name was?",
    "Say goodbye in one sentence.",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sessions", type=int, default=8, help="concurrent sessions")
    parser.add_argument("--messages", type=int, default=5, help="messages per session")
    parser.add_argument("--max-tokens", type=int, default=40, help="reply length (server)")
    parser.add_argument("--url", default=None, help="use a running UI instead of starting one")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(max_tokens: int, workdir: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = dict(
        os.environ,
        PERSONA_HOME=str(workdir / "home"),
        PERSONA_UI_MAX_TOKENS=str(max_tokens),
        PERSONA_UI_UPLOADS=str(workdir / "uploads"),
        GRADIO_TEMP_DIR=str(workdir / "gradio"),
        GRADIO_ANALYTICS_ENABLED="False",
    )
    log = workdir / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, str(REPO_ROOT / "ui.py"), "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"the UI server exited with {proc.returncode}:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("the UI server did not start")


def _text(message: dict) -> str:
    content = message.get("content")
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content or "")


def _session(url: str, secret: str, n_messages: int, result: dict) -> None:
    from gradio_client import Client

    seen: list[str] = []
    ttfts: list[float] = []
    errors: list[str] = []
    try:
        client = Client(url, verbose=False)
        messages = [f"Hi! My name is {secret} and my secret word is {secret}.", *FOLLOW_UPS][
            :n_messages
        ]
        messages += [FOLLOW_UPS[i % len(FOLLOW_UPS)] for i in range(n_messages - len(messages))]
        for text in messages:
            start = time.perf_counter()
            job = client.submit(text, api_name="/chat")
            first = None
            for output in job:
                seen.append(json.dumps(output))
                if (
                    first is None
                    and output
                    and output[-1].get("role") == "assistant"
                    and _text(output[-1]).strip()
                ):
                    first = (time.perf_counter() - start) * 1000
            final = job.outputs()[-1] if job.outputs() else None
            if not final or final[-1].get("role") != "assistant" or not _text(final[-1]):
                errors.append(f"no reply to {text!r}")
            elif first is not None:
                ttfts.append(first)
    except Exception as exc:  # noqa: BLE001 - a benchmark counts failures, it doesn't stop
        errors.append(f"{exc.__class__.__name__}: {exc}")
    result.update(seen=seen, ttfts=ttfts, errors=errors)


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def run(args: argparse.Namespace) -> dict:
    proc = None
    tmp = tempfile.TemporaryDirectory(prefix="persona-bench-ui-")
    url = args.url
    if url is None:
        proc, url = _start_server(args.max_tokens, Path(tmp.name))
    try:
        secrets_by_session = ["Zq" + secrets.token_hex(3) + "ander" for _ in range(args.sessions)]
        results = [dict() for _ in secrets_by_session]
        start = time.perf_counter()
        threads = [
            threading.Thread(target=_session, args=(url, s, args.messages, r))
            for s, r in zip(secrets_by_session, results, strict=True)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=15)
        tmp.cleanup()
    leaks = 0
    for i, result in enumerate(results):
        blob = "\n".join(result.get("seen", []))
        leaks += sum(1 for j, s in enumerate(secrets_by_session) if j != i and s in blob)
    ttfts = [t for r in results for t in r.get("ttfts", [])]
    errors = [e for r in results for e in r.get("errors", [])]
    return {
        "sessions": args.sessions,
        "messages_per_session": args.messages,
        "replies": len(ttfts),
        "errors": len(errors),
        "error_samples": errors[:3],
        "leaks": leaks,
        "ttft_ms_p50": _percentile(ttfts, 0.5),
        "ttft_ms_p95": _percentile(ttfts, 0.95),
        "ttft_ms_mean": round(statistics.fmean(ttfts), 1) if ttfts else None,
        "wall_s": round(wall, 1),
        "max_tokens": args.max_tokens,
    }
