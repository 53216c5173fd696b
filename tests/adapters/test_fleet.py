"""Fleet mode: many robots on one shared LLM server. Tested against a real continuous-batching
server, llama.cpp's own `llama-server` (built by scripts/build-llama-server.sh from the
llama.cpp the llama-cpp-python sdist vendors), started here on loopback with 4 slots."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from persona.adapters.fleet_server import (
    FleetServer,
    FleetServerConfig,
    parse_metrics,
    server_args,
)
from persona.bench.fleet import markdown_table, parse_robots, percentile
from persona.errors import BadInput

REPO = Path(__file__).resolve().parents[2]
SLOTS = 4


# -- pure parts ---------------------------------------------------------------------------


def test_server_args_ask_for_parallel_slots_and_continuous_batching():
    config = FleetServerConfig(model_path=Path("/m.gguf"), parallel=4, n_ctx=2048, threads=2)
    args = server_args(config, Path("/bin/llama-server"), 8080)
    assert args[0] == "/bin/llama-server"
    assert args[args.index("--parallel") + 1] == "4"
    assert "--cont-batching" in args
    assert args[args.index("--ctx-size") + 1] == str(4 * 2048)  # 2048 per slot
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert args[args.index("--threads") + 1] == "2"


def test_parse_metrics_reads_llama_cpp_series():
    text = (
        "# HELP llamacpp:tokens_predicted_total Number of generation tokens processed\n"
        "# TYPE llamacpp:tokens_predicted_total counter\n"
        "llamacpp:tokens_predicted_total 120\n"
        "llamacpp:n_busy_slots_per_decode 2.5\n"
        "other_metric 3\n"
    )
    assert parse_metrics(text) == {"tokens_predicted_total": 120.0, "n_busy_slots_per_decode": 2.5}


def test_bench_helpers():
    assert percentile([], 50) is None
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([5.0], 95) == 5.0
    assert parse_robots("1, 4,8") == [1, 4, 8]
    with pytest.raises(BadInput):
        parse_robots("0,4")
    table = markdown_table(
        [
            {"robots": 4, "backend": "server", "ttft_ms_p50": 10, "ttft_ms_p95": 20.4,
             "tokens_per_s": 99.6},
            {"robots": 4, "backend": "llama", "ttft_ms_p50": 30, "ttft_ms_p95": None,
             "tokens_per_s": 50},
        ]
    )  # fmt: skip
    rows = table.splitlines()
    assert rows[2] == "| 4 | in-process llama | 30 | – | 50 |"
    assert rows[3] == "| 4 | shared llama-server | 10 | 20 | 100 |"


# -- against llama-server -----------------------------------------------------------------


@pytest.fixture(scope="module")
def llama_server_binary() -> Path:
    """The cached build (built now, once, when missing: about 10 minutes on 2 cores)."""
    done = subprocess.run(
        ["bash", str(REPO / "scripts" / "build-llama-server.sh")],
        capture_output=True,
        text=True,
        timeout=3600,
        cwd=REPO,
    )
    if done.returncode != 0:
        pytest.fail(f"scripts/build-llama-server.sh failed: {done.stderr[-2000:]}")
    return Path(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def llama_server(llama_server_binary):
    """llama-server on a free loopback port: the smallest model, 4 slots, continuous batching."""
    from persona.llm.llama import default_threads, resolve_model_path

    config = FleetServerConfig(
        model_path=resolve_model_path(None),  # PERSONA_LLM=smollm2-135m (tests/conftest.py)
        binary=llama_server_binary,
        parallel=SLOTS,
        n_ctx=2048,
        threads=default_threads(),  # llama.cpp threads on a busy core spin many times slower
    )
    with FleetServer.start(config) as server:
        yield server


@pytest.fixture
def remote(llama_server):
    from persona.llm import BackendConfig, open_backend

    backend = open_backend("openai", BackendConfig(base_url=llama_server.base_url, n_ctx=2048))
    yield backend
    backend.close()


@pytest.mark.slow
def test_llama_server_help_names_the_flags_we_pass(llama_server_binary):
    out = subprocess.run(
        [str(llama_server_binary), "--help"], capture_output=True, text=True, timeout=60
    ).stdout
    for flag in ("--parallel", "--cont-batching", "--ctx-size", "--metrics", "--no-webui"):
        assert flag in out, flag


@pytest.mark.slow
def test_openai_backend_streams_from_llama_server(remote):
    from persona.llm import GenerationOptions, Message

    assert remote.model  # the server's model id, from /v1/models
    deltas = list(
        remote.stream_chat(
            [Message("user", "Say hello in five words.")],
            GenerationOptions(max_tokens=24, temperature=0.0, seed=1),
        )
    )
    text = "".join(d.text for d in deltas)
    assert text.strip()
    assert len([d for d in deltas if d.text]) > 1  # streamed, not one block
    assert deltas[-1].finish_reason in ("stop", "length")
    assert remote.count_tokens("hello world") < 6  # the server's own tokenizer
    assert remote._tokenize_path == "/tokenize"


@pytest.mark.slow
def test_a_conversation_streams_in_persona_through_the_server(remote):
    from persona.chat import ChatStore, Conversation, ReplyDelta, ReplyDone
    from persona.llm import GenerationOptions
    from persona.personas import load_persona

    store = ChatStore.open(":memory:")
    try:
        conv = Conversation.open(
            persona=load_persona("sparky"),
            backend=remote,
            store=store,
            user="Ada",
            options=GenerationOptions(max_tokens=48, seed=3),
        )
        first = list(conv.send("Hi! My name is Ada. Who are you?"))
        second = list(conv.send("What is my name?"))
    finally:
        store.close()
    for events in (first, second):
        assert isinstance(events[-1], ReplyDone)
        assert any(isinstance(e, ReplyDelta) and e.text for e in events[:-1])
        done = events[-1]
        assert done.text.strip() and done.finish_reason in ("stop", "length")
        assert done.ttft_ms is not None
        assert "".join(e.text for e in events[:-1]).startswith(done.text[:10])
    assert "ada" in second[-1].text.lower()  # memory: the recall guard makes it say the name


@pytest.mark.slow
def test_four_conversations_at_once_all_get_answers_in_parallel_slots(llama_server, remote):
    from persona.chat import ChatStore, Conversation, ReplyDone
    from persona.llm import GenerationOptions
    from persona.personas import load_persona

    persona = load_persona("sparky")
    store = ChatStore.open(":memory:")
    answers: dict[int, str] = {}
    errors: list[BaseException] = []
    busy: list[float] = []
    running = threading.Event()
    running.set()

    def robot(i: int) -> None:
        try:
            conv = Conversation.open(
                persona=persona,
                backend=remote,
                store=store,
                user=f"robot-{i}",
                options=GenerationOptions(max_tokens=64, seed=10 + i),
            )
            for event in conv.send(f"Tell me a short story about robot number {i + 1}."):
                if isinstance(event, ReplyDone):
                    answers[i] = event.text
        except BaseException as exc:
            errors.append(exc)

    def watch() -> None:
        while running.is_set():
            busy.append(llama_server.metrics().get("requests_processing", 0.0))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    robots = [threading.Thread(target=robot, args=(i,)) for i in range(SLOTS)]
    try:
        for thread in robots:
            thread.start()
        for thread in robots:
            thread.join(timeout=300)
    finally:
        running.clear()
        watcher.join(timeout=5)
        store.close()
    assert not errors, errors
    assert sorted(answers) == list(range(SLOTS))
    assert all(text.strip() for text in answers.values())
    assert max(busy) >= 2  # the server decoded several conversations at once


@pytest.mark.slow
def test_bench_fleet_json(llama_server_binary, tmp_path):
    """`persona bench fleet --json` end to end, shrunk: 2 robots, one turn, both sides."""
    import os

    env = {**os.environ, "PERSONA_LLAMA_SERVER": str(llama_server_binary)}
    env["PERSONA_HOME"] = str(tmp_path)
    args = ["bench", "fleet", "--json", "--robots", "2", "--turns", "1", "--max-tokens", "24"]
    done = subprocess.run(
        [sys.executable, "-m", "persona", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    rounds = {r["backend"]: r for r in result["rounds"]}
    assert set(rounds) == {"llama", "server"}
    for row in rounds.values():
        assert row["robots"] == 2 and row["replies"] == 2 and not row["errors"]
        assert row["ttft_ms_p50"] > 0 and row["ttft_ms_p95"] >= row["ttft_ms_p50"]
        assert row["tokens_per_s"] > 0
    assert rounds["server"]["server"]["predicted_tokens"] > 0
    assert "| 2 | shared llama-server |" in result["table"]
    assert "[bench fleet]" in done.stderr  # progress on stderr, JSON alone on stdout


@pytest.mark.slow
def test_a_xiaozhi_robot_talks_through_the_shared_server(llama_server, tmp_path):
    """An adapter in fleet mode: `persona xiaozhi --backend openai --base-url URL`."""
    from websockets.sync.client import connect

    from persona.adapters.conversations import ConversationPool
    from persona.adapters.xiaozhi import XiaozhiConfig, XiaozhiServer
    from persona.llm import GenerationOptions
    from persona.personas import load_persona
    from persona.webui.services import Services, UiConfig

    config = UiConfig(
        backend="openai",
        base_url=llama_server.base_url,
        db_path=":memory:",
        upload_root=str(tmp_path / "uploads"),
    )
    services = Services.open(config)
    pool = ConversationPool(services, options=GenerationOptions(max_tokens=32, seed=5))
    server = XiaozhiServer(
        pool, persona=load_persona("sparky"), config=XiaozhiConfig(port=0, lead_s=0)
    ).start()
    hello = {"type": "hello", "transport": "websocket", "audio_params": {"format": "opus"}}
    got: list = []
    try:
        with connect(f"ws://127.0.0.1:{server.port}/", open_timeout=10) as ws:
            ws.send(json.dumps(hello))
            assert json.loads(ws.recv(timeout=10))["type"] == "hello"
            ws.send(json.dumps({"type": "listen", "state": "detect", "text": "How are you?"}))
            while True:
                message = ws.recv(timeout=120)
                got.append(message if isinstance(message, bytes) else json.loads(message))
                if isinstance(got[-1], dict) and got[-1].get("state") == "stop":
                    break
    finally:
        server.stop()
        pool.close()
        services.close()
    assert any(isinstance(m, dict) and m.get("state") == "sentence_start" for m in got)
    assert any(isinstance(m, bytes) for m in got)
