"""Piper voices (ONNX) behind `TextToSpeech`: the "piper-onnx" catalog format."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from persona.cores import CORES, available_cores, single_threaded_blas
from persona.errors import ModelError
from persona.speech.tts import SpeechAudio, TtsConfig, resolve_tts_model


class PiperTts:
    """A Piper voice. Synthesis holds a lock: one ONNX run at a time per voice."""

    def __init__(self, voice: object, config: TtsConfig, model_path: Path) -> None:
        from piper import SynthesisConfig

        self._voice = voice
        self.config = config
        self.model_path = model_path
        self.sample_rate = int(voice.config.sample_rate)  # type: ignore[attr-defined]
        speed = config.speed if config.speed > 0 else 1.0
        self._syn = SynthesisConfig(
            length_scale=1.0 / speed,
            volume=config.volume,
            noise_scale=config.noise_scale,
            noise_w_scale=config.noise_w_scale,
        )
        self._lock = threading.Lock()
        self._cores = config.threads if config.threads > 0 else available_cores()

    @staticmethod
    def load(config: TtsConfig | None = None) -> PiperTts:
        from piper import PiperVoice

        config = config or TtsConfig()
        single_threaded_blas()
        path = resolve_tts_model(config.voice)
        config_path = Path(f"{path}.json")
        if not path.exists() or not config_path.exists():
            raise ModelError(
                f"Piper voice {path} or its {config_path.name} is missing; pull the voice again"
            )
        try:
            voice = _load_piper(PiperVoice, path, config_path, threads=config.threads)
        except Exception as exc:  # onnxruntime raises its own error types
            raise ModelError(f"cannot load Piper voice {path}: {exc}") from None
        return PiperTts(voice, config, path)

    def synthesize(self, text: str) -> Iterator[SpeechAudio]:
        if not text.strip():
            return
        with self._lock, CORES.claim(self._cores):
            chunks = list(self._voice.synthesize(text, syn_config=self._syn))  # type: ignore[attr-defined]
        for chunk in chunks:
            yield SpeechAudio(chunk.audio_float_array.astype(np.float32), chunk.sample_rate, text)


def _load_piper(piper_voice: type, path: Path, config_path: Path, *, threads: int) -> object:
    """`PiperVoice.load`, but with a thread-limited ONNX session (it always uses every core)."""
    import json

    import onnxruntime
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    # The arena keeps the peak of every sentence's buffers forever: ~80 MB on a medium voice.
    options.enable_cpu_mem_arena = False
    if threads > 0:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    # Idle workers that spin hold a core the LLM needs next; without the spin Piper is
    # faster too (2 threads, 2 cores: 74-120 ms vs 90-212 on a short clause).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(
        str(path), sess_options=options, providers=["CPUExecutionProvider"]
    )
    config = PiperConfig.from_dict(json.loads(config_path.read_text(encoding="utf-8")))
    return piper_voice(session=session, config=config)
