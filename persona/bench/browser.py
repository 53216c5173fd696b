"""Browser voice: last word to first sound in a real Chromium, hands-free, with a scripted mic.

The voice benchmark's own questions (`persona bench voice`: several voices, some with a
pause mid-sentence) are joined into one WAV with long gaps and played as Chromium's fake
microphone; the page is in hands-free mode, so turns end by the same endpointing as the Pi
loop and each reply is spoken sentence by sentence. The page's player times the first
reply sample it schedules; the server dates the question's last voiced audio from the mic
stream (the chunk's arrival less the audio after it, so the chunk's upload over loopback
is not counted). Cut-offs: questions the robot split into two turns.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from persona.errors import BadInput

RATE = 16000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--questions", type=int, default=8, help="how many questions to ask")
    parser.add_argument(
        "--gap-s", type=float, default=9.0, help="silence after each question (the reply's turn)"
    )
    parser.add_argument("--max-tokens", type=int, default=40, help="reply length (server)")
    parser.add_argument("--url", default=None, help="use a running UI instead of starting one")


def _percentiles(values: list[float]) -> dict:
    from persona.bench.ui import _percentile

    if not values:
        return {"p50": None, "p90": None, "max": None, "n": 0}
    return {
        "p50": round(statistics.median(values), 1),
        "p90": _percentile(values, 0.9),
        "max": _percentile(values, 1.0),
        "n": len(values),
    }


def launch_chromium(playwright: object, chromium: str, microphone: Path) -> object:
    """Headless Chromium whose microphone plays `microphone` (a WAV, looped) and which may
    play audio without a click: the bench's and the browser tests' browser."""
    return playwright.chromium.launch(
        executable_path=chromium,
        args=[
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={microphone}",
            "--autoplay-policy=no-user-gesture-required",
        ],
    )


def _talk_track(folder: Path, count: int, gap_s: float) -> tuple[Path, float]:
    """One WAV of the questions with `gap_s` of room noise after each; returns it and the
    seconds it takes to play once."""
    from persona.bench.voice import _make_questions_apart, _write_wav
    from persona.speech.audio_decode import load_audio

    infos = _make_questions_apart(folder, count)
    rng = np.random.default_rng(5)
    parts = [np.zeros(RATE, np.float32)]
    for info in infos:
        parts.append(load_audio(info["path"]))
        parts.append(np.zeros(int(gap_s * RATE), np.float32))
    track = np.concatenate(parts)
    track = track + rng.normal(0.0, 0.001, track.size).astype(np.float32)
    path = folder / "talker.wav"
    _write_wav(path, track, RATE)
    return path, track.size / RATE


# The server's stages of each timed turn (`app.run_reply`), from the last word: the pause
# seen, transcription, the turn model, the end of turn; the reply's start (negative: at
# the pause, before the turn was decided) and the page's round trip, both from the end of
# turn; then from the reply's start: first text, first piece to synthesis, first audio.
STAGES = (
    "pause_seen_ms",
    "stt_ms",
    "turn_model_ms",
    "end_of_turn_ms",
    "to_reply_ms",
    "page_round_trip_ms",
    "first_token_ms",
    "first_text_ms",
    "first_piece_ms",
    "first_tts_ms",
    "first_audio_ready_ms",
    "audio_ready_after_last_word_ms",
)

ROWS_JS = """() => [...document.querySelectorAll('#chatbot .message-row')].map(r =>
    [r.classList.contains('user-row') ? 'user' : 'bot', r.innerText.trim()])"""


def run(args: argparse.Namespace) -> dict:
    from persona.bench.ui import _start_server
    from persona.bench.voice import QUESTIONS

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise BadInput("the browser bench needs Chromium: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BadInput("the browser bench needs playwright: pip install playwright") from None
    count = max(1, args.questions)
    tmp = tempfile.TemporaryDirectory(prefix="persona-bench-browser-")
    folder = Path(tmp.name)
    print(f"bench browser: building {count} spoken questions", flush=True, file=sys.stderr)
    track, seconds = _talk_track(folder, count, args.gap_s)
    proc, url = (None, args.url) if args.url else _start_server(args.max_tokens, folder)
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p, chromium, track)
            page = browser.new_context(permissions=["microphone"]).new_page()
            page.set_default_timeout(120_000)
            page.goto(url)
            page.wait_for_selector("#chatbot .message-row")
            page.click("#hands-free input")
            page.wait_for_function(
                "() => document.querySelector('#robot-state').dataset.state === 'listening'"
            )
            started = time.monotonic()
            deadline = started + seconds - 1  # one pass: the last gap holds the last reply
            while time.monotonic() < deadline:
                done = page.evaluate("() => window.robotAudio.stats.pieces")
                print(
                    f"bench browser: {time.monotonic() - started:5.0f}/{seconds - 1:.0f} s, "
                    f"{done} audio pieces",
                    end="\r",
                    flush=True,
                    file=sys.stderr,
                )
                time.sleep(2)
            page.click("#hands-free input")  # off before the track loops
            page.wait_for_timeout(500)
            stats = page.evaluate("() => window.robotAudio.stats")
            rows = page.evaluate(ROWS_JS)
            browser.close()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=15)
        tmp.cleanup()
    print(file=sys.stderr)
    turns = [t for t in stats["turns"].values() if "lastWordToFirstSound" in t]
    heard = [text for who, text in rows if who == "user"]
    stages = {}
    for name in STAGES:
        values = [t["stages"][name] for t in turns if t.get("stages", {}).get(name) is not None]
        stages[name] = _percentiles(values)["p50"]
    ended_by = [t.get("stages", {}).get("ended_by") for t in turns]
    speculative = [bool(t.get("stages", {}).get("speculative")) for t in turns]
    delivery = [t["deliveryMs"] for t in turns if "deliveryMs" in t]
    stages["delivery_to_page_ms"] = _percentiles(delivery)["p50"]
    asked = [QUESTIONS[i % len(QUESTIONS)].words for i in range(count)]
    return {
        "questions": count,
        "turns_heard": len(heard),
        "replies_timed": len(turns),
        "browser_last_word_to_first_audio_ms": _percentiles(
            [t["lastWordToFirstSound"] for t in turns]
        ),
        "stage_p50_ms": stages,
        "cut_offs": max(0, len(heard) - count),
        "ended_by_turn_model": ended_by.count("turn-model"),
        "ended_by_silence": ended_by.count("silence"),
        "replies_started_at_the_pause": speculative.count(True),
        "heard": heard,
        "asked": asked,
        "per_turn": [
            {
                "last_word_to_first_sound_ms": round(t["lastWordToFirstSound"], 1),
                **{k: v for k, v in t.get("stages", {}).items() if v is not None},
            }
            for t in turns
        ],
        "max_tokens": args.max_tokens,
        "definition": "last voiced audio of the question (dated by the server from the mic "
        "stream) to the first reply sample scheduled by the page's player",
    }
