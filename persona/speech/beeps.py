"""The astromech voice: sine chirps that follow the text (the "beeps" format; no model)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

import numpy as np

from persona.speech.tts import BEEPS, SpeechAudio, TtsConfig


class BeepsTts:
    """Astromech speech: sine chirps whose rhythm follows the text.

    Each word is a chirp whose length follows the word's length and whose pitch glides
    between two tones picked from the word's letters (the same word always sounds the same);
    commas and sentence ends become pauses. The text comes back as the subtitle.
    """

    sample_rate = 22050
    keeps_actions = True  # "*whirr-bip!*" is exactly what this voice should sound out

    def __init__(self, config: TtsConfig | None = None) -> None:
        self.config = config or TtsConfig(voice=BEEPS)

    @staticmethod
    def load(config: TtsConfig | None = None) -> BeepsTts:
        return BeepsTts(config)

    def synthesize(self, text: str) -> Iterator[SpeechAudio]:
        if not text.strip():
            return
        yield SpeechAudio(self.render(text), self.sample_rate, text)

    def render(self, text: str) -> np.ndarray:
        speed = self.config.speed if self.config.speed > 0 else 1.0
        rate = self.sample_rate
        parts: list[np.ndarray] = []
        for token in re.findall(r"[\w']+|[.!?]+|[,;:]", text):
            if token[0] in ".!?":
                parts.append(np.zeros(int(rate * 0.25 / speed), dtype=np.float32))
                continue
            if token[0] in ",;:":
                parts.append(np.zeros(int(rate * 0.12 / speed), dtype=np.float32))
                continue
            digest = hashlib.blake2b(token.lower().encode(), digest_size=4).digest()
            f0 = 600.0 + digest[0] / 255.0 * 1600.0
            f1 = 600.0 + digest[1] / 255.0 * 1600.0
            duration = (0.05 + 0.035 * min(len(token), 12)) / speed
            n = int(rate * duration)
            freq = np.linspace(f0, f1, n, dtype=np.float64)
            phase = 2 * np.pi * np.cumsum(freq) / rate
            envelope = np.minimum(
                1.0, np.minimum(np.arange(n), np.arange(n)[::-1]) / (0.005 * rate)
            )
            parts.append((0.5 * self.config.volume * np.sin(phase) * envelope).astype(np.float32))
            parts.append(np.zeros(int(rate * 0.04 / speed), dtype=np.float32))
        if not parts:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate(parts)
