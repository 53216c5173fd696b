"""Who may reach the UI: localhost by default, a login for anything else, upload limits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from persona.errors import BadInput
from persona.webui.security import (
    AUTH_ENV,
    CARD_SUFFIXES,
    MAX_UPLOAD_BYTES,
    PROFILE_SUFFIXES,
    bind_policy,
    check_upload,
    parse_auth,
)

ROOT = Path(__file__).resolve().parents[2]


def test_localhost_needs_no_login():
    policy = bind_policy(environ={})
    assert (policy.host, policy.port, policy.auth) == ("127.0.0.1", 7860, None)


def test_network_bind_requires_a_login():
    with pytest.raises(BadInput, match="--auth"):
        bind_policy(host="0.0.0.0", environ={})
    assert bind_policy(host="0.0.0.0", auth="robo:s3cret", environ={}).auth == ("robo", "s3cret")
    assert bind_policy(host="0.0.0.0", environ={AUTH_ENV: "a:b:c"}).auth == ("a", "b:c")
    assert bind_policy(host="0.0.0.0", insecure_no_auth=True, environ={}).auth is None


@pytest.mark.parametrize("text", ["nopassword", ":pw", "user:", ""])
def test_malformed_auth_is_refused(text):
    with pytest.raises(BadInput, match="user:password"):
        parse_auth(text)


def test_bad_port_is_refused():
    with pytest.raises(BadInput, match="port"):
        bind_policy(port=70000, environ={})


def test_uploads_are_checked_by_type_and_size(tmp_path):
    card = tmp_path / "bot.PNG"
    card.write_bytes(b"\x89PNG")
    assert check_upload(card, allowed=CARD_SUFFIXES, what="character card") == card
    exe = tmp_path / "bot.exe"
    exe.write_bytes(b"MZ")
    with pytest.raises(BadInput, match="bot.exe: not a character card"):
        check_upload(exe, allowed=CARD_SUFFIXES, what="character card")
    big = tmp_path / "export.zip"
    with open(big, "wb") as fh:
        fh.truncate(MAX_UPLOAD_BYTES + 1)
    with pytest.raises(BadInput, match="upload limit"):
        check_upload(big, allowed=PROFILE_SUFFIXES, what="profile")
    assert check_upload(tmp_path / "x.tar.gz", allowed=PROFILE_SUFFIXES, what="profile")


@pytest.mark.parametrize(
    "argv",
    [
        [sys.executable, "-m", "persona", "ui", "--host", "0.0.0.0"],
        [sys.executable, str(ROOT / "ui.py"), "--host", "0.0.0.0"],
    ],
)
def test_entry_points_refuse_an_open_network_bind(argv, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "PERSONA_HOME": str(tmp_path), "HOME": str(tmp_path)}
    proc = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().startswith("error: --host 0.0.0.0")
    assert "Traceback" not in proc.stderr


def test_launch_never_shares(monkeypatch):
    """`launch` passes share=False and the policy's login straight to Gradio."""
    from persona.webui import launch as launch_mod

    calls = {}

    class FakeDemo:  # stands in for gr.Blocks: records the launch arguments only
        sessions = type("S", (), {"close_all": lambda self: None})()
        services = type("V", (), {"close": lambda self: None})()

        def queue(self, **kwargs):
            calls["queue"] = kwargs

        def launch(self, **kwargs):
            calls["launch"] = kwargs

    launch_mod.launch(FakeDemo(), host="0.0.0.0", port=8000, auth="me:pw")
    assert calls["launch"]["share"] is False
    assert calls["launch"]["auth"] == ("me", "pw")
    assert calls["launch"]["server_name"] == "0.0.0.0"
    assert calls["launch"]["max_file_size"]
