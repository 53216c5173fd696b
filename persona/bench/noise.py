"""Background noise for the voice bench, and word error rate: pure functions on arrays and text.

Noise is made from a seeded `numpy.random.Generator`, so a run is repeatable. SNR is taken
against the speech's active level (the RMS of its voiced frames), so the silence a recording
starts and ends with does not make the speech look quieter than it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

RATE = 16000


# ---------------------------------------------------------------- levels and mixing


def rms(samples: np.ndarray) -> float:
    data = np.asarray(samples, dtype=np.float64).reshape(-1)
    return float(np.sqrt(np.mean(data**2))) if data.size else 0.0


def active_rms(
    speech: np.ndarray, rate: int = RATE, *, frame_ms: int = 10, below_peak_db: float = 40.0
) -> float:
    """RMS of the frames within `below_peak_db` of the loudest: the level of the speech
    itself, not of the pauses around and inside it. 0.0 for digital silence."""
    data = np.asarray(speech, dtype=np.float64).reshape(-1)
    frame = max(1, rate * frame_ms // 1000)
    n = data.size // frame
    if n == 0:
        return rms(data)
    power = np.mean(data[: n * frame].reshape(n, frame) ** 2, axis=1)
    peak = float(power.max())
    if peak <= 0.0:
        return 0.0
    voiced = power[power >= peak * 10 ** (-below_peak_db / 10)]
    return float(np.sqrt(voiced.mean()))


def snr_db(speech: np.ndarray, noise: np.ndarray, rate: int = RATE) -> float:
    """Speech active level over the noise's RMS, in dB."""
    level, floor = active_rms(speech, rate), rms(noise)
    if floor == 0.0:
        return float("inf")
    if level == 0.0:
        return float("-inf")
    return 20.0 * float(np.log10(level / floor))


def mix_at_snr(
    speech: np.ndarray, noise: np.ndarray, snr: float, rate: int = RATE, *, peak: float = 0.95
) -> np.ndarray:
    """`speech` plus `noise` scaled to `snr` dB below the speech's active level. Both are
    the same length (the noise runs under the silence too). When the sum would clip, both
    are turned down together, which keeps the SNR."""
    speech = np.asarray(speech, dtype=np.float32).reshape(-1)
    noise = np.asarray(noise, dtype=np.float32).reshape(-1)
    if speech.size != noise.size:
        raise ValueError(f"speech has {speech.size} samples and noise {noise.size}")
    level, floor = active_rms(speech, rate), rms(noise)
    if level == 0.0 or floor == 0.0:
        raise ValueError("cannot set an SNR with silent speech or silent noise")
    gain = level / (floor * 10 ** (snr / 20.0))
    mixed = speech + np.float32(gain) * noise
    top = float(np.abs(mixed).max())
    if top > peak:
        mixed *= np.float32(peak / top)
    return mixed.astype(np.float32)


# ---------------------------------------------------------------- noises


def _coloured(n: int, rng: np.random.Generator, exponent: float, rate: int) -> np.ndarray:
    """Gaussian noise whose power falls as 1/f**exponent (1: pink, 2: brown), unit RMS;
    nothing below 20 Hz (a mic's own high-pass)."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1.0 / rate)
    shape = np.zeros_like(freqs)
    audible = freqs >= 20.0
    shape[audible] = freqs[audible] ** (-exponent / 2.0)
    out = np.fft.irfft(spectrum * shape, n)
    return out / (rms(out) or 1.0)


def fan_noise(
    n: int,
    rng: np.random.Generator,
    rate: int = RATE,
    *,
    hum_hz: float = 50.0,
    blade_hz: float = 120.0,
) -> np.ndarray:
    """A fan or air conditioner: brown and pink rumble, a motor hum at `hum_hz` with its
    harmonics, and the blade-pass tone at `blade_hz` with harmonics, gently modulated at the
    rotation rate. Unit RMS float32."""
    t = np.arange(n) / rate
    broadband = 0.8 * _coloured(n, rng, 2.0, rate) + 0.6 * _coloured(n, rng, 1.0, rate)
    phases = rng.uniform(0, 2 * np.pi, 8)
    hum = sum(
        a * np.sin(2 * np.pi * hum_hz * k * t + p)
        for k, a, p in zip((1, 2, 3), (1.0, 0.5, 0.25), phases[:3], strict=True)
    )
    rotation = 1.0 + 0.2 * np.sin(2 * np.pi * (blade_hz / 5) * t + phases[3])
    blades = rotation * sum(
        a * np.sin(2 * np.pi * blade_hz * k * t + p)
        for k, a, p in zip((1, 2, 3, 4), (1.0, 0.6, 0.35, 0.2), phases[4:], strict=True)
    )
    out = broadband / (rms(broadband) or 1.0) + 0.35 * hum / rms(hum) + 0.3 * blades / rms(blades)
    return (out / rms(out)).astype(np.float32)


def babble(
    talkers: Sequence[np.ndarray], n: int, rng: np.random.Generator, rate: int = RATE
) -> np.ndarray:
    """Several people talking at once: each talker's recording at the same level, looped
    from a random starting point to `n` samples, all summed. Unit RMS float32."""
    voices = [np.asarray(v, dtype=np.float64).reshape(-1) for v in talkers]
    voices = [v for v in voices if v.size and active_rms(v, rate) > 0.0]
    if len(voices) < 2:
        raise ValueError("babble needs at least two talkers with some sound")
    out = np.zeros(n)
    for voice in voices:
        start = int(rng.integers(0, voice.size))
        looped = np.resize(np.roll(voice, -start), n)
        out += looped / active_rms(voice, rate)
    return (out / (rms(out) or 1.0)).astype(np.float32)


# ---------------------------------------------------------------- noise suppression


def spectral_gate(
    audio: np.ndarray,
    *,
    frame: int = 512,
    hop: int = 128,
    noise_percentile: float = 15.0,
    over_subtract: float = 1.5,
    floor_db: float = -15.0,
) -> np.ndarray:
    """Steady-noise suppression: the noise spectrum is each frequency's `noise_percentile`
    magnitude over the recording (the quiet moments between words), and every frame loses
    `over_subtract` times it, never below `floor_db` (deeper gates make whisper hear
    "musical" artefacts). Helps against a fan, not against babble."""
    data = np.asarray(audio, dtype=np.float32).reshape(-1)
    if data.size < frame:
        return data.copy()
    window = np.hanning(frame).astype(np.float32)
    pad = frame - hop
    padded = np.concatenate([np.zeros(pad, np.float32), data, np.zeros(frame, np.float32)])
    count = 1 + (padded.size - frame) // hop
    index = np.arange(frame)[None, :] + hop * np.arange(count)[:, None]
    spectra = np.fft.rfft(padded[index] * window, axis=1)
    magnitude = np.abs(spectra)
    noise = np.percentile(magnitude, noise_percentile, axis=0)
    floor = 10 ** (floor_db / 20.0)
    gain = np.maximum(1.0 - over_subtract * noise / np.maximum(magnitude, 1e-9), floor)
    # Smooth the gain over time so it does not flutter from frame to frame.
    kernel = np.array([0.25, 0.5, 0.25])
    gain = np.apply_along_axis(lambda g: np.convolve(g, kernel, mode="same"), 0, gain)
    frames = np.fft.irfft(spectra * gain, frame, axis=1) * window
    out = np.zeros(padded.size, np.float64)
    norm = np.zeros(padded.size, np.float64)
    np.add.at(out, index, frames)
    np.add.at(norm, index, np.broadcast_to(window**2, frames.shape))
    out = out / np.maximum(norm, 1e-6)
    return out[pad : pad + data.size].astype(np.float32)


# ---------------------------------------------------------------- word error rate

_CONTRACTIONS = {
    "what's": "what is",
    "where's": "where is",
    "who's": "who is",
    "how's": "how is",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "i'm": "i am",
    "you're": "you are",
    "we're": "we are",
    "they're": "they are",
    "i'd": "i would",
    "i'll": "i will",
    "can't": "cannot",
    "don't": "do not",
    "doesn't": "does not",
    "isn't": "is not",
    "let's": "let us",
}
_SPELLING = {"colour": "color", "favourite": "favorite", "aeroplane": "airplane", "okay": "ok"}
_NOT_WORD = re.compile(r"[^a-z0-9' ]+")


def normalise_words(text: str) -> list[str]:
    """Words to compare: lowercase, no punctuation, hyphens split, contractions expanded,
    British spellings made American (whisper writes both)."""
    text = _NOT_WORD.sub(" ", text.lower().replace("-", " ").replace("\u2019", "'"))
    words: list[str] = []
    for word in text.split():
        word = word.strip("'")
        if not word:
            continue
        word = _CONTRACTIONS.get(word, word)
        words.extend(_SPELLING.get(w, w) for w in word.split())
    return words


@dataclass(frozen=True, slots=True)
class WordErrors:
    """Levenshtein alignment counts of a hypothesis against a reference, in words."""

    substitutions: int
    deletions: int
    insertions: int
    reference_words: int

    @property
    def errors(self) -> int:
        return self.substitutions + self.deletions + self.insertions

    @property
    def wer(self) -> float:
        """Errors over reference words; an empty reference scores 1.0 per inserted word."""
        if self.reference_words == 0:
            return float(self.insertions)
        return self.errors / self.reference_words

    def __add__(self, other: WordErrors) -> WordErrors:
        return WordErrors(
            self.substitutions + other.substitutions,
            self.deletions + other.deletions,
            self.insertions + other.insertions,
            self.reference_words + other.reference_words,
        )


def word_errors(reference: str, hypothesis: str) -> WordErrors:
    """Minimum edit distance in words between normalised texts, split into kinds (ties
    prefer substitutions, as the usual WER tools do)."""
    ref, hyp = normalise_words(reference), normalise_words(hypothesis)
    # cost[j] = (errors, subs, dels, ins) aligning ref[:i] with hyp[:j]
    row = [(j, 0, 0, j) for j in range(len(hyp) + 1)]
    for i in range(1, len(ref) + 1):
        new = [(i, 0, i, 0)]
        for j in range(1, len(hyp) + 1):
            e, s, d, n = row[j - 1]
            if ref[i - 1] == hyp[j - 1]:
                best = (e, s, d, n)
            else:
                best = (e + 1, s + 1, d, n)
            e, s, d, n = row[j]
            best = min(best, (e + 1, s, d + 1, n), key=lambda c: c[0])
            e, s, d, n = new[j - 1]
            best = min(best, (e + 1, s, d, n + 1), key=lambda c: c[0])
            new.append(best)
        row = new
    _, s, d, n = row[-1]
    return WordErrors(s, d, n, len(ref))


def corpus_wer(pairs: Iterable[tuple[str, str]]) -> WordErrors:
    """All (reference, hypothesis) pairs' errors together: the WER over every word said."""
    total = WordErrors(0, 0, 0, 0)
    for reference, hypothesis in pairs:
        total = total + word_errors(reference, hypothesis)
    return total
