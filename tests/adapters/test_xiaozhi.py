"""`persona xiaozhi`: a scripted xiaozhi-esp32 robot talks to the server over a real WebSocket
on loopback: hello, Opus frames of an espeak-ng question (manual and auto listening), the
transcript, the face emotion, sentence events, 24 kHz Opus audio, and abort."""

from __future__ import annotations

import json
import shutil
import subprocess
import time

import numpy as np
import pytest

from persona.adapters.xiaozhi_opus import OpusDecoder, OpusEncoder
from persona.adapters.xiaozhi_protocol import (
    EMOJI,
    emotion_for,
    is_wake_word,
    parse_message,
    persona_emotion,
)
from persona.errors import BadInput

DEVICE = "aa:bb:cc:dd:ee:01"
TOKEN = "xiaozhi-test-token-0123456789"
HELLO = {
    "type": "hello",
    "version": 1,
    "features": {"mcp": True},
    "transport": "websocket",
    "audio_params": {"format": "opus", "sample_rate": 16000, "channels": 1, "frame_duration": 60},
}


# -- pure parts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "emotion"),
    [
        ("I'm so sorry to hear that.", "sad"),
        ("Haha, that's a good one.", "laughing"),
        ("Wow, a real volcano.", "surprised"),
        ("Hmm, let me think about it.", "thinking"),
        ("That sounds great.", "happy"),
        ("What do you like to eat?", "thinking"),
        ("Beep boop, circuits warm.", "cool"),
        ("Here you go 😍", "loving"),
        ("The sky is blue.", "neutral"),
    ],
)
def test_emotion_for_a_sentence(text, emotion):
    assert emotion_for(text) == emotion
    assert emotion in EMOJI


def test_emotion_defaults_to_the_persona_resting_face():
    resting = persona_emotion("A cheerful, upbeat little robot.")
    assert resting == "happy"
    assert emotion_for("The sky is blue.", default=resting) == "happy"
    assert persona_emotion("") == "neutral"


def test_wake_word_or_question():
    assert is_wake_word("Hey Sparky!", "hey sparky")
    assert is_wake_word("你好小智", None)
    assert not is_wake_word("what time is it", "hey sparky")


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"state": "start"}', "no `type`"),
        ('{"type": "listen", "state": "sing"}', "`state`"),
        ('{"type": "listen", "state": "start", "mode": "loud"}', "`mode`"),
        ('{"type": "hello", "audio_params": {"format": "pcm"}}', "opus"),
        ('{"type": "hello", "audio_params": {"sample_rate": 44100}}', "Opus rate"),
        ('{"type": "hello", "audio_params": {"channels": 2}}', "mono"),
    ],
)
def test_bad_messages_are_refused_with_a_reason(raw, error):
    with pytest.raises(BadInput, match=error):
        parse_message(raw)


def test_opus_round_trip_keeps_the_sound():
    rate = 24000
    t = np.arange(rate) / rate
    tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    encoder = OpusEncoder(rate, frame_ms=60)
    packets = [*encoder.encode(tone), *encoder.flush()]
    decoder = OpusDecoder(rate)
    frames = [decoder.decode(p) for p in packets]
    assert {f.size for f in frames} == {rate * 60 // 1000}
    audio = np.concatenate(frames)
    assert audio.size >= tone.size
    assert 0.3 < float(np.abs(audio).max()) < 0.7
    with pytest.raises(BadInput):
        decoder.decode(b"")


# -- the server ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def xiaozhi(tmp_path_factory):
    """The server in this process (so the test can read its store), on a free port."""
    from persona.adapters.conversations import ConversationPool
    from persona.adapters.xiaozhi import XiaozhiConfig, XiaozhiServer
    from persona.llm import GenerationOptions
    from persona.personas import load_persona
    from persona.webui.services import Services, UiConfig

    home = tmp_path_factory.mktemp("xiaozhi-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PERSONA_HOME", str(home))
        services = Services.open(UiConfig(db_path=str(home / "chat.db"), max_tokens=60))
        pool = ConversationPool(services, options=GenerationOptions(max_tokens=60, seed=7))
        servers = []

        def start(**options):
            config = XiaozhiConfig(port=0, **options)
            server = XiaozhiServer(pool, persona=load_persona("sparky"), config=config).start()
            servers.append(server)
            return f"ws://127.0.0.1:{server.port}/xiaozhi/v1/"

        try:
            yield start, services
        finally:
            for server in servers:
                server.stop()
            pool.close()
            services.close()


@pytest.fixture(scope="module")
def question_frames(tmp_path_factory):
    """Opus frames (16 kHz, 60 ms) of an espeak-ng question, with a second of silence after
    it so the server's VAD can hear the end."""
    from persona.speech.audio_decode import load_audio

    exe = shutil.which("espeak-ng")
    if exe is None:
        pytest.fail("espeak-ng is not installed: apt-get install -y espeak-ng")
    path = tmp_path_factory.mktemp("question") / "question.wav"
    text = "What is your favourite colour?"
    subprocess.run([exe, "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)
    speech = load_audio(path)  # resampled to 16 kHz mono
    audio = np.concatenate([np.zeros(4800, np.float32), speech, np.zeros(16000, np.float32)])
    encoder = OpusEncoder(16000, frame_ms=60)
    return [*encoder.encode(audio), *encoder.flush()]


def connect(url: str, **headers: str):
    from websockets.sync.client import connect as ws_connect

    headers = {"Device-Id": DEVICE, "Client-Id": "test-client", "Protocol-Version": "1"} | headers
    return ws_connect(url, additional_headers=headers, open_timeout=10)


def handshake(ws) -> str:
    ws.send(json.dumps(HELLO))
    reply = json.loads(ws.recv(timeout=10))
    assert reply["type"] == "hello"
    assert reply["transport"] == "websocket"
    assert reply["audio_params"] == {
        "format": "opus",
        "sample_rate": 24000,
        "channels": 1,
        "frame_duration": 60,
    }
    assert reply["session_id"]
    return reply["session_id"]


def read_turn(ws, *, timeout: float = 120.0, abort_after_frames: int | None = None):
    """Messages up to the `tts stop`: a list of dicts and bytes (audio frames)."""
    got: list[dict | bytes] = []
    deadline = time.monotonic() + timeout
    frames = 0
    while time.monotonic() < deadline:
        message = ws.recv(timeout=deadline - time.monotonic())
        if isinstance(message, bytes):
            got.append(message)
            frames += 1
            if abort_after_frames is not None and frames == abort_after_frames:
                ws.send(json.dumps({"type": "abort", "reason": "wake_word_detected"}))
            continue
        body = json.loads(message)
        got.append(body)
        if body.get("type") == "tts" and body.get("state") == "stop":
            return got
    raise AssertionError(f"no tts stop within {timeout} s: {got[:20]}")


def of_type(messages, kind: str, state: str | None = None) -> list[dict]:
    return [
        m
        for m in messages
        if isinstance(m, dict) and m["type"] == kind and (state is None or m.get("state") == state)
    ]


@pytest.mark.slow
def test_manual_listening_gets_transcript_sentences_and_audio(xiaozhi, question_frames):
    start, _services = xiaozhi
    with connect(start()) as ws:
        session = handshake(ws)
        ws.send(
            json.dumps(
                {"session_id": session, "type": "listen", "state": "start", "mode": "manual"}
            )
        )
        for frame in question_frames:
            ws.send(frame)
        ws.send(json.dumps({"session_id": session, "type": "listen", "state": "stop"}))
        turn = read_turn(ws)

    (stt,) = of_type(turn, "stt")
    assert "colo" in stt["text"].lower(), stt
    assert stt["session_id"] == session
    llm = of_type(turn, "llm")
    assert llm and all(m["emotion"] in EMOJI and m["text"] for m in llm)
    sentences = of_type(turn, "tts", "sentence_start")
    assert sentences and all(m["text"].strip() for m in sentences)
    kinds = [m if isinstance(m, bytes) else (m["type"], m.get("state")) for m in turn]
    assert kinds.index(("stt", None)) < kinds.index(("tts", "start"))
    first_audio = next(i for i, k in enumerate(kinds) if isinstance(k, bytes))
    assert kinds.index(("tts", "sentence_start")) < first_audio
    assert kinds[-1] == ("tts", "stop")

    decoder = OpusDecoder(24000)
    frames = [decoder.decode(m) for m in turn if isinstance(m, bytes)]
    assert {f.size for f in frames} == {1440}  # 60 ms at 24 kHz
    audio = np.concatenate(frames)
    assert audio.size / 24000 > 0.5
    assert float(np.sqrt(np.mean(audio**2))) > 0.01  # speech, not silence


@pytest.mark.slow
def test_auto_listening_endpoints_and_abort_stops_the_reply(xiaozhi, question_frames):
    start, _services = xiaozhi
    with connect(start(lead_s=0.2)) as ws:
        session = handshake(ws)
        ws.send(
            json.dumps({"session_id": session, "type": "listen", "state": "start", "mode": "auto"})
        )
        for frame in question_frames:  # no listen stop: the server hears the end itself
            ws.send(frame)
        turn = read_turn(ws, abort_after_frames=3)
        # Nothing may follow the tts stop that answered the abort: no audio, no sentence.
        ws_after: list = []
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            try:
                ws_after.append(ws.recv(timeout=deadline - time.monotonic()))
            except TimeoutError:
                break
        assert ws_after == []

    assert "colo" in of_type(turn, "stt")[0]["text"].lower()
    frames = [m for m in turn if isinstance(m, bytes)]
    # Paced at 0.2 s ahead: the abort lands within a few frames, long before the reply ends.
    assert 3 <= len(frames) < 3 + 20


@pytest.mark.slow
def test_detect_text_is_answered_and_remembered_per_device(xiaozhi):
    start, services = xiaozhi
    with connect(start(lead_s=0)) as ws:
        session = handshake(ws)
        ws.send(
            json.dumps(
                {"session_id": session, "type": "listen", "state": "detect", "text": "hey sparky"}
            )
        )
        ws.send("not json")  # other firmware's oddities are ignored, not fatal
        ws.send(json.dumps({"session_id": session, "type": "mcp", "payload": {"id": 1}}))
        question = {"session_id": session, "type": "listen", "state": "detect"}
        ws.send(json.dumps(question | {"text": "My name is Ada."}))
        turn = read_turn(ws)  # the wake word alone was not answered: this is the question's
    assert of_type(turn, "tts", "sentence_start")
    facts = {f.kind: f.value for f in services.store.facts(f"xiaozhi:{DEVICE}")}
    assert facts.get("name") == "Ada"


@pytest.mark.slow
def test_a_wrong_token_or_a_bad_hello_is_refused(xiaozhi):
    from websockets.exceptions import ConnectionClosed, InvalidStatus

    start, _services = xiaozhi
    url = start(token=TOKEN)
    with pytest.raises(InvalidStatus) as refused:
        connect(url, Authorization="Bearer wrong")
    assert refused.value.response.status_code == 401
    with connect(url, Authorization=f"Bearer {TOKEN}") as ws:
        ws.send(json.dumps({"type": "listen", "state": "start"}))  # not a hello
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
    assert closed.value.rcvd.code == 1008
    assert "hello" in closed.value.rcvd.reason


@pytest.mark.slow
def test_the_command_serves_a_robot(tmp_path):
    """`persona xiaozhi --port PORT` as a user starts it: a robot's hello is answered."""
    import os
    import socket
    import sys

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PERSONA_HOME": str(tmp_path)}
    args = [sys.executable, "-m", "persona", "xiaozhi", "--port", str(port)]
    log = open(tmp_path / "server.log", "w+")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(args, stderr=log, stdout=log, env=env, text=True)
    try:
        deadline = time.monotonic() + 120
        while "serving xiaozhi" not in (tmp_path / "server.log").read_text():
            assert proc.poll() is None, (tmp_path / "server.log").read_text()
            assert time.monotonic() < deadline, "persona xiaozhi did not start"
            time.sleep(0.2)
        with connect(f"ws://127.0.0.1:{port}/xiaozhi/v1/") as ws:
            handshake(ws)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
