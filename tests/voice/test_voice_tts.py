"""Speech out: Piper (real voice) and the beeps voice."""

from __future__ import annotations

import numpy as np

from persona.speech.tts import BeepsTts, TtsConfig, open_tts, synthesize_all

from .voice_audio import words


def test_piper_speaks_what_it_is_given(piper, stt):
    samples, rate, _ = synthesize_all(piper, "Please open the front door.")
    assert rate == piper.sample_rate and samples.size > rate * 0.8
    assert np.abs(samples).max() > 0.1
    from persona.speech.audio_decode import pcm_to_stt

    padded = np.concatenate([np.zeros(4000, np.float32), pcm_to_stt(samples, rate)])
    assert {"open", "door"} <= words(stt.transcribe(padded).text)


def test_piper_speed_changes_duration():
    slow = open_tts(TtsConfig(speed=0.8))
    fast = open_tts(TtsConfig(speed=1.6))
    text = "One two three four five six."
    slow_n = synthesize_all(slow, text)[0].size
    fast_n = synthesize_all(fast, text)[0].size
    assert fast_n < slow_n * 0.75


def test_piper_yields_nothing_for_empty_text(piper):
    assert list(piper.synthesize("   ")) == []


def test_beeps_follow_the_text():
    beeps = open_tts(TtsConfig(voice="beeps"))
    assert isinstance(beeps, BeepsTts)
    short = list(beeps.synthesize("Hi."))
    long = list(beeps.synthesize("Hello there, human friend. Battery at fifty percent!"))
    assert short[0].text == "Hi."  # the subtitle
    assert long[0].duration_s > 2 * short[0].duration_s
    again = list(beeps.synthesize("Hi."))
    assert np.array_equal(short[0].samples, again[0].samples)  # same words, same beeps
    other = list(beeps.synthesize("Yo."))
    assert not np.array_equal(short[0].samples[:2000], other[0].samples[:2000])
    assert np.abs(long[0].samples).max() <= 1.0
    fast = BeepsTts(TtsConfig(voice="beeps", speed=2.0)).render("Hello there, human friend.")
    assert fast.size < beeps.render("Hello there, human friend.").size * 0.6
