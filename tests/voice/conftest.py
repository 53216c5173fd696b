"""Voice fixtures: the real STT/TTS models loaded once, and recordings made at test time
with Piper and with espeak-ng (a different voice), written to temporary folders."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from persona.speech.audio_decode import pcm_to_stt

from .voice_audio import read_wav, silence, write_wav


@pytest.fixture(scope="session")
def stt():
    from persona.speech.stt import WhisperStt

    return WhisperStt.load()


@pytest.fixture(scope="session")
def piper():
    from persona.speech.tts import open_tts

    return open_tts()


@pytest.fixture(scope="session")
def steady_piper():
    """Piper without sampling noise: the same text always gives the same recording."""
    from persona.speech.tts import TtsConfig, open_tts

    return open_tts(TtsConfig(noise_scale=0.0, noise_w_scale=0.0))


@pytest.fixture(scope="session")
def say(steady_piper):
    """Piper speech as 16 kHz mono float32 (the robot's own voice as mic input), with
    a quarter second of silence either side, as a mic would hear it."""
    from persona.speech.tts import synthesize_all

    cache: dict[str, np.ndarray] = {}

    def speak(text: str) -> np.ndarray:
        if text not in cache:
            samples, rate, _ = synthesize_all(steady_piper, text)
            speech = pcm_to_stt(samples * 0.7, rate)
            cache[text] = np.concatenate([silence(0.25), speech, silence(0.25)])
        return cache[text]

    return speak


@pytest.fixture(scope="session")
def espeak(tmp_path_factory):
    """espeak-ng speech (another voice and synthesiser) as 16 kHz mono float32."""
    exe = shutil.which("espeak-ng")
    if exe is None:
        pytest.fail("espeak-ng is not installed: apt-get install -y espeak-ng")
    folder = tmp_path_factory.mktemp("espeak")

    def speak(text: str) -> np.ndarray:
        path = folder / f"{abs(hash(text))}.wav"
        subprocess.run([exe, "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)
        samples, rate = read_wav(path)
        return np.concatenate([silence(0.25), pcm_to_stt(samples, rate), silence(0.25)])

    return speak


@pytest.fixture
def recording(tmp_path):
    """Join speech and silences (16 kHz arrays or seconds) into a WAV file."""

    def make(
        *parts: np.ndarray | float, name: str = "mic.wav", rate: int = 16000, channels: int = 1
    ) -> Path:
        pieces = [silence(p) if isinstance(p, (int, float)) else p for p in parts]
        audio = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
        if rate != 16000:
            from persona.speech.audio_decode import resample

            audio = resample(audio, 16000, rate)
        return write_wav(tmp_path / name, audio, rate, channels=channels)

    return make


@pytest.fixture(scope="session")
def voice_llm():
    """SmolLM2 on one thread: the voice loop runs STT/TTS beside it, and llama.cpp's
    spinning threads collapse when they share the cores (see `voice_llm_threads`)."""
    from persona.llm import BackendConfig, open_backend
    from persona.voice.session import voice_llm_threads

    backend = open_backend("llama", BackendConfig(n_ctx=2048, threads=voice_llm_threads()))
    yield backend
    backend.close()


@pytest.fixture
def conversation_factory(voice_llm, tmp_path):
    """A real Conversation (SmolLM2 via llama.cpp, SQLite in a temp folder), short replies."""
    from persona.chat import ChatStore, Conversation
    from persona.llm import GenerationOptions
    from persona.personas import load_persona

    stores = []

    def make(persona: str = "sparky"):
        store = ChatStore.open(tmp_path / f"chat{len(stores)}.db")
        stores.append(store)
        return Conversation.open(
            persona=load_persona(persona),
            backend=voice_llm,
            store=store,
            options=GenerationOptions(max_tokens=24, temperature=0.2, seed=7),
        )

    yield make
    for store in stores:
        store.close()


@pytest.fixture(scope="session")
def turn_detector():
    """Smart Turn v3, the real end-of-turn model from the catalog."""
    from persona.errors import PersonaError
    from persona.speech.turn import SmartTurn

    try:
        return SmartTurn.load()
    except PersonaError as exc:
        pytest.fail(f"{exc}: `persona models pull smart-turn-v3.2` installs it (scripts/setup.sh)")
