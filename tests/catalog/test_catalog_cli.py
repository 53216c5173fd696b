"""`persona models ...` run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from persona import catalog

REPO = Path(__file__).resolve().parents[2]


def _persona(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "persona", "models", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=full_env,
        timeout=60,
    )


def test_list_json_reports_installed_defaults():
    result = _persona("list", "--json")
    assert result.returncode == 0, result.stderr
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    for kind in ("llm", "stt", "tts"):
        row = rows[catalog.default_name(kind)]
        assert row["kind"] == kind and row["installed"] and row["default"]
        assert row["path"] == str(catalog.resolve(None, kind))
        assert row["size_bytes"] > 0
    assert rows["whisper-small.en"]["kind"] == "stt"


def test_path_prints_the_resolved_file():
    result = _persona("path", "smollm2-135m")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(catalog.resolve("smollm2-135m", "llm"))
    assert Path(result.stdout.strip()).is_file()


def test_unknown_name_is_a_one_line_error_with_exit_code_2():
    for action in ("path", "pull"):
        result = _persona(action, "smollm-135")
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr
        assert lines[0].startswith("error: unknown model 'smollm-135'")
        assert "smollm2-135m" in lines[0]


def test_pull_offline_is_a_one_line_error(tmp_path):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        "PERSONA_HF_ENDPOINT": f"http://127.0.0.1:{port}",
        "PERSONA_MODELS_DIR": str(tmp_path),
    }
    result = _persona("pull", "piper-lessac-low", env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("error: cannot reach 127.0.0.1")
