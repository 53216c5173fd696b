"""`persona roast` / `persona profile show` argument handling, errors and the GitHub fetch."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from pathlib import Path

import pytest

from persona.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"


def _unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_profile_show_json(capsys) -> None:
    assert main(["profile", "show", str(EXAMPLES / "github.zip"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["handle"] == "mbrill-dev" and len(data["repos"]) == 11
    assert any(a["kind"] == "version_names" for a in data["angles"])


def test_profile_show_text(capsys) -> None:
    assert main(["profile", "show", str(EXAMPLES / "cards" / "ravi.md")]) == 0
    out = capsys.readouterr().out
    assert "Ravi Okonkwo-Hale" in out and "angles:" in out and "mechanical keyboards" in out


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (
            lambda d: (d / "corrupt.zip").write_bytes(b"PK\x03\x04garbage") and d / "corrupt.zip",
            "corrupt.zip",
        ),
        (lambda d: d / "missing.zip", "missing.zip"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, capsys, make, needle: str) -> None:
    path = make(tmp_path)
    assert main(["roast", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and needle in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_malformed_tweets_js_via_cli(tmp_path: Path, capsys) -> None:
    import shutil

    dst = tmp_path / "x"
    shutil.copytree(EXAMPLES / "x_archive", dst)
    (dst / "data" / "tweets.js").write_text("window.YTD.tweets.part0 = [{]")
    assert main(["profile", "show", str(dst)]) == 2
    err = capsys.readouterr().err
    assert "tweets.js" in err and "Traceback" not in err


def test_github_offline_is_a_clear_error(monkeypatch, capsys) -> None:
    monkeypatch.setenv("PERSONA_GITHUB_API", f"http://127.0.0.1:{_unused_port()}")
    assert main(["roast", "--github", "octocat"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "offline" in err and err.count("\n") == 1


def test_github_live_fetch_against_local_server(monkeypatch, capsys) -> None:
    files = {
        "/users/mbrill-dev": (EXAMPLES / "github" / "user.json").read_bytes(),
        "/users/mbrill-dev/repos": (EXAMPLES / "github" / "repos.json").read_bytes(),
        "/repos/mbrill-dev/mbrill-dev/readme": (EXAMPLES / "github" / "README.md").read_bytes(),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            body = files.get(self.path.split("?")[0])
            self.send_response(200 if body else 404)
            self.end_headers()
            self.wfile.write(body or b"{}")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("PERSONA_GITHUB_API", f"http://127.0.0.1:{server.server_port}")
        assert main(["profile", "show", "--github", "mbrill-dev", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (
            data["source"] == "github" and len(data["repos"]) == 11 and "Haskell" in data["readme"]
        )
        assert main(["profile", "show", "--github", "nobody-here"]) == 2
        assert "not found" in capsys.readouterr().err
    finally:
        server.shutdown()
        server.server_close()


def test_roast_needs_a_source(capsys) -> None:
    assert main(["roast"]) == 2
    assert "give a profile path" in capsys.readouterr().err


def test_bench_covers_every_importer_format_and_the_attack_suite() -> None:
    from persona.bench.roast import _sources
    from persona.roast.importers import load_profile

    sources = _sources(EXAMPLES, True)
    kinds = {load_profile(path).source for path, _ in sources}
    assert kinds == {"x", "github", "mastodon", "bluesky", "card", "text"}
    assert sum(1 for _, triggers in sources if triggers) == 5
