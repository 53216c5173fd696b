"""The noise bench's arithmetic: levels, SNR mixing, the noises, the gate and word errors."""

from __future__ import annotations

import numpy as np
import pytest

from persona.bench.noise import (
    WordErrors,
    active_rms,
    babble,
    corpus_wer,
    fan_noise,
    mix_at_snr,
    normalise_words,
    rms,
    snr_db,
    spectral_gate,
    word_errors,
)

RATE = 16000


def _tone(seconds: float, hz: float = 440.0, level: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (level * np.sqrt(2) * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def _speechlike() -> np.ndarray:
    """Half a second of silence, a second of tone, a second of silence."""
    return np.concatenate([np.zeros(RATE // 2, np.float32), _tone(1.0), np.zeros(RATE, np.float32)])


def test_active_rms_ignores_the_silence_around_speech():
    speech = _speechlike()
    assert active_rms(speech) == pytest.approx(0.3, rel=0.01)
    assert rms(speech) < 0.2  # the plain RMS is dragged down by the silence
    assert active_rms(np.zeros(1000, np.float32)) == 0.0


@pytest.mark.parametrize("target", [20.0, 10.0, 0.0])
def test_mix_at_snr_sets_the_snr_on_the_speech_level(target):
    speech = _speechlike()
    noise = np.random.default_rng(1).standard_normal(speech.size).astype(np.float32)
    mixed = mix_at_snr(speech, noise, target, peak=np.inf)
    assert snr_db(speech, mixed - speech) == pytest.approx(target, abs=0.05)


def test_a_mix_that_would_clip_is_turned_down_whole():
    speech = _speechlike()
    noise = np.random.default_rng(1).standard_normal(speech.size).astype(np.float32)
    loud = mix_at_snr(speech, noise, 0.0, peak=np.inf)
    assert np.abs(loud).max() > 0.95
    mixed = mix_at_snr(speech, noise, 0.0)
    assert np.abs(mixed).max() == pytest.approx(0.95, abs=1e-6)
    assert np.allclose(mixed, loud * (0.95 / np.abs(loud).max()), atol=1e-6)


def test_mix_is_deterministic_and_checks_its_input():
    speech = _speechlike()
    a = mix_at_snr(speech, fan_noise(speech.size, np.random.default_rng(3)), 10)
    b = mix_at_snr(speech, fan_noise(speech.size, np.random.default_rng(3)), 10)
    assert np.array_equal(a, b)
    with pytest.raises(ValueError, match="samples"):
        mix_at_snr(speech, np.ones(10, np.float32), 10)
    with pytest.raises(ValueError, match="silent"):
        mix_at_snr(np.zeros(100, np.float32), np.ones(100, np.float32), 10)


def test_fan_noise_is_low_heavy_with_a_hum():
    noise = fan_noise(4 * RATE, np.random.default_rng(0))
    assert noise.dtype == np.float32 and rms(noise) == pytest.approx(1.0, rel=1e-3)
    power = np.abs(np.fft.rfft(noise)) ** 2
    freqs = np.fft.rfftfreq(noise.size, 1 / RATE)
    low = power[(freqs > 20) & (freqs < 500)].sum()
    high = power[freqs > 2000].sum()
    assert low > 5 * high  # a rumble, not white noise
    hum = power[np.abs(freqs - 50) < 1].max()
    assert hum > 50 * np.median(power[(freqs > 40) & (freqs < 60)])


def test_babble_sums_talkers_at_one_level():
    rng = np.random.default_rng(2)
    loud, quiet = _tone(0.7, 300, 0.5), _tone(0.5, 700, 0.05)
    mixed = babble([loud, quiet], 2 * RATE, rng)
    assert mixed.size == 2 * RATE and rms(mixed) == pytest.approx(1.0, rel=1e-3)
    power = np.abs(np.fft.rfft(mixed)) ** 2
    freqs = np.fft.rfftfreq(mixed.size, 1 / RATE)
    at = [power[np.abs(freqs - f) < 3].sum() for f in (300, 700)]
    assert 0.5 < at[0] / at[1] < 2  # the quiet talker is as loud as the loud one
    with pytest.raises(ValueError, match="two talkers"):
        babble([loud], RATE, rng)


def test_spectral_gate_lowers_steady_noise_and_keeps_the_tone():
    rng = np.random.default_rng(4)
    speech = _speechlike()
    noise = 0.03 * rng.standard_normal(speech.size).astype(np.float32)
    cleaned = spectral_gate(speech + noise)
    assert cleaned.shape == speech.shape and cleaned.dtype == np.float32
    quiet = slice(int(1.7 * RATE), int(2.4 * RATE))  # the silence after the tone
    assert rms(cleaned[quiet]) < 0.5 * rms(noise[quiet])
    voiced = slice(int(0.6 * RATE), int(1.4 * RATE))
    assert rms(cleaned[voiced]) == pytest.approx(rms(speech[voiced]), rel=0.15)


def test_normalise_words():
    assert normalise_words("What's your favourite colour?") == [
        "what",
        "is",
        "your",
        "favorite",
        "color",
    ]
    assert normalise_words("A long-trained journey... OK!") == [
        "a",
        "long",
        "trained",
        "journey",
        "ok",
    ]
    assert normalise_words("  ") == []


def test_word_errors_count_each_kind():
    assert word_errors("where do penguins live", "Where do penguins live?") == WordErrors(
        0, 0, 0, 4
    )
    assert word_errors("where do penguins live", "where do penguins lie").substitutions == 1
    dropped = word_errors("how far away is the moon", "how far is the moon")
    assert (dropped.deletions, dropped.errors) == (1, 1)
    added = word_errors("is it going to rain", "is it going to rain today then")
    assert (added.insertions, added.errors) == (2, 2)
    assert word_errors("remind me to water the plants", "").wer == 1.0
    assert word_errors("", "thank you").wer == 2.0  # insertions on nothing said
    mixed = word_errors("a b c d", "x b d e")
    assert mixed.errors == 3 and mixed.reference_words == 4


def test_corpus_wer_is_errors_over_all_reference_words():
    total = corpus_wer([("one two three four", "one two three four"), ("five six", "five")])
    assert total.errors == 1 and total.reference_words == 6
    assert total.wer == pytest.approx(1 / 6)
    assert corpus_wer([]).wer == 0.0
