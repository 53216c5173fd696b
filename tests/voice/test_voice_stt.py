"""Speech in: real faster-whisper tiny.en on Piper and espeak-ng recordings."""

from __future__ import annotations

import dataclasses

import av
import numpy as np
import pytest

from persona.errors import BadInput, NotFound
from persona.speech.audio_decode import load_audio, resample, to_mono_float
from persona.speech.stt import is_hallucination, repeats_itself

from .voice_audio import silence, words, write_wav

QUESTION = "What is the capital of France?"


def test_piper_voice_transcribed(stt, say):
    result = stt.transcribe(np.concatenate([silence(0.3), say(QUESTION), silence(0.3)]))
    assert {"capital", "france"} <= words(result.text)
    assert result.audio_s > 1.0 and result.elapsed_s > 0


def test_espeak_voice_transcribed(stt, espeak):
    result = stt.transcribe(espeak("Please turn on the kitchen lights."))
    assert {"kitchen", "lights"} <= words(result.text)


@pytest.mark.parametrize(("rate", "channels"), [(8000, 1), (44100, 2), (48000, 1), (22050, 2)])
def test_any_rate_and_channels_from_file(stt, say, tmp_path, rate, channels):
    audio = resample(say(QUESTION), 16000, rate)
    path = write_wav(tmp_path / f"q_{rate}_{channels}.wav", audio, rate, channels=channels)
    result = stt.transcribe(path)
    assert "france" in words(result.text)


def test_pcm_arrays_any_rate(stt, say):
    audio = resample(say(QUESTION), 16000, 44100)
    stereo_int16 = (np.stack([audio, audio], axis=1) * 32767).astype(np.int16)
    result = stt.transcribe(stereo_int16, sample_rate=44100)
    assert "france" in words(result.text)


@pytest.mark.parametrize("dtype", [np.int16, np.int32, np.uint8, np.float32])
def test_stereo_pcm_is_scaled_before_it_is_mixed(dtype):
    """A mix of integer channels is float: scaled after the mix, it was clipped to +-1
    (Whisper then heard "capital of France" as "eye of the world, friends")."""
    wave = 0.5 * np.sin(np.linspace(0, 40 * np.pi, 1600, dtype=np.float32))
    if dtype == np.float32:
        pcm = wave
    elif dtype == np.uint8:
        pcm = np.round(wave * 127 + 128).astype(np.uint8)
    else:
        pcm = np.round(wave * np.iinfo(dtype).max).astype(dtype)
    mono = to_mono_float(np.stack([pcm, pcm], axis=1))
    assert mono.dtype == np.float32 and mono.shape == wave.shape
    assert np.abs(mono - wave).max() < 0.01


def _encode(path, audio: np.ndarray, codec: str, rate: int = 48000) -> None:
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate)
        stream.layout = "mono"
        pcm = (np.clip(resample(audio, 16000, rate), -1, 1) * 32767).astype(np.int16)
        frame = av.AudioFrame.from_ndarray(pcm[None, :], format="s16", layout="mono")
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


@pytest.mark.parametrize(
    ("suffix", "codec"), [("mp3", "libmp3lame"), ("ogg", "libopus"), ("webm", "libopus")]
)
def test_compressed_files(stt, say, tmp_path, suffix, codec):
    path = tmp_path / f"q.{suffix}"
    _encode(path, np.concatenate([say(QUESTION), silence(0.3)]), codec)
    assert "france" in words(stt.transcribe(path).text)


def test_silence_and_noise_give_no_text(stt):
    assert stt.transcribe(silence(3.0)).text == ""
    rng = np.random.default_rng(0)
    assert stt.transcribe((rng.standard_normal(16000 * 2) * 0.02).astype(np.float32)).text == ""


def test_hallucination_rules():
    assert is_hallucination("")
    assert is_hallucination(" ... ")
    assert is_hallucination("[Music]")
    assert is_hallucination("(upbeat music)")
    assert is_hallucination("Thank you.", no_speech_prob=0.5)
    assert is_hallucination("you", speech_ratio=0.1)
    assert not is_hallucination("Thank you.", no_speech_prob=0.01, avg_logprob=-0.2)
    assert not is_hallucination("What is the capital of France?", no_speech_prob=0.5)


def test_bad_files(tmp_path):
    with pytest.raises(NotFound):
        load_audio(tmp_path / "missing.wav")
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    with pytest.raises(BadInput, match="empty"):
        load_audio(empty)
    junk = tmp_path / "junk.wav"
    junk.write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunkjunkjunk" * 3)
    with pytest.raises(BadInput):
        load_audio(junk)
    text = tmp_path / "notes.mp3"
    text.write_text("this is not audio at all\n" * 20)
    with pytest.raises(BadInput):
        load_audio(text)
    zero = write_wav(tmp_path / "zero.wav", np.zeros(0, np.float32), 16000)
    with pytest.raises(BadInput, match="no audio"):
        load_audio(zero)
    with pytest.raises(BadInput):
        load_audio(tmp_path)


def test_bad_arrays():
    with pytest.raises(BadInput):
        load_audio(np.zeros((2, 2, 2), np.float32))
    with pytest.raises(BadInput):
        load_audio(np.zeros(100, np.float32), sample_rate=0)


# -- the short encoder window ----------------------------------------------------------


def test_short_window_hears_what_the_full_window_hears(say, espeak):
    """A question is encoded in a 10 s window, not Whisper's padded 30 s: no more than one
    word more wrong, on a digitally silent recording too (it gets a room's floor)."""
    from persona.bench.noise import word_errors
    from persona.speech.stt import SttConfig, WhisperStt

    short = WhisperStt.load(SttConfig(threads=1))
    full = WhisperStt.load(SttConfig(threads=1, window_s=None))
    assert short.config.window_s == 10.0
    for text, speak in (
        ("My favourite robot is", say),
        ("Please turn on the kitchen lights.", say),
        ("What should I cook for dinner tonight?", espeak),
    ):
        audio = speak(text)
        heard = short.transcribe(audio).text
        errors = word_errors(text, heard)
        assert errors.errors <= word_errors(text, full.transcribe(audio).text).errors + 1, heard


@pytest.mark.parametrize(
    ("audio_s", "window"),
    [(0.5, 10.0), (1.9, 10.0), (2.0, 7.0), (5.0, 7.0), (5.2, 8.0), (8.0, 10.0), (8.1, None)],
)
def test_the_window_fits_the_audio(audio_s, window):
    """2 s of room after the words, never under `min_window_s`; over `window_s`: 30 s; a
    word or two (a command) gets the longest short window."""
    from persona.speech.stt import SttConfig, fitted_window

    assert fitted_window(audio_s, SttConfig()) == window
    assert fitted_window(audio_s, SttConfig(window_s=None)) is None
    fixed = SttConfig(min_window_s=10.0)
    assert fitted_window(audio_s, fixed) == (None if window is None else 10.0)


def test_long_audio_gets_the_full_window(say, monkeypatch):
    from persona.speech.stt import SttConfig, WhisperStt

    stt = WhisperStt.load(SttConfig(threads=1, window_s=3.0))
    windows = []
    decode = stt._decode
    monkeypatch.setattr(stt, "_decode", lambda s, w, a: windows.append(w) or decode(s, w, a))
    result = stt.transcribe(np.concatenate([say(QUESTION), silence(0.5)]))
    assert windows == [None] and "france" in words(result.text)


def test_a_loop_in_the_short_window_is_heard_again_in_the_full_one(say, monkeypatch):
    """The decoder stuck in a loop ("X? X? X?") in the short window: the full one decides."""
    from persona.speech.stt import SttConfig, WhisperStt

    stt = WhisperStt.load(SttConfig(threads=1))
    decode = stt._decode
    windows = []

    def looping(samples, window_s, audio_s):
        windows.append(window_s)
        segments = decode(samples, window_s, audio_s)
        if window_s is None:
            return segments
        return [dataclasses.replace(s, text=f"{s.text} {s.text}") for s in segments]

    monkeypatch.setattr(stt, "_decode", looping)
    result = stt.transcribe(np.concatenate([silence(0.3), say(QUESTION), silence(0.3)]))
    assert windows == [7.0, None]  # a short question: the shortest window
    assert not repeats_itself(result.text) and {"capital", "france"} <= words(result.text)


@pytest.mark.parametrize(
    ("text", "loops"),
    [
        ("Do you like music? Do you like music?", True),
        ("Remind me to water the plans Remind me to water the plans Remind me", True),
        ("Hello? Hello?", False),  # said twice, by a person
        ("no no no, not that one", False),
        ("What is the capital of France?", False),
        ("", False),
    ],
)
def test_repeats_itself(text, loops):
    assert repeats_itself(text) is loops
