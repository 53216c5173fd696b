"""OpenAIBackend against a real llama-cpp-python server on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from persona.errors import BackendUnavailable
from persona.llm import BackendConfig, GenerationOptions, Message, TextDelta, collect, open_backend
from persona.llm.openai_http import OpenAIBackend, chunk_delta, parse_sse_line

CHAT = [
    Message("system", "You are Sparky, a cheeky household robot."),
    Message("user", "Tell me a short story about a toaster."),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_url(default_gguf: Path) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(default_gguf),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "2048",
            "--n_threads",
            "1",
            "--n_threads_batch",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {proc.returncode}")
            try:
                if httpx.get(url + "/models", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("llama_cpp.server did not start within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def remote(server_url: str) -> Iterator[OpenAIBackend]:
    backend = open_backend("openai", BackendConfig(base_url=server_url, retries=0))
    assert isinstance(backend, OpenAIBackend)
    yield backend
    backend.close()


def test_sse_parsing_is_defensive() -> None:
    assert parse_sse_line("") is None
    assert parse_sse_line(": keep-alive") is None
    assert parse_sse_line("event: message") is None
    assert parse_sse_line("data: not json") is None
    assert parse_sse_line("data: [1, 2]") is None
    role_only = parse_sse_line('data: {"choices":[{"delta":{"role":"assistant"}}]}')
    assert isinstance(role_only, dict) and chunk_delta(role_only) == ("", None)
    text = parse_sse_line('data:{"choices":[{"delta":{"content":"Hi"},"finish_reason":null}]}')
    assert isinstance(text, dict) and chunk_delta(text) == ("Hi", None)
    last = parse_sse_line('data: {"choices":[{"delta":{},"finish_reason":"length"}]}')
    assert isinstance(last, dict) and chunk_delta(last) == ("", "length")
    assert chunk_delta({"choices": []}) == ("", None)
    assert chunk_delta({"choices": [{"delta": {"content": None}}]}) == ("", None)
    assert parse_sse_line("data: [DONE]") not in (None, {})


@pytest.mark.slow
def test_streams_a_reply_from_the_server(remote: OpenAIBackend) -> None:
    assert remote.model  # taken from /v1/models
    deltas = list(remote.stream_chat(CHAT, GenerationOptions(max_tokens=24, seed=5)))
    assert all(isinstance(d, TextDelta) for d in deltas)
    assert deltas[-1].finish_reason in ("stop", "length")
    assert [d.finish_reason for d in deltas[:-1]] == [None] * (len(deltas) - 1)
    assert "".join(d.text for d in deltas).strip()


@pytest.mark.slow
def test_options_reach_the_server(remote: OpenAIBackend) -> None:
    seeded = GenerationOptions(max_tokens=20, temperature=0.9, seed=7)
    collect(remote.stream_chat(CHAT, GenerationOptions(max_tokens=1)))  # same cache state below
    first = collect(remote.stream_chat(CHAT, seeded))
    assert collect(remote.stream_chat(CHAT, seeded)) == first
    short = list(remote.stream_chat(CHAT, GenerationOptions(max_tokens=3, temperature=0)))
    assert short[-1].finish_reason == "length"
    assert 1 <= len([d for d in short if d.text]) <= 3
    full = collect(remote.stream_chat(CHAT, GenerationOptions(max_tokens=30, temperature=0)))
    stop = full.split()[3]
    cut = list(
        remote.stream_chat(CHAT, GenerationOptions(max_tokens=30, temperature=0, stop=(stop,)))
    )
    assert "".join(d.text for d in cut) == full[: full.find(stop)]
    assert cut[-1].finish_reason == "stop"


@pytest.mark.slow
def test_abort_closes_the_stream(remote: OpenAIBackend) -> None:
    abort = threading.Event()
    stream = remote.stream_chat(CHAT, GenerationOptions(max_tokens=200, temperature=0), abort)
    first = [next(stream), next(stream)]
    abort.set()
    assert all(d.finish_reason is None for d in first)
    assert list(stream) == [TextDelta("", finish_reason="abort")]
    # The server is free again straight away.
    assert collect(remote.stream_chat(CHAT, GenerationOptions(max_tokens=4)))


def test_abort_before_start_sends_nothing() -> None:
    backend = OpenAIBackend(
        httpx.Client(),
        base_url=f"http://127.0.0.1:{_free_port()}/v1",  # nothing listens: a request would fail
        model="m",
        context_length=2048,
        retries=0,
    )
    abort = threading.Event()
    abort.set()
    assert list(backend.stream_chat(CHAT, GenerationOptions(), abort)) == [
        TextDelta("", finish_reason="abort")
    ]
    backend.close()


@pytest.mark.slow
def test_count_tokens_uses_the_server_tokenizer(remote: OpenAIBackend, default_gguf: Path) -> None:
    from persona.llm.llama import LlamaBackend

    local = LlamaBackend.load(BackendConfig(model=str(default_gguf), threads=1))
    try:
        text = "Hello there, robot friend. How are the toasters today?"
        assert remote.count_tokens(text) == local.count_tokens(text)
    finally:
        local.close()


@pytest.mark.slow
def test_abort_while_waiting_for_the_first_token(remote: OpenAIBackend) -> None:
    abort = threading.Event()
    long_chat = [Message("user", "Count the words: " + "robot " * 600)]
    stream = remote.stream_chat(long_chat, GenerationOptions(max_tokens=50), abort)
    timer = threading.Timer(0.2, abort.set)  # fires while the server reads the prompt
    # Runs last of the server tests: the server finishes reading that prompt regardless.
    timer.start()
    try:
        deltas = list(stream)
    finally:
        timer.cancel()
    assert deltas[-1] == TextDelta("", finish_reason="abort")


def test_unreachable_server_is_a_clear_error() -> None:
    url = f"http://127.0.0.1:{_free_port()}/v1"
    with pytest.raises(BackendUnavailable) as info:
        open_backend("openai", BackendConfig(base_url=url, retries=1))
    assert str(info.value) == f"cannot reach the LLM server at {url}: start it or fix --base-url"


class _Failing(BaseHTTPRequestHandler):
    """Answers every request with 503, counting them."""

    hits = 0

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        type(self).hits += 1
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"error": {"message": "loading model"}}')

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


def test_5xx_is_retried_with_backoff_then_reported() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        with pytest.raises(BackendUnavailable) as info:
            open_backend("openai", BackendConfig(base_url=url, retries=2))
        assert _Failing.hits == 3
        assert str(info.value).startswith(f"the LLM server at {url} answered HTTP 503")
        assert "loading model" in str(info.value)
    finally:
        server.shutdown()
        server.server_close()


class _NotOpenAI(BaseHTTPRequestHandler):
    """A web server that is not an LLM server."""

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html>hello</html>")

    def log_message(self, *args: object) -> None:
        pass


def test_a_server_that_is_not_openai_compatible_is_named() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotOpenAI)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(BackendUnavailable, match="not an OpenAI-compatible server"):
            open_backend("openai", BackendConfig(base_url=url, retries=0))
    finally:
        server.shutdown()
        server.server_close()


def test_server_gone_after_load_is_a_clear_error() -> None:
    backend = OpenAIBackend(
        httpx.Client(),
        base_url=f"http://127.0.0.1:{_free_port()}/v1",
        model="m",
        context_length=2048,
        retries=0,
    )
    with pytest.raises(BackendUnavailable, match="cannot reach the LLM server"):
        list(backend.stream_chat(CHAT, GenerationOptions()))
    assert backend.count_tokens("abcdefgh") == 2  # no tokenizer endpoint: about 4 chars a token
    backend.close()
