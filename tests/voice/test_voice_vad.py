"""Streaming endpointing with the bundled Silero VAD, and the file-backed mic."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from persona.errors import BadInput, NotFound, PersonaError
from persona.speech.audio_io import FileAudioIn, SoundDeviceIn, WavAudioOut
from persona.speech.vad import StreamingVad, VadConfig, VadEnd, VadPause, VadStart

from .voice_audio import read_wav, silence


def _feed(vad: StreamingVad, audio: np.ndarray, size: int = 700) -> list:
    events = []
    for i in range(0, audio.size, size):
        events.extend(vad.feed(audio[i : i + size]))
    return events


def test_two_utterances_two_endpoints(say):
    phrase = say("Turn on the lights please.")
    audio = np.concatenate([silence(1.0), phrase, silence(1.0), phrase, silence(1.0)])
    events = _feed(StreamingVad(VadConfig(min_silence_ms=500, pre_roll_ms=300)), audio)
    pauses = [e for e in events if isinstance(e, VadPause)]
    events = [e for e in events if not isinstance(e, VadPause)]
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["VadStart", "VadEnd", "VadStart", "VadEnd"]
    # Each endpoint was announced by a pause holding the same speech, so STT could start
    # early: the endpoint's audio is the pause's, with more of the silence after it.
    for end in (events[1], events[3]):
        pause = [p for p in pauses if p.start == end.start][-1]
        assert pause.sample < end.end and pause.speech_windows == end.speech_windows
        assert np.array_equal(pause.audio, end.audio[: pause.audio.size])
        assert np.abs(end.audio[pause.audio.size :]).max(initial=0.0) < 0.01
    first, second = events[1], events[3]
    assert isinstance(first, VadEnd) and isinstance(events[0], VadStart)
    # Endpoint = end of speech + the minimum silence (within a window or two).
    loud = np.flatnonzero(np.abs(phrase) > 0.02)
    speech_end = 16000 + loud[-1]  # the last audible sample of the first phrase
    assert speech_end + 0.4 * 16000 <= first.end <= speech_end + 0.8 * 16000
    # Pre-roll: the utterance starts before the first speech window.
    assert first.start < events[0].sample
    assert abs(first.duration_s - phrase.size / 16000) < 0.8
    assert second.start > first.end


def test_longer_min_silence_merges_pauses(say):
    phrase = say("Hello.")
    audio = np.concatenate([silence(0.5), phrase, silence(0.2), phrase, silence(2.0)])
    short = [
        e
        for e in _feed(StreamingVad(VadConfig(min_silence_ms=300)), audio)
        if isinstance(e, VadEnd)
    ]
    long = [
        e
        for e in _feed(StreamingVad(VadConfig(min_silence_ms=1200)), audio)
        if isinstance(e, VadEnd)
    ]
    assert len(short) == 2 and len(long) == 1


def test_no_speech_no_events():
    rng = np.random.default_rng(1)
    noise = (rng.standard_normal(16000 * 5) * 0.01).astype(np.float32)
    assert _feed(StreamingVad(), np.concatenate([silence(3.0), noise])) == []


def test_ten_minute_file_streams_in_bounded_memory(say, recording):
    """10 minutes of silence then a phrase: decoded and endpointed chunk by chunk."""
    path = recording(silence(600.0), say("Are you still there?"), 1.0, name="long.wav")
    source = FileAudioIn(path)
    vad = StreamingVad()
    tracemalloc.start()
    ends = []
    for chunk in source.chunks():
        ends.extend(e for e in vad.feed(chunk) if isinstance(e, VadEnd))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(ends) == 1 and ends[0].start / 16000 > 599.0
    assert peak < 16 * 1024 * 1024  # the whole file as float32 would be 38 MB


def test_file_mic_rejects_bad_files(tmp_path):
    with pytest.raises(NotFound):
        FileAudioIn(tmp_path / "nope.wav")
    (tmp_path / "empty.wav").write_bytes(b"")
    with pytest.raises(BadInput):
        FileAudioIn(tmp_path / "empty.wav")


def test_wav_sink_resamples_and_stops(tmp_path):
    sink = WavAudioOut(tmp_path / "out.wav", sample_rate=16000)
    sink.write(np.full(22050, 0.5, np.float32), 22050)
    sink.close()
    data, rate = read_wav(tmp_path / "out.wav")
    assert rate == 16000 and abs(data.size - 16000) < 5


def test_missing_microphone_is_a_clear_error():
    with pytest.raises(PersonaError) as info:
        SoundDeviceIn("definitely-not-a-real-microphone")
    message = str(info.value)
    assert "\n" not in message
    assert "--in" in message or "--list-devices" in message or "libportaudio2" in message


def test_pause_then_resume_then_end_now(say):
    """A pause that speech follows is taken back (VadResume); `end_now` ends the utterance at
    a pause with exactly the pause's audio."""
    from persona.speech.vad import VadResume

    phrase = say("Turn on the lights please.")
    vad = StreamingVad(VadConfig(min_silence_ms=1200, speculate_ms=200))
    events = _feed(vad, np.concatenate([silence(0.5), phrase, silence(0.4), phrase, silence(0.3)]))
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["VadStart", "VadPause", "VadResume", "VadPause"]
    first, resume, second = events[1], events[2], events[3]
    assert isinstance(resume, VadResume) and resume.start == first.start == second.start
    assert resume.sample > first.sample
    assert second.speech_windows > first.speech_windows
    end = vad.end_now()
    assert isinstance(end, VadEnd) and end.reason == "early"
    assert np.array_equal(end.audio, second.audio) and end.speech_windows == second.speech_windows
    assert vad.end_now() is None and not vad.in_speech


def test_the_pause_comes_before_the_decision_point(say):
    """The reply starts at `speculate_ms` of silence; an end-of-turn model is asked at
    `decide_ms`, on the same speech with the silence that has followed since."""
    config = VadConfig(min_silence_ms=1200)
    assert 0 < config.speculate_ms < config.decide_ms < config.min_silence_ms
    vad = StreamingVad(config)
    audio = np.concatenate([silence(0.3), say("Turn on the lights please."), silence(0.6)])
    pause = None
    decided_at = None
    for i in range(0, audio.size, 512):
        for event in vad.feed(audio[i : i + 512]):
            if isinstance(event, VadPause):
                pause = event
                assert vad.silence_ms == pytest.approx(config.speculate_ms, abs=32)
                assert np.array_equal(vad.audio_so_far(), event.audio)
        if pause is not None and decided_at is None and vad.silence_ms >= config.decide_ms:
            decided_at = vad.position
            now = vad.audio_so_far()
            assert np.array_equal(now[: pause.audio.size], pause.audio)
            assert now.size > pause.audio.size and vad.in_speech
    assert pause is not None and decided_at is not None
    gap_ms = (decided_at - pause.sample) * 1000 / 16000
    assert gap_ms == pytest.approx(config.decide_ms - config.speculate_ms, abs=40)
    assert vad.end_now() is not None and vad.silence_ms == 0 and vad.audio_so_far() is None
