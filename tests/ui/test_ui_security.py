"""Who may reach the UI: localhost by default, a login for anything else, upload limits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from persona.errors import BadInput
from persona.webui.launch import login_checker
from persona.webui.security import (
    AUTH_ENV,
    CARD_SUFFIXES,
    MAX_UPLOAD_BYTES,
    PROFILE_SUFFIXES,
    LoginGuard,
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
    assert bind_policy(host="0.0.0.0", auth="robo:s3cret-pw", environ={}).auth == (
        "robo",
        "s3cret-pw",
    )
    assert bind_policy(host="0.0.0.0", environ={AUTH_ENV: "a:b:c-long"}).auth == ("a", "b:c-long")
    assert bind_policy(host="0.0.0.0", insecure_no_auth=True, environ={}).auth is None


@pytest.mark.parametrize("text", ["nopassword", ":pw", "user:", ""])
def test_malformed_auth_is_refused(text):
    with pytest.raises(BadInput, match="user:password"):
        parse_auth(text)


@pytest.mark.parametrize("text", ["robo:1", "robo:s3cret", "robo:1234567"])
def test_short_passwords_are_refused(text):
    with pytest.raises(BadInput, match="at least 8"):
        parse_auth(text)
    with pytest.raises(BadInput, match="at least 8"):
        bind_policy(host="0.0.0.0", environ={AUTH_ENV: text})


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_repeated_wrong_logins_lock_everyone_out_for_a_while():
    clock = FakeClock()
    guard = LoginGuard("robo", "s3cret-pw", max_failures=5, lockout_s=60, clock=clock)
    assert guard.check("robo", "s3cret-pw")
    for guess in range(4):
        assert not guard.check("robo", f"guess{guess}")
    assert guard.check(" robo ", "s3cret-pw")  # a right login resets the count
    for guess in range(5):
        assert not guard.check("robo", f"guess{guess}")
    assert guard.locked_for() == 60
    assert not guard.check("robo", "s3cret-pw")  # even the right password waits
    clock.now += 61
    assert guard.check("robo", "s3cret-pw")
    for _ in range(5):
        guard.check("robo", "nope")
    clock.now += 61
    for _ in range(5):
        guard.check("robo", "nope")
    assert guard.locked_for() == 120  # each further lockout doubles


def test_failed_logins_wait_without_blocking_the_server():
    import asyncio
    import inspect
    import time

    guard = LoginGuard("robo", "s3cret-pw", delay_s=0.2)
    check = login_checker(guard)
    assert inspect.iscoroutinefunction(check)  # Gradio awaits it; time.sleep would block

    async def both():
        started = time.perf_counter()
        results = await asyncio.gather(check("robo", "wrong"), check("robo", "s3cret-pw"))
        return results, time.perf_counter() - started

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # its own event loop (Playwright may hold this one)
        (wrong, right), elapsed = pool.submit(lambda: asyncio.run(both())).result()
    assert (wrong, right) == (False, True) and 0.2 <= elapsed < 1.0


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


def test_login_is_enforced_when_auth_is_given(ui_factory):
    """The real server with --auth: the app's config stays closed until the login."""
    import http.cookiejar
    import urllib.error
    import urllib.parse
    import urllib.request

    server = ui_factory("--auth", "robo:s3cret-pw")
    with pytest.raises(urllib.error.HTTPError) as denied:
        urllib.request.urlopen(server.url + "config", timeout=10)
    assert denied.value.code == 401
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    bad = urllib.parse.urlencode({"username": "robo", "password": "wrong"}).encode()
    with pytest.raises(urllib.error.HTTPError):
        opener.open(server.url + "login", data=bad, timeout=10)
    good = urllib.parse.urlencode({"username": "robo", "password": "s3cret-pw"}).encode()
    assert opener.open(server.url + "login", data=good, timeout=10).status == 200
    assert opener.open(server.url + "config", timeout=10).status == 200
    for _ in range(5):  # a guessing run locks logins out, the right one included
        with pytest.raises(urllib.error.HTTPError):
            opener.open(server.url + "login", data=bad, timeout=10)
    with pytest.raises(urllib.error.HTTPError):
        opener.open(server.url + "login", data=good, timeout=10)


@pytest.mark.parametrize("entry", [["-m", "persona", "ui"], [str(ROOT / "ui.py")]])
def test_a_port_in_use_is_one_line(entry, tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {"PATH": "/usr/bin:/bin", "PERSONA_HOME": str(tmp_path), "HOME": str(tmp_path)}
        proc = subprocess.run(
            [sys.executable, *entry, "--port", str(port)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == (
        f"error: port {port} on 127.0.0.1 is already in use (another `persona ui`?): "
        "stop that server or pass --port with a free port"
    )
