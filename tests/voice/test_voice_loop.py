"""The whole voice loop with real models; the mic is a recording (the real file code path)."""

from __future__ import annotations

import json
import threading
import time
import wave
from collections.abc import Iterator

import numpy as np
import pytest

from persona.cli import main
from persona.speech.audio_decode import load_audio
from persona.speech.audio_io import MIC_BLOCK
from persona.voice.events import (
    AudioOut,
    Ignored,
    Interrupted,
    ListenStopped,
    ReplyChunk,
    ReplyFinished,
    SpeechEnded,
    SpeechStarted,
    Transcript,
    TurnMetrics,
    VoiceError,
    VoiceEvent,
    WakeHeard,
)
from persona.voice.loop import VoiceConfig
from persona.voice.session import VoiceSessionOptions, build_loop

from .voice_audio import silence, words


def of(events: list[VoiceEvent], kind: type) -> list:
    return [e for e in events if isinstance(e, kind)]


def run_file_loop(path, out, *, stt, piper, conversation, config=None, realtime=False):
    loop = build_loop(
        VoiceSessionOptions(
            in_path=path, out_path=out, realtime=realtime, loop=config or VoiceConfig()
        ),
        conversation=conversation,
        stt=stt,
        tts=piper,
    )
    events = loop.run()
    loop.audio_out.close()
    return events


def test_cli_file_loop_end_to_end(espeak, recording, tmp_path, stt, capsys, persona_home):
    """`persona voice --in q.wav --out reply.wav`: espeak-ng asks, the robot answers in a WAV
    whose own transcript has words; --metrics gets JSON-lines events with the latency."""
    mic = recording(espeak("Hello robot. What is your favourite colour?"), 0.5, name="q.wav")
    out, metrics = tmp_path / "reply.wav", tmp_path / "m.jsonl"
    code = main(
        [
            "voice",
            "--in",
            str(mic),
            "--out",
            str(out),
            "--metrics",
            str(metrics),
            "--max-tokens",
            "24",
            "--seed",
            "3",
            "--temperature",
            "0.2",
            "--db",
            str(tmp_path / "c.db"),
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "colour" in words(captured.out) or "color" in words(captured.out)
    assert "first audio" in captured.err  # the one-line latency summary
    reply = load_audio(out)
    assert reply.size > 16000 * 0.5 and np.abs(reply).max() > 0.05
    assert len(words(stt.transcribe(reply).text)) >= 2
    events = [VoiceEvent.from_json(line) for line in metrics.read_text().splitlines()]
    [metric] = of(events, TurnMetrics)
    # From the endpoint; the transcript may be ready before it (made during the pause).
    assert metric.transcript_ms is not None and metric.stage_stt_ms > 0
    assert metric.first_audio_ms is not None and metric.first_audio_ms > metric.transcript_ms
    assert of(events, ListenStopped)


def test_no_speech_no_turn(recording, tmp_path, stt, piper, conversation_factory):
    rng = np.random.default_rng(3)
    noise = (rng.standard_normal(16000 * 2) * 0.01).astype(np.float32)
    mic = recording(2.0, noise, 1.0)
    events = run_file_loop(
        mic, tmp_path / "r.wav", stt=stt, piper=piper, conversation=conversation_factory()
    )
    assert not of(events, SpeechEnded) and not of(events, AudioOut)
    assert of(events, ListenStopped)[0].reason == "end of input"
    with wave.open(str(tmp_path / "r.wav")) as out:
        assert out.getnframes() == 0  # the robot said nothing


def test_very_long_stereo_recording(say, recording, tmp_path, stt, piper, conversation_factory):
    """Ten minutes of quiet, stereo, then a question: streamed, answered once."""
    mic = recording(
        silence(600.0), say("Can you sing a song?"), 0.5, name="long.wav", rate=16000, channels=2
    )
    events = run_file_loop(
        mic, tmp_path / "r.wav", stt=stt, piper=piper, conversation=conversation_factory()
    )
    [ended] = of(events, SpeechEnded)
    assert ended.stream_s > 600
    [transcript] = of(events, Transcript)
    assert {"sing", "song"} <= words(transcript.text)
    assert of(events, ReplyFinished)


def test_wake_phrase_and_follow_up(
    say, espeak, recording, tmp_path, stt, piper, conversation_factory
):
    mic = recording(
        say("What is the capital of France?"),
        1.0,  # no wake phrase: ignored
        say("Hey Sparky, what is two plus two?"),
        2.0,  # answered
        espeak("Tell me a joke."),
        12.0,  # within the follow-up window: answered
        say("What is your name?"),
        0.5,  # window closed: ignored
    )
    conv = conversation_factory()
    config = VoiceConfig(wake_phrase="hey sparky", follow_up_s=8.0)
    events = run_file_loop(
        mic, tmp_path / "r.wav", stt=stt, piper=piper, conversation=conv, config=config
    )
    ignored = {e.turn_id: e.reason for e in of(events, Ignored)}
    assert ignored == {1: "no-wake-phrase", 4: "no-wake-phrase"}
    assert [w.turn_id for w in of(events, WakeHeard)] == [2]
    assert [f.turn_id for f in of(events, ReplyFinished)] == [2, 3]
    users = [m.content for m in conv.history() if m.role == "user"]
    assert len(users) == 2
    assert "sparky" not in words(users[0]) and "plus" in words(users[0])
    assert "joke" in words(users[1])
    assert [m.role for m in conv.history()] == ["user", "assistant"] * 2
    # Audio blocks come turn by turn, never interleaved.
    turns = [a.turn_id for a in of(events, AudioOut)]
    assert turns == sorted(turns) and set(turns) == {2, 3}


def test_stop_command_is_not_sent(say, recording, tmp_path, stt, piper, conversation_factory):
    mic = recording(say("Stop!"), 0.5)
    conv = conversation_factory()
    events = run_file_loop(mic, tmp_path / "r.wav", stt=stt, piper=piper, conversation=conv)
    assert [e.reason for e in of(events, Ignored)] == ["stop-command"]
    assert conv.history() == [] and not of(events, AudioOut)


class GatedMic:
    """A recording played in real time that says its second line only once the robot has
    been talking for `after_s`: a user interrupting, without depending on reply timing."""

    name = "gated-file"
    sample_rate = 16000
    live = True

    def __init__(self, first: np.ndarray, second: np.ndarray, *, after_s: float = 0.3) -> None:
        self.first, self.second, self.after_s = first, second, after_s
        self.loop = None
        self.closed = threading.Event()

    def chunks(self) -> Iterator[np.ndarray]:
        start, sent = time.monotonic(), 0

        def paced(audio: np.ndarray) -> Iterator[np.ndarray]:
            nonlocal sent
            for i in range(0, audio.size, MIC_BLOCK):
                block = audio[i : i + MIC_BLOCK]
                delay = start + sent / 16000 - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                sent += block.size
                yield block

        yield from paced(self.first)
        speaking_since = None
        deadline = time.monotonic() + 90
        while not self.closed.is_set() and time.monotonic() < deadline:
            if self.loop.speaking:
                speaking_since = speaking_since or time.monotonic()
                if time.monotonic() - speaking_since >= self.after_s:
                    break
            yield from paced(silence(0.032))
        yield from paced(self.second)
        yield from paced(silence(1.0))

    def close(self) -> None:
        self.closed.set()


def test_barge_in_truncates_history(say, tmp_path, stt, piper, conversation_factory):
    mic = GatedMic(say("Tell me a long story about a dragon."), say("What time is it?"))
    conv = conversation_factory()
    loop = build_loop(
        VoiceSessionOptions(
            out_path=tmp_path / "r.wav", realtime=True, loop=VoiceConfig(barge_in=True)
        ),
        conversation=conv,
        stt=stt,
        tts=piper,
        audio_in=mic,
    )
    mic.loop = loop
    events = loop.run()
    loop.audio_out.close()

    [cut] = of(events, Interrupted)
    assert cut.turn_id == 1 and cut.reason == "barge-in"
    assert any(s.during_playback for s in of(events, SpeechStarted))
    full_reply = " ".join(c.text for c in of(events, ReplyChunk) if c.turn_id == 1)
    assert len(cut.spoken.split()) < len(full_reply.split())  # truncated
    # Nothing of turn 1 was played after the interruption.
    assert all(a.t <= cut.t for a in of(events, AudioOut) if a.turn_id == 1)
    history = conv.history()
    assert history[0].content.startswith("Tell me a long story")
    assert history[1].role == "assistant" and history[1].content.endswith(
        "[interrupted by the user]"
    )
    assert history[1].content.removesuffix("[interrupted by the user]").strip() == cut.spoken
    # The interrupting question was heard and answered as turn 2.
    assert "time" in words(history[2].content)
    assert [f.turn_id for f in of(events, ReplyFinished)] == [2]
    metrics = {m.turn_id: m for m in of(events, TurnMetrics)}
    assert metrics[1].interrupted and not metrics[2].interrupted


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.wav", None, "not found"),
        ("empty.wav", b"", "empty"),
        ("junk.ogg", b"OggS" + bytes(200), "audio"),
        ("text.wav", b"hello, I am not a recording\n" * 10, "audio"),
    ],
)
def test_cli_bad_input_files(name, content, message, tmp_path, capsys, persona_home):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code = main(["voice", "--in", str(path), "--out", str(tmp_path / "r.wav")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_cli_out_must_be_wav(recording, tmp_path, capsys, persona_home):
    code = main(["voice", "--in", str(recording(1.0)), "--out", str(tmp_path / "r.mp3")])
    assert code == 2 and ".wav" in capsys.readouterr().err


def test_cli_missing_microphone(capsys, persona_home):
    from persona.speech.audio_io import list_devices

    try:
        has_mic = any(d.inputs for d in list_devices())
    except Exception:
        has_mic = False
    if has_mic:
        pytest.skip("this machine has a microphone")
    code = main(["voice"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: ") and "--in FILE" in err


def test_metrics_lines_are_events(tmp_path):
    line = TurnMetrics(turn_id=1, first_audio_ms=321.0).to_json()
    assert json.loads(line)["type"] == "TurnMetrics"


def test_push_to_talk_hears_only_armed_utterances(
    say, recording, tmp_path, stt, piper, conversation_factory
):
    mic = recording(say("Stop!"), 1.0, say("Be quiet."), 0.5)
    loop = build_loop(
        VoiceSessionOptions(
            in_path=mic, out_path=tmp_path / "r.wav", loop=VoiceConfig(push_to_talk=True)
        ),
        conversation=conversation_factory(),
        stt=stt,
        tts=piper,
    )
    loop.arm()  # Enter pressed once: one utterance is heard
    events = loop.run()
    loop.audio_out.close()
    assert len(of(events, SpeechEnded)) == 1
    [transcript] = of(events, Transcript)
    assert "stop" in words(transcript.text)


class UnpluggedMic:
    """A live mic that fails mid-stream (as when unplugged) and works again after reopen()."""

    name = "flaky-mic"
    sample_rate = 16000
    live = True

    def __init__(self, speech: np.ndarray) -> None:
        self.speech = speech
        self.opened = 1

    def chunks(self) -> Iterator[np.ndarray]:
        from persona.errors import BackendUnavailable

        if self.opened == 1:
            yield from (silence(0.032) for _ in range(5))
            raise BackendUnavailable("the microphone (flaky-mic) stopped: is it unplugged?")
        audio = np.concatenate([self.speech, silence(1.0)])
        yield from (audio[i : i + MIC_BLOCK] for i in range(0, audio.size, MIC_BLOCK))

    def reopen(self) -> None:
        self.opened += 1

    def close(self) -> None:
        pass


def test_unplugged_mic_is_reported_and_the_loop_goes_on(
    say, tmp_path, stt, piper, conversation_factory
):
    mic = UnpluggedMic(say("Be quiet."))
    loop = build_loop(
        VoiceSessionOptions(out_path=tmp_path / "r.wav", loop=VoiceConfig(reopen_s=0.05)),
        conversation=conversation_factory(),
        stt=stt,
        tts=piper,
        audio_in=mic,
    )
    events = loop.run()
    loop.audio_out.close()
    [error] = of(events, VoiceError)
    assert "unplugged" in error.message and "\n" not in error.message
    assert mic.opened == 2
    [transcript] = of(events, Transcript)
    assert "quiet" in words(transcript.text)


def test_bleep_persona_speaks_in_beeps(espeak, recording, tmp_path, stt, conversation_factory):
    from persona.speech.tts import BeepsTts, TtsConfig

    mic = recording(espeak("How are you today?"), 0.5)
    events = run_file_loop(
        mic,
        tmp_path / "r.wav",
        stt=stt,
        piper=BeepsTts(TtsConfig(voice="beeps")),
        conversation=conversation_factory("bleep"),
    )
    blocks = of(events, AudioOut)
    assert blocks and all(b.text for b in blocks)  # every beep carries its subtitle
    with wave.open(str(tmp_path / "r.wav")) as out:
        assert out.getnframes() == sum(b.samples for b in blocks)


def test_half_duplex_ignores_speech_while_talking(say, tmp_path, stt, piper, conversation_factory):
    """The default: the mic is ignored while the robot answers, so nothing interrupts it."""
    mic = GatedMic(say("Tell me a long story about a dragon."), say("Hi."), after_s=0.2)
    conv = conversation_factory()
    loop = build_loop(
        VoiceSessionOptions(out_path=tmp_path / "r.wav", realtime=True, loop=VoiceConfig()),
        conversation=conv,
        stt=stt,
        tts=piper,
        audio_in=mic,
    )
    mic.loop = loop
    events = loop.run()
    loop.audio_out.close()
    assert not of(events, Interrupted)
    assert [f.turn_id for f in of(events, ReplyFinished)] == [1]
    assert len(of(events, SpeechStarted)) == 1 and len(of(events, Transcript)) == 1
    assert not conv.history()[1].content.endswith("[interrupted by the user]")
