"""Fixtures for the UI tests: the real app on a free localhost port, and a real Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "ui"
SPOKEN = "Hello robot. What is your favourite colour?"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the UI server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the UI server did not answer at {url}")


class UiServer:
    def __init__(self, url: str, uploads: Path, log: Path) -> None:
        self.url = url
        self.uploads = uploads
        self.log = log

    def session_dirs(self) -> list[Path]:
        return sorted(p for p in self.uploads.iterdir() if p.is_dir())


def spawn_ui(base: Path, *args: str) -> tuple[subprocess.Popen, UiServer]:
    """`python ui.py` on a free port with short replies (PERSONA_UI_MAX_TOKENS=40)."""
    uploads = base / "uploads"
    port = free_port()
    env = dict(
        os.environ,
        PERSONA_HOME=str(base / "home"),
        PERSONA_UI_MAX_TOKENS="40",
        PERSONA_UI_ROAST_N="1",
        PERSONA_UI_ROAST_MAX_TOKENS="40",
        PERSONA_UI_UPLOADS=str(uploads),
        GRADIO_TEMP_DIR=str(base / "gradio"),
        GRADIO_ANALYTICS_ENABLED="False",
    )
    log = base / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "ui.py"), "--port", str(port), *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, proc)
    except RuntimeError:
        stop(proc)
        raise
    return proc, UiServer(url, uploads, log)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def ui_server(tmp_path_factory: pytest.TempPathFactory):
    proc, server = spawn_ui(tmp_path_factory.mktemp("ui-server"))
    try:
        yield server
    finally:
        stop(proc)


@pytest.fixture
def ui_factory(tmp_path: Path):
    """Start a one-off server with extra command-line arguments; stopped after the test."""
    procs: list[subprocess.Popen] = []

    def start(*args: str) -> UiServer:
        proc, server = spawn_ui(tmp_path, *args)
        procs.append(proc)
        return server

    yield start
    for proc in procs:
        stop(proc)


def _missing(why: str) -> None:
    """In CI (./scripts/test installs both) a missing browser is a failure, not a skip."""
    if os.environ.get("CI"):
        pytest.fail(why)
    pytest.skip(why)


@pytest.fixture(scope="session")
def mic_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A spoken sentence as the fake microphone (espeak-ng; no real mic here)."""
    return spoken_wav(tmp_path_factory.mktemp("mic") / "hello.wav", [SPOKEN])


def spoken_wav(path: Path, parts: list[str | float], *, voice: tuple[str, ...] = ()) -> Path:
    """A WAV of espeak-ng sentences (str) and silences (float seconds), in order: a
    scripted speaker for Chromium's fake microphone, which loops the file. `voice`: more
    espeak-ng options ("-v", "en-us", "-s", "150")."""
    import wave

    espeak = shutil.which("espeak-ng")
    if espeak is None:
        _missing("espeak-ng is not installed (apt-get install espeak-ng)")
    frames, rate = [], 22050
    for i, part in enumerate(parts):
        if isinstance(part, str):
            piece = path.with_name(f"{path.stem}-{i}.wav")
            subprocess.run([espeak, *voice, "-w", str(piece), part], check=True)
            with wave.open(str(piece), "rb") as w:
                rate = w.getframerate()
                frames.append(w.readframes(w.getnframes()))
        else:
            frames.append(b"\0\0" * int(part * rate))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(frames))
    return path


def launch_chromium(playwright, wav: Path):
    """Headless Chromium with `wav` as its microphone (and autoplay allowed)."""
    chromium = shutil.which("chromium")
    if chromium is None:
        _missing("chromium is not installed (apt-get install chromium)")
    from persona.bench.browser import launch_chromium as launch

    return launch(playwright, chromium, wav)


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright for the session: each browser below is launched from it."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_driver, mic_wav: Path):
    browser = launch_chromium(playwright_driver, mic_wav)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, ui_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 1400}, permissions=["microphone"]
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(ui_server.url)
    page.wait_for_selector("#chatbot .message-row")
    open_diagnostics(page)
    yield page
    context.close()


def open_diagnostics(page) -> None:
    """The latency table sits in the closed Diagnostics panel; the tests read it."""
    page.click("#diagnostics .label-wrap")
    page.wait_for_selector("#latency table")
