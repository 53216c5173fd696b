"""Speech in and out: faster-whisper STT, Silero endpointing, Piper and beeps TTS, audio I/O.

Heavy libraries load only when a model is opened, so importing this package is cheap.
"""

from __future__ import annotations

from persona.speech.audio_decode import load_audio, pcm_to_stt
from persona.speech.audio_io import (
    AudioIn,
    AudioOut,
    FileAudioIn,
    SoundDeviceIn,
    SoundDeviceOut,
    WavAudioOut,
    list_devices,
)
from persona.speech.beeps import BeepsTts
from persona.speech.piper_voice import PiperTts
from persona.speech.sentences import SentenceSplitter, split_for_tts
from persona.speech.stt import SpeechToText, SttConfig, SttResult, WhisperStt
from persona.speech.textclean import speakable
from persona.speech.tts import SpeechAudio, TextToSpeech, TtsConfig, open_tts
from persona.speech.vad import StreamingVad, VadConfig

__all__ = [
    "AudioIn",
    "AudioOut",
    "BeepsTts",
    "FileAudioIn",
    "PiperTts",
    "SentenceSplitter",
    "SoundDeviceIn",
    "SoundDeviceOut",
    "SpeechAudio",
    "SpeechToText",
    "StreamingVad",
    "SttConfig",
    "SttResult",
    "TextToSpeech",
    "TtsConfig",
    "VadConfig",
    "WavAudioOut",
    "WhisperStt",
    "list_devices",
    "load_audio",
    "open_tts",
    "pcm_to_stt",
    "speakable",
    "split_for_tts",
]
