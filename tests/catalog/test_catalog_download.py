"""Hugging Face-style downloads against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import http.server
import os
import socket
import threading

import pytest

from persona import catalog
from persona.catalog.download import download_file, hf_url
from persona.errors import ModelError, Offline

BLOB = os.urandom(400_000)
CONFIG = b'{"audio": {"sample_rate": 16000}}'


class _Server(http.server.ThreadingHTTPServer):
    files: dict[str, bytes]
    requests: list[tuple[str, str | None]]  # (path, Range header)
    honour_range = True


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        server: _Server = self.server  # type: ignore[assignment]
        rng = self.headers.get("Range")
        server.requests.append((self.path, rng))
        data = server.files.get(self.path)
        if data is None:
            self.send_error(404)
            return
        start = 0
        if rng and server.honour_range:
            start = int(rng.removeprefix("bytes=").split("-")[0])
            if start >= len(data):
                self.send_error(416)
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.files, srv.requests = {}, []
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _url(server, path):
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def test_download_resumes_from_part_file_and_verifies(server, tmp_path):
    server.files["/blob.bin"] = BLOB
    target = tmp_path / "blob.bin"
    (tmp_path / "blob.bin.part").write_bytes(BLOB[:150_000])
    download_file(
        _url(server, "/blob.bin"),
        target,
        name="blob",
        sha256=hashlib.sha256(BLOB).hexdigest(),
        size_bytes=len(BLOB),
    )
    assert server.requests == [("/blob.bin", "bytes=150000-")]
    assert target.read_bytes() == BLOB
    assert os.listdir(tmp_path) == ["blob.bin"]


def test_server_ignoring_range_restarts_cleanly(server, tmp_path):
    server.files["/blob.bin"] = BLOB
    server.honour_range = False
    (tmp_path / "blob.bin.part").write_bytes(b"stale bytes")
    download_file(
        _url(server, "/blob.bin"),
        tmp_path / "blob.bin",
        name="blob",
        sha256=hashlib.sha256(BLOB).hexdigest(),
    )
    assert (tmp_path / "blob.bin").read_bytes() == BLOB


def test_sha_mismatch_leaves_no_file(server, tmp_path):
    server.files["/blob.bin"] = BLOB
    with pytest.raises(ModelError, match="sha256 mismatch"):
        download_file(
            _url(server, "/blob.bin"), tmp_path / "blob.bin", name="blob", sha256="0" * 64
        )
    assert os.listdir(tmp_path) == []


def test_unreachable_host_is_offline(tmp_path):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(Offline) as info:
        download_file(f"http://127.0.0.1:{port}/x.gguf", tmp_path / "x.gguf", name="x")
    assert "\n" not in str(info.value) and "cannot reach 127.0.0.1" in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert not (tmp_path / "x.gguf").exists()


def test_pull_from_hf_endpoint_downloads_all_files(server, use_catalog, monkeypatch):
    monkeypatch.setenv("PERSONA_HF_ENDPOINT", _url(server, ""))
    base = "/someone/voices/resolve/main/en/test"
    server.files[f"{base}/voice.onnx"] = BLOB
    server.files[f"{base}/voice.onnx.json"] = CONFIG
    store = use_catalog(
        f"""
[models.test-voice]
kind = "tts"
format = "piper-onnx"
files = ["voice.onnx", "voice.onnx.json"]
size_bytes = {len(BLOB)}
sha256 = "{hashlib.sha256(BLOB).hexdigest()}"
sources = [{{ type = "hf", repo = "someone/voices", dir = "en/test" }}]
"""
    )
    assert hf_url("someone/voices", "voice.onnx", folder="en/test") == _url(
        server, f"{base}/voice.onnx"
    )
    path = catalog.pull("test-voice", progress=False)
    assert path == store / "test-voice" / "voice.onnx" == catalog.resolve("test-voice", "tts")
    assert path.read_bytes() == BLOB
    assert path.with_name("voice.onnx.json").read_bytes() == CONFIG


def test_pull_offline_raises_offline(use_catalog, monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("PERSONA_HF_ENDPOINT", f"http://127.0.0.1:{port}")
    use_catalog(
        """
[models.test-offline]
kind = "llm"
format = "gguf"
files = ["m.gguf"]
sources = [{ type = "hf", repo = "someone/m" }]
"""
    )
    with pytest.raises(Offline, match="cannot reach"):
        catalog.pull("test-offline", progress=False)
