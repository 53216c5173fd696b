"""A shared llama.cpp `llama-server` for a fleet of robots: found, started on loopback with
parallel slots and continuous batching, checked through `/health`, and stopped.

The binary comes from `scripts/build-llama-server.sh` (built from the llama.cpp sources the
llama-cpp-python sdist vendors, with the wheel's CPU flags), cached under
`~/.cache/robot-persona/llama-server-<key>/bin/`; PERSONA_LLAMA_SERVER names another one.
Every robot then talks to it with `--backend openai --base-url http://HOST:PORT/v1`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from persona.errors import BackendUnavailable, NotFound

log = logging.getLogger(__name__)

BINARY_ENV = "PERSONA_LLAMA_SERVER"
BUILD_HINT = "build it with scripts/build-llama-server.sh (or set PERSONA_LLAMA_SERVER)"


def find_llama_server() -> Path:
    """PERSONA_LLAMA_SERVER, else the newest cached build, else `llama-server` on PATH."""
    named = os.environ.get(BINARY_ENV)
    if named:
        path = Path(named)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise NotFound(f"{BINARY_ENV}={named} is not an executable file")
        return path
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "robot-persona"
    builds = sorted(
        cache.glob("llama-server-*/bin/llama-server"),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    if builds:
        return builds[0]
    on_path = shutil.which("llama-server")
    if on_path:
        return Path(on_path)
    raise NotFound(f"no llama-server found: {BUILD_HINT}")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@dataclass(frozen=True, slots=True, kw_only=True)
class FleetServerConfig:
    """How to start the server. `n_ctx` is per slot (the server gets `n_ctx * parallel`)."""

    model_path: Path
    binary: Path | None = None  # None: `find_llama_server()`
    host: str = "127.0.0.1"
    port: int | None = None  # None: a free port
    parallel: int = 4
    n_ctx: int = 2048
    threads: int | None = None
    start_timeout_s: float = 120.0


def server_args(config: FleetServerConfig, binary: Path, port: int) -> list[str]:
    """The command line: `-np` slots with continuous batching, the metrics endpoint on,
    no web UI. Pure."""
    args = [
        str(binary),
        "--model",
        str(config.model_path),
        "--host",
        config.host,
        "--port",
        str(port),
        "--parallel",
        str(config.parallel),
        "--cont-batching",
        "--ctx-size",
        str(config.n_ctx * config.parallel),
        "--metrics",
        "--no-webui",
    ]
    if config.threads:
        args += ["--threads", str(config.threads)]
    return args


class FleetServer:
    """A running `llama-server`. Use `FleetServer.start(config)` and `stop()` (or `with`)."""

    def __init__(self, process: subprocess.Popen, *, url: str, log_path: Path) -> None:
        self.process = process
        self.url = url  # the server root; the OpenAI API is under /v1
        self.log_path = log_path

    @property
    def base_url(self) -> str:
        return self.url + "/v1"

    @classmethod
    def start(cls, config: FleetServerConfig) -> FleetServer:
        """Start the server and wait until `/health` says the model is loaded."""
        binary = config.binary or find_llama_server()
        port = config.port or free_port(config.host)
        host = f"[{config.host}]" if ":" in config.host else config.host
        log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept for the server's life
            prefix="llama-server-", suffix=".log", delete=False
        )
        process = subprocess.Popen(
            server_args(config, binary, port),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        log_file.close()
        server = cls(process, url=f"http://{host}:{port}", log_path=Path(log_file.name))
        try:
            server.wait_healthy(config.start_timeout_s)
        except BaseException:
            server.stop()
            raise
        return server

    def wait_healthy(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BackendUnavailable(
                    f"llama-server exited with status {self.process.returncode}: {self.log_tail()}"
                )
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise BackendUnavailable(f"llama-server did not get ready in {timeout_s:.0f} s")

    def metrics(self) -> dict[str, float]:
        """The server's Prometheus counters and gauges (`llamacpp:` names, prefix dropped)."""
        response = httpx.get(self.url + "/metrics", timeout=5)
        response.raise_for_status()
        return parse_metrics(response.text)

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return " | ".join(text.strip().splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.log_path.unlink(missing_ok=True)

    def __enter__(self) -> FleetServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


_METRIC = re.compile(r"^llamacpp:(?P<name>\w+)(?:\{[^}]*\})?\s+(?P<value>\S+)$")


def parse_metrics(text: str) -> dict[str, float]:
    """Prometheus text -> {name: value} for llama.cpp's `llamacpp:*` series. Pure."""
    out: dict[str, float] = {}
    for line in text.splitlines():
        match = _METRIC.match(line.strip())
        if match:
            try:
                out[match["name"]] = float(match["value"])
            except ValueError:
                continue
    return out
